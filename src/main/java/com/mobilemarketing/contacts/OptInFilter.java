package com.mobilemarketing.contacts;

import com.mobilemarketing.core.db.PostgresText;
import com.mobilemarketing.db.enums.Channel;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Which opt-in contacts a list shows: those opted in on {@code channel} (null: on at least one
 * channel), or with {@code part} those opted in on exactly that part's channels (then
 * {@code channel} is null), optionally narrowed by a fragment of name, phone or email.
 */
public record OptInFilter(
        @Nullable Channel channel, @Nullable OverlapPart part, String search) {

    public static final int MAX_SEARCH_LENGTH = 100;

    public OptInFilter {
        search = Objects.requireNonNullElse(PostgresText.searchTerm(search), "");
        if (search.length() > MAX_SEARCH_LENGTH) {
            throw new IllegalArgumentException("Search text longer than " + MAX_SEARCH_LENGTH + " characters");
        }
        if (channel != null && part != null) {
            throw new IllegalArgumentException("A list is of a channel or of an overlap part, not both");
        }
    }

    public OptInFilter(@Nullable Channel channel, String search) {
        this(channel, null, search);
    }

    public OptInFilter(@Nullable Channel channel) {
        this(channel, null, "");
    }

    /** The contacts opted in on exactly the part's channels. */
    public static OptInFilter of(OverlapPart part) {
        return new OptInFilter(null, part, "");
    }

    /** The same list narrowed by another search text. */
    public OptInFilter searching(String text) {
        return new OptInFilter(channel, part, text);
    }

    public boolean searching() {
        return !search.isEmpty();
    }
}
