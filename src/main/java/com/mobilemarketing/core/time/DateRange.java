package com.mobilemarketing.core.time;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

/** Local calendar days from {@code first} to {@code last}, both included. */
public record DateRange(LocalDate first, LocalDate last) {

    public DateRange {
        if (last.isBefore(first)) {
            throw new IllegalArgumentException("Range ends before it starts: " + first + " – " + last);
        }
    }

    public long days() {
        return ChronoUnit.DAYS.between(first, last) + 1;
    }

    /** The period of the same number of days right before this one, for "change vs previous period". */
    public DateRange previous() {
        return new DateRange(first.minusDays(days()), first.minusDays(1));
    }

    /** The same calendar days one year earlier (29 February becomes 28 February), for "same period last year". */
    public DateRange sameDaysYearBefore() {
        return new DateRange(first.minusYears(1), last.minusYears(1));
    }

    public boolean contains(LocalDate day) {
        return !day.isBefore(first) && !day.isAfter(last);
    }

    public Instant startInclusive(ZoneId zone) {
        return first.atStartOfDay(zone).toInstant();
    }

    public Instant endExclusive(ZoneId zone) {
        return last.plusDays(1).atStartOfDay(zone).toInstant();
    }
}
