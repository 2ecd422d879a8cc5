package com.mobilemarketing.core;

import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Enum constants from URL and preference values, leniently: any case, surrounding blanks; anything else is empty. */
public final class EnumValues {

    /** Longer values are refused unread (a URL can carry anything). */
    static final int MAX_LENGTH = 40;

    private EnumValues() {}

    public static <E extends Enum<E>> Optional<E> parse(Class<E> type, @Nullable String value) {
        if (value == null || value.isBlank() || value.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        try {
            return Optional.of(Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
