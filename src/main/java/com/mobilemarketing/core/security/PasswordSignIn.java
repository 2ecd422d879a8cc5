package com.mobilemarketing.core.security;

import com.mobilemarketing.core.DemoMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Checks user name and password, throttled: an attempt that must wait is refused before the
 * password is looked at, and every failed or refused attempt is logged with the user name and the
 * client's address. Outside the demo the demo password is refused for every user.
 */
public class PasswordSignIn implements AuthenticationProvider {

    private static final Logger log = LoggerFactory.getLogger(PasswordSignIn.class);
    private static final int LOGGED_NAME_LENGTH = 64;

    private final DaoAuthenticationProvider passwords;
    private final LoginThrottle throttle;
    private final DemoMode demoMode;

    public PasswordSignIn(DaoAuthenticationProvider passwords, LoginThrottle throttle, DemoMode demoMode) {
        this.passwords = passwords;
        this.throttle = throttle;
        this.demoMode = demoMode;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        var username = authentication.getName() == null ? "" : authentication.getName();
        var address = authentication.getDetails() instanceof WebAuthenticationDetails details
                        && details.getRemoteAddress() != null
                ? details.getRemoteAddress()
                : "unknown";
        var wait = throttle.waitFor(username, address);
        if (wait.isPresent()) {
            log.warn(
                    "Sign-in refused (throttled, {} s left) for user name '{}' from {}",
                    wait.get().toSeconds(),
                    loggable(username),
                    address);
            throw new SignInThrottledException(wait.get());
        }
        try {
            if (!demoMode.isOn() && DemoMode.DEMO_PASSWORD.equals(authentication.getCredentials())) {
                throw new BadCredentialsException("The demo password is refused outside the demo");
            }
            var result = passwords.authenticate(authentication);
            throttle.succeeded(username);
            return result;
        } catch (AuthenticationException e) {
            throttle.failed(username, address);
            log.warn("Sign-in failed for user name '{}' from {}", loggable(username), address);
            throw e;
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    /** The typed user name, safe for one log line: no control characters, bounded length. */
    static String loggable(String username) {
        var clean = username.replaceAll("\\p{Cntrl}", "?");
        return clean.length() > LOGGED_NAME_LENGTH ? clean.substring(0, LOGGED_NAME_LENGTH) + "…" : clean;
    }
}
