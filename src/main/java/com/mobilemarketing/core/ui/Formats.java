package com.mobilemarketing.core.ui;

import com.mobilemarketing.core.metrics.MetricFormat;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Numbers, rates and times as the user's locale writes them (PL: "12 345", "67,8%"). */
public final class Formats {

    /** Shown where a figure cannot be measured (e.g. SMS opens) or has no base. */
    public static final String NOT_AVAILABLE = MetricFormat.NOT_AVAILABLE;

    private Formats() {}

    public static String count(long value, Locale locale) {
        return MetricFormat.count(value, locale);
    }

    /** {@code part / whole} as a percentage with one decimal, or "—" when whole is zero. */
    public static String rate(long part, long whole, Locale locale) {
        return whole == 0 ? NOT_AVAILABLE : percent((double) part / whole, locale);
    }

    public static String percent(double fraction, Locale locale) {
        return MetricFormat.percent(fraction, locale);
    }

    /** The day of a time ("29 lis 2026"), or "" without one. */
    public static String date(@Nullable OffsetDateTime time, ZoneId zone, Locale locale) {
        return format(time, zone, DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM), locale);
    }

    /** The hour of a time ("07:05"), or "" without one. */
    public static String time(@Nullable OffsetDateTime time, ZoneId zone, Locale locale) {
        return format(time, zone, DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT), locale);
    }

    public static String dateTime(@Nullable OffsetDateTime time, ZoneId zone, Locale locale) {
        return format(time, zone, DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT), locale);
    }

    /** The time in {@code zone} as {@code style} of {@code locale}, or "" without one. */
    private static String format(@Nullable OffsetDateTime time, ZoneId zone, DateTimeFormatter style, Locale locale) {
        return time == null ? "" : style.withLocale(locale).format(time.atZoneSameInstant(zone));
    }
}
