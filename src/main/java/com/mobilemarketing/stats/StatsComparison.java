package com.mobilemarketing.stats;

import com.mobilemarketing.core.EnumValues;
import com.mobilemarketing.core.time.DateRange;
import java.time.LocalDate;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What the tiles, the channel rows and the daily chart compare the chosen range with: the period of
 * the same number of days right before it, or the same calendar days one year earlier.
 */
public enum StatsComparison {
    PREVIOUS_PERIOD,
    PREVIOUS_YEAR;

    /** The comparison period of {@code range}. */
    public DateRange of(DateRange range) {
        return switch (this) {
            case PREVIOUS_PERIOD -> range.previous();
            case PREVIOUS_YEAR -> range.sameDaysYearBefore();
        };
    }

    /**
     * The day of the chosen range that a day of the comparison period stands beside in the chart:
     * shifted by the range's length, or by one year.
     */
    public LocalDate alignedDay(DateRange range, LocalDate comparisonDay) {
        return switch (this) {
            case PREVIOUS_PERIOD -> comparisonDay.plusDays(range.days());
            case PREVIOUS_YEAR -> comparisonDay.plusYears(1);
        };
    }

    /** Translation key of the choice's label. */
    public String labelKey() {
        return "stats.compare." + name();
    }

    /** Parses a URL or preference value leniently (case-insensitive); anything else is empty. */
    public static Optional<StatsComparison> parse(@Nullable String value) {
        return EnumValues.parse(StatsComparison.class, value);
    }
}
