package com.mobilemarketing.stats;

import com.mobilemarketing.core.time.DateRange;
import com.mobilemarketing.core.time.RangePreset;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The chosen preset resolved against "now" in the account's time zone: "today" is the local date
 * of the clock's instant there, so just after local midnight the new day (and month, quarter,
 * year) has already begun even while UTC is still on the day before.
 */
public record StatsPeriod(RangePreset preset, LocalDate today, DateRange range) {

    public static StatsPeriod of(RangePreset preset, Clock clock, ZoneId zone) {
        var today = LocalDate.ofInstant(clock.instant(), zone);
        return new StatsPeriod(preset, today, preset.range(today));
    }

    /** The period of the same length right before, for "change vs previous period". */
    public DateRange previous() {
        return range.previous();
    }

    /** Parses a URL or preference value leniently (case-insensitive); anything else is empty. */
    public static Optional<RangePreset> parsePreset(@Nullable String value) {
        if (value == null || value.isBlank() || value.length() > 40) {
            return Optional.empty();
        }
        try {
            return Optional.of(RangePreset.valueOf(value.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
