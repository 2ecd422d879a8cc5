package com.mobilemarketing.core.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits of the sign-in throttle ({@code app.login.*}).
 *
 * @param maxFailuresPerUser failed sign-ins for one user name within the window before attempts wait
 * @param maxFailuresPerAddress failed sign-ins from one client address within the window before attempts wait
 * @param window how far back failures count
 * @param firstDelay the wait after the limit is reached; it doubles with every further failure
 * @param maxDelay the longest wait
 */
@ConfigurationProperties("app.login")
public record LoginProperties(
        @DefaultValue("5") int maxFailuresPerUser,
        @DefaultValue("20") int maxFailuresPerAddress,
        @DefaultValue("15m") Duration window,
        @DefaultValue("1m") Duration firstDelay,
        @DefaultValue("15m") Duration maxDelay) {}
