package com.mobilemarketing.contacts;

import java.util.Locale;
import java.util.Optional;

/** The sort orders an opt-in list offers; each ends on the contact id so paging by key is exact. */
public enum OptInSort {
    NAME,
    PHONE;

    /** Maps a grid column's sort key to a whitelisted order; unknown keys give nothing. */
    public static Optional<OptInSort> of(String key) {
        return switch (key.toLowerCase(Locale.ROOT)) {
            case "name" -> Optional.of(NAME);
            case "phone" -> Optional.of(PHONE);
            default -> Optional.empty();
        };
    }
}
