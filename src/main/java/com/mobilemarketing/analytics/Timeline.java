package com.mobilemarketing.analytics;

import com.mobilemarketing.analytics.AnalyticsRepository.TimelineHour;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Folds the hourly timeline rollup into what the chart shows: hour by hour for the first
 * {@value #HOURLY_HOURS} hours after sending, then day by day (the account's local days).
 */
public final class Timeline {

    public static final int HOURLY_HOURS = 72;

    private Timeline() {}

    public record Point(OffsetDateTime start, boolean daily, long delivered, long opened, long clicked) {}

    public static List<Point> fold(List<TimelineHour> hours, @Nullable OffsetDateTime sentAt, ZoneId zone) {
        if (hours.isEmpty()) {
            return List.of();
        }
        var anchor = (sentAt != null ? sentAt : hours.getFirst().hour()).truncatedTo(ChronoUnit.HOURS);
        var hourlyEnd = anchor.plus(Duration.ofHours(HOURLY_HOURS));
        var points = new ArrayList<Point>();
        var days = new LinkedHashMap<OffsetDateTime, long[]>();
        for (var hour : hours) {
            if (hour.hour().isBefore(hourlyEnd)) {
                points.add(new Point(hour.hour(), false, hour.delivered(), hour.opened(), hour.clicked()));
            } else {
                var day = hour.hour()
                        .atZoneSameInstant(zone)
                        .toLocalDate()
                        .atStartOfDay(zone)
                        .toOffsetDateTime();
                var sums = days.computeIfAbsent(day, d -> new long[3]);
                sums[0] += hour.delivered();
                sums[1] += hour.opened();
                sums[2] += hour.clicked();
            }
        }
        days.forEach((day, sums) -> points.add(new Point(day, true, sums[0], sums[1], sums[2])));
        return points;
    }
}
