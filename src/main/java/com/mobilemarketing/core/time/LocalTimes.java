package com.mobilemarketing.core.time;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;
import org.jspecify.annotations.Nullable;

/**
 * Instants as local times of one zone, to the second, for a stream of rows (an export): the zone's
 * offset is looked up once for each stretch between two of its transitions instead of once a value.
 * Looking it up was the largest part of writing an exported row's dates. One per thread: it remembers
 * the stretch it last used.
 */
public final class LocalTimes {

    private final ZoneRules rules;
    private long validFrom = Long.MAX_VALUE;
    private long validUntil = Long.MIN_VALUE;
    private ZoneOffset offset = ZoneOffset.UTC;

    public LocalTimes(ZoneId zone) {
        this.rules = zone.getRules();
    }

    /** {@code time} in the zone, its fraction of a second dropped; null for null. */
    public @Nullable LocalDateTime local(@Nullable OffsetDateTime time) {
        if (time == null) {
            return null;
        }
        var second = time.toEpochSecond();
        if (second < validFrom || second >= validUntil) {
            var instant = time.toInstant();
            offset = rules.getOffset(instant);
            // The stretch of the same offset around the instant: from the last transition at or
            // before it to the next one after it (none in a zone of a fixed offset).
            var previous = rules.previousTransition(instant.plusNanos(1));
            var next = rules.nextTransition(instant);
            validFrom = previous == null ? Long.MIN_VALUE : previous.toEpochSecond();
            validUntil = next == null ? Long.MAX_VALUE : next.toEpochSecond();
        }
        return LocalDateTime.ofEpochSecond(second, 0, offset);
    }
}
