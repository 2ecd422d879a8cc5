package com.mobilemarketing.stats;

import com.mobilemarketing.core.EnumValues;
import com.mobilemarketing.core.time.DateRange;
import com.mobilemarketing.core.time.RangePreset;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The chosen range resolved against "now" in the account's time zone: a preset, or a custom range
 * of local days ({@code preset} null), and what it is compared with. "Today" is the local date of
 * the clock's instant there, so just after local midnight the new day (and month, quarter, year)
 * has already begun even while UTC is still on the day before.
 */
public record StatsPeriod(@Nullable RangePreset preset, LocalDate today, DateRange range, StatsComparison comparison) {

    /** The longest custom range, in months. */
    public static final int MAX_CUSTOM_MONTHS = 24;

    /** Custom ranges longer than this many days are charted month by month, like the yearly presets. */
    static final int MAX_DAILY_DAYS = 92;

    public static StatsPeriod of(RangePreset preset, Clock clock, ZoneId zone) {
        return of(preset, clock, zone, StatsComparison.PREVIOUS_PERIOD);
    }

    public static StatsPeriod of(RangePreset preset, Clock clock, ZoneId zone, StatsComparison comparison) {
        var today = today(clock, zone);
        return new StatsPeriod(preset, today, preset.range(today), comparison);
    }

    /** A custom range; check it with {@link #customRangeProblem} first. */
    public static StatsPeriod custom(DateRange range, Clock clock, ZoneId zone, StatsComparison comparison) {
        return new StatsPeriod(null, today(clock, zone), range, comparison);
    }

    public static LocalDate today(Clock clock, ZoneId zone) {
        return LocalDate.ofInstant(clock.instant(), zone);
    }

    /** The period the chosen range is compared with. */
    public DateRange previous() {
        return comparison.of(range);
    }

    /** Yearly presets and custom ranges over three months are charted by month, the others by day. */
    public boolean monthly() {
        return preset == null ? range.days() > MAX_DAILY_DAYS : preset.monthly();
    }

    /**
     * Why a custom range cannot be shown, as a translation key, or empty when it can: it must not end
     * before it starts, nor after today, nor last longer than {@value #MAX_CUSTOM_MONTHS} months.
     */
    public static Optional<String> customRangeProblem(
            @Nullable LocalDate first, @Nullable LocalDate last, LocalDate today) {
        if (first == null || last == null) {
            return Optional.of("stats.custom.missing");
        }
        if (last.isBefore(first)) {
            return Optional.of("stats.custom.order");
        }
        if (last.isAfter(today)) {
            return Optional.of("stats.custom.future");
        }
        if (!last.isBefore(first.plusMonths(MAX_CUSTOM_MONTHS))) {
            return Optional.of("stats.custom.too-long");
        }
        return Optional.empty();
    }

    /** Parses a URL or preference value leniently (case-insensitive); anything else is empty. */
    public static Optional<RangePreset> parsePreset(@Nullable String value) {
        return EnumValues.parse(RangePreset.class, value);
    }

    /** Parses an ISO date (2026-01-31) from a URL; anything else is empty. */
    public static Optional<LocalDate> parseDate(@Nullable String value) {
        if (value == null || value.length() != 10) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(value));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
