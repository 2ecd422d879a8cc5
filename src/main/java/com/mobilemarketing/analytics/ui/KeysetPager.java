package com.mobilemarketing.analytics.ui;

import com.mobilemarketing.analytics.RecipientRow;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Serves the offsets a lazy Grid asks for by key: it remembers the last contact id before every
 * position it has fetched up to, so the next page continues from that key instead of skipping
 * rows. A jump to a position never reached falls back to an offset scan of the key alone.
 */
final class KeysetPager {

    /** Fetches one page: after {@code afterKey} if known, else after skipping {@code skip} rows. */
    @FunctionalInterface
    interface PageQuery {
        List<RecipientRow> fetch(@Nullable Long afterKey, int skip, int limit);
    }

    /** Enough for a user to scroll a very long list; beyond it old positions fall back to offsets. */
    private static final int MAX_REMEMBERED = 100_000;

    private final Map<Integer, Long> keyBefore = new HashMap<>();

    Stream<RecipientRow> fetch(int offset, int limit, PageQuery query) {
        var afterKey = offset == 0 ? null : keyBefore.get(offset);
        var rows = query.fetch(afterKey, afterKey == null ? offset : 0, limit);
        if (!rows.isEmpty()) {
            if (keyBefore.size() >= MAX_REMEMBERED) {
                keyBefore.clear();
            }
            keyBefore.put(offset + rows.size(), rows.getLast().contactId());
        }
        return rows.stream();
    }

    void reset() {
        keyBefore.clear();
    }
}
