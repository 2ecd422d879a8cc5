package com.mobilemarketing.core.security;

import java.time.Duration;
import org.springframework.security.core.AuthenticationException;

/** A sign-in refused unchecked because of too many failed attempts; says how long to wait. */
public class SignInThrottledException extends AuthenticationException {

    private final Duration wait;

    public SignInThrottledException(Duration wait) {
        super("Too many failed sign-ins: try again in " + wait.toSeconds() + " s");
        this.wait = wait;
    }

    public Duration getWait() {
        return wait;
    }
}
