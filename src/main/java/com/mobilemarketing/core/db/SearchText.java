package com.mobilemarketing.core.db;

import org.jspecify.annotations.Nullable;

/**
 * A search box's text as the queries take it: without the blanks around it and without NUL
 * characters. PostgreSQL refuses a NUL in a text parameter (the whole query fails), and no text it
 * stores can hold one, so a NUL pasted into a search or put into a URL matches nothing by itself.
 */
public final class SearchText {

    private SearchText() {}

    /** The text to search for, or null when nothing is left. */
    public static @Nullable String of(@Nullable String text) {
        if (text == null) {
            return null;
        }
        var clean = text.replace("\0", "").strip();
        return clean.isEmpty() ? null : clean;
    }
}
