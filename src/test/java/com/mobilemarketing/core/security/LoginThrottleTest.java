package com.mobilemarketing.core.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;

/** The throttle's arithmetic on a clock the test moves: limits per user name and address, growing delay, window. */
class LoginThrottleTest {

    private Instant now = Instant.parse("2026-11-15T10:00:00Z");
    private final InstantSource clock = () -> now;
    private final LoginThrottle throttle = new LoginThrottle(
            new LoginProperties(5, 20, Duration.ofMinutes(15), Duration.ofMinutes(1), Duration.ofMinutes(15)), clock);

    @Test
    void fiveFailuresOfOneUserNamePauseItWithAGrowingDelay() {
        for (int i = 0; i < 4; i++) {
            throttle.failed("anna", "10.0.0." + i);
        }
        assertThat(throttle.waitFor("anna", "10.0.0.9")).isEmpty();
        throttle.failed("ANNA ", "10.0.0.5");
        assertThat(throttle.waitFor("anna", "10.0.0.9")).contains(Duration.ofMinutes(1));
        assertThat(throttle.waitFor("piotr", "10.0.0.9")).isEmpty();

        now = now.plusSeconds(60);
        assertThat(throttle.waitFor("anna", "10.0.0.9")).isEmpty();
        throttle.failed("anna", "10.0.0.9");
        assertThat(throttle.waitFor("anna", "10.0.0.9")).contains(Duration.ofMinutes(2));
        now = now.plusSeconds(120);
        throttle.failed("anna", "10.0.0.9");
        assertThat(throttle.waitFor("anna", "10.0.0.9")).contains(Duration.ofMinutes(4));
    }

    @Test
    void twentyFailuresFromOneAddressPauseEveryUserNameFromIt() {
        for (int i = 0; i < 20; i++) {
            throttle.failed("user" + i, "10.0.0.1");
        }
        assertThat(throttle.waitFor("someone-else", "10.0.0.1")).contains(Duration.ofMinutes(1));
        assertThat(throttle.waitFor("someone-else", "10.0.0.2")).isEmpty();
    }

    @Test
    void theDelayNeverExceedsTheMaximumAndFailuresLeaveTheWindow() {
        for (int i = 0; i < 12; i++) {
            throttle.failed("anna", "10.0.0.1");
        }
        assertThat(throttle.waitFor("anna", "10.0.0.1")).contains(Duration.ofMinutes(15));
        now = now.plus(Duration.ofMinutes(15)).plusSeconds(1);
        assertThat(throttle.waitFor("anna", "10.0.0.1")).isEmpty();
    }

    @Test
    void aSuccessClearsTheUserNameButNotTheAddress() {
        for (int i = 0; i < 20; i++) {
            throttle.failed("anna", "10.0.0.1");
        }
        throttle.succeeded("anna");
        assertThat(throttle.waitFor("anna", "10.0.0.2")).isEmpty();
        assertThat(throttle.waitFor("anna", "10.0.0.1")).isPresent();
    }
}
