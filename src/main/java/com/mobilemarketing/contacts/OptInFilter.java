package com.mobilemarketing.contacts;

import com.mobilemarketing.db.enums.Channel;
import org.jspecify.annotations.Nullable;

/**
 * Which opt-in contacts a list shows: those opted in on {@code channel} (null: on at least one
 * channel), optionally narrowed by a fragment of name, phone or email.
 */
public record OptInFilter(@Nullable Channel channel, String search) {

    public static final int MAX_SEARCH_LENGTH = 100;

    public OptInFilter {
        search = search == null ? "" : search.strip();
        if (search.length() > MAX_SEARCH_LENGTH) {
            throw new IllegalArgumentException("Search text longer than " + MAX_SEARCH_LENGTH + " characters");
        }
    }

    public OptInFilter(@Nullable Channel channel) {
        this(channel, "");
    }

    public boolean searching() {
        return !search.isEmpty();
    }
}
