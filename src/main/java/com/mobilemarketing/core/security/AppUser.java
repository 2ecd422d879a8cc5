package com.mobilemarketing.core.security;

import org.jspecify.annotations.Nullable;

/** A signed-in user: a marketer of one account, or support staff of the platform (no account). */
public record AppUser(long id, @Nullable Long accountId, String username, String fullName, Role role, String locale) {

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
