package com.mobilemarketing.core.metrics;

import java.text.NumberFormat;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * How a figure is written, on screen and in export files: counts in the user's locale ("12 345"),
 * rates as percentages with one decimal ("67,8%"), "—" where a figure is unknown on screen and an
 * empty cell in a file.
 */
public final class MetricFormat {

    /** Shown where a figure cannot be measured (e.g. SMS opens) or has no base. */
    public static final String NOT_AVAILABLE = "—";

    private MetricFormat() {}

    /** The text of a figure on screen. */
    public static String text(MetricValue value, Locale locale) {
        if (value.count() != null) {
            return count(value.count(), locale);
        }
        if (value.fraction() != null) {
            return percent(value.fraction(), locale);
        }
        return NOT_AVAILABLE;
    }

    /** The translation key of why a figure is "—", or null for a known figure. */
    public static @Nullable String reasonKey(MetricValue value) {
        return value.unknown() == null ? null : value.unknown().key();
    }

    /**
     * The typed cell of an export: a {@link Long} count, a {@link Double} fraction to four decimals,
     * or null (an empty cell) where the screen shows "—".
     */
    public static @Nullable Object cell(MetricValue value) {
        if (value.count() != null) {
            return value.count();
        }
        if (value.fraction() != null) {
            return Math.round(value.fraction() * 10_000.0) / 10_000.0;
        }
        return null;
    }

    /** The value of a chart series: the count, the rate in percent with one decimal, or "-" (ECharts' empty). */
    public static Object chartValue(MetricValue value) {
        if (value.count() != null) {
            return value.count();
        }
        if (value.fraction() != null) {
            return Math.round(1000.0 * value.fraction()) / 10.0;
        }
        return "-";
    }

    public static String count(long value, Locale locale) {
        return NumberFormat.getIntegerInstance(locale).format(value);
    }

    public static String percent(double fraction, Locale locale) {
        var format = NumberFormat.getPercentInstance(locale);
        format.setMinimumFractionDigits(1);
        format.setMaximumFractionDigits(1);
        return format.format(fraction);
    }
}
