package com.mobilemarketing.core.security;

import java.time.ZoneId;
import org.jspecify.annotations.Nullable;

/**
 * A signed-in user: a marketer of one account, or support staff of the platform (no account).
 * {@code timeZone} is the account's time zone (read once at sign-in), in which every day, range and
 * time of the user's screens and exports is shown; support staff see the platform's.
 */
public record AppUser(
        long id,
        @Nullable Long accountId,
        String username,
        String fullName,
        Role role,
        String locale,
        ZoneId timeZone) {

    /** The platform's time zone: for users without an account and accounts without a zone. */
    public static final ZoneId PLATFORM_ZONE = ZoneId.of("Europe/Warsaw");

    public enum Role {
        MARKETER,
        SUPPORT
    }

    public boolean isSupport() {
        return role == Role.SUPPORT;
    }

    /** The account of a marketer; support staff have none. */
    public long requireAccountId() {
        if (accountId == null) {
            throw new IllegalStateException("User " + username + " belongs to no account");
        }
        return accountId;
    }
}
