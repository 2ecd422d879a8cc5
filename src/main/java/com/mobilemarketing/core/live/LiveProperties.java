package com.mobilemarketing.core.live;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the live updates across app nodes.
 *
 * @param notifyIntervalMs how often at most a node sends the changes of one account to the others
 */
@ConfigurationProperties("app.live")
public record LiveProperties(@DefaultValue("300") long notifyIntervalMs) {}
