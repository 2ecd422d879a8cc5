package com.mobilemarketing.core;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The app's notion of "now" ({@code app.clock.*}).
 *
 * @param fixed an instant that stays "now" (tests make time ranges exact with it); unset: the system clock
 */
@ConfigurationProperties("app.clock")
public record ClockProperties(@Nullable String fixed) {}
