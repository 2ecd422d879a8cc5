package com.mobilemarketing.core.time;

import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.List;

/**
 * The time ranges of the stats panel and the export dialog, as local calendar days of the
 * account's time zone. Boundaries are inclusive dates; {@link DateRange#startInclusive} and
 * {@link DateRange#endExclusive} turn them into instants at local midnight, so a day across a
 * daylight-saving change is 23 or 25 hours long and nothing is lost or counted twice.
 *
 * <ul>
 *   <li>LAST_7_DAYS: today and the 6 days before.
 *   <li>LAST_30_DAYS: today and the 29 days before.
 *   <li>CURRENT_MONTH / CURRENT_QUARTER / CURRENT_YEAR: from the first day of the period to today.
 *   <li>PREVIOUS_MONTH / PREVIOUS_QUARTER / PREVIOUS_YEAR: the whole previous calendar period.
 *   <li>LAST_12_MONTHS: the current month to date and the 11 whole months before it.
 * </ul>
 */
public enum RangePreset {
    LAST_7_DAYS,
    LAST_30_DAYS,
    CURRENT_MONTH,
    PREVIOUS_MONTH,
    CURRENT_QUARTER,
    PREVIOUS_QUARTER,
    CURRENT_YEAR,
    PREVIOUS_YEAR,
    LAST_12_MONTHS;

    /** The choice after the presets in a range selector (and its URL value): days the user picks. */
    public static final String CUSTOM = "CUSTOM";

    /** A range selector's items: every preset by name, then {@link #CUSTOM}. */
    public static List<String> choices() {
        var choices = new ArrayList<String>();
        for (var preset : values()) {
            choices.add(preset.name());
        }
        choices.add(CUSTOM);
        return choices;
    }

    /** The range for a given local "today". */
    public DateRange range(LocalDate today) {
        return switch (this) {
            case LAST_7_DAYS -> new DateRange(today.minusDays(6), today);
            case LAST_30_DAYS -> new DateRange(today.minusDays(29), today);
            case CURRENT_MONTH -> new DateRange(today.withDayOfMonth(1), today);
            case PREVIOUS_MONTH -> {
                var first = today.withDayOfMonth(1).minusMonths(1);
                yield new DateRange(first, first.plusMonths(1).minusDays(1));
            }
            case CURRENT_QUARTER -> new DateRange(quarterStart(today), today);
            case PREVIOUS_QUARTER -> {
                var first = quarterStart(today).minusMonths(3);
                yield new DateRange(first, first.plusMonths(3).minusDays(1));
            }
            case CURRENT_YEAR -> new DateRange(today.withDayOfYear(1), today);
            case PREVIOUS_YEAR -> {
                var first = today.withDayOfYear(1).minusYears(1);
                yield new DateRange(first, first.plusYears(1).minusDays(1));
            }
            case LAST_12_MONTHS -> new DateRange(today.withDayOfMonth(1).minusMonths(11), today);
        };
    }

    /** Yearly presets are charted by month, the others by day. */
    public boolean monthly() {
        return this == CURRENT_YEAR || this == PREVIOUS_YEAR || this == LAST_12_MONTHS;
    }

    /** Translation key of the preset's label. */
    public String labelKey() {
        return "range." + name();
    }

    private static LocalDate quarterStart(LocalDate date) {
        return date.with(IsoFields.DAY_OF_QUARTER, 1);
    }
}
