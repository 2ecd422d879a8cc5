package com.mobilemarketing.core.db;

import org.jspecify.annotations.Nullable;

/**
 * Text as PostgreSQL takes it. It refuses a NUL character in a text value, as a parameter or to
 * store (the whole statement fails), and no text it stores can hold one: input from outside that
 * has one is refused where it is stored, and dropped where it is only searched for.
 */
public final class PostgresText {

    private PostgresText() {}

    /** Whether PostgreSQL would refuse the text: it holds a NUL character. */
    public static boolean hasNul(@Nullable String text) {
        return text != null && text.indexOf('\0') >= 0;
    }

    /**
     * A search box's text to search for: without the blanks around it and without NUL characters
     * (which match nothing); null when nothing is left.
     */
    public static @Nullable String searchTerm(@Nullable String text) {
        if (text == null) {
            return null;
        }
        var clean = text.replace("\0", "").strip();
        return clean.isEmpty() ? null : clean;
    }
}
