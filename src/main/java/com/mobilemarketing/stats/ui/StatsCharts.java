package com.mobilemarketing.stats.ui;

import com.mobilemarketing.core.metrics.Metric;
import com.mobilemarketing.core.metrics.MetricFormat;
import com.mobilemarketing.core.ui.ChannelIcons;
import com.mobilemarketing.stats.StatsPeriod;
import com.mobilemarketing.stats.StatsRepository.SeriesPoint;
import com.mobilemarketing.stats.StatsSummary.ChannelRow;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * ECharts options of the stats panel, built from the rollup figures: the range bucket by bucket
 * (days, or months for the yearly presets, with empty buckets as zeros) and the channels' rates
 * side by side. Plain maps and lists, serialised to the chart's option JSON.
 */
final class StatsCharts {

    /** Pixels between the time axis and its date labels; ECharts' default 8 let "0" touch the first date. */
    static final int DATE_LABEL_MARGIN = 14;

    /** How faint the comparison period's lines are beside the chosen period's. */
    static final double COMPARISON_OPACITY = 0.4;

    private StatsCharts() {}

    /** Sent, delivered, opened and clicked of one bucket; {@code opened} is meaningful only where opens are measurable. */
    record Counts(long sent, long delivered, long opened, long clicked) {

        static final Counts ZERO = new Counts(0, 0, 0, 0);

        Counts plus(SeriesPoint point) {
            return new Counts(
                    sent + point.sent(),
                    delivered + point.delivered(),
                    opened + point.opened(),
                    clicked + point.clicked());
        }

        /** The count of one of the chart's metrics. */
        long count(Metric metric) {
            return switch (metric) {
                case SENT -> sent;
                case DELIVERED -> delivered;
                case OPENED -> opened;
                case CLICKED -> clicked;
                default -> throw new IllegalArgumentException("Not on the daily chart: " + metric);
            };
        }
    }

    /** One bucket of the daily chart: the chosen period's counts and those of the days it is compared with. */
    record Bucket(LocalDate start, String label, Counts now, Counts before) {}

    /** The daily chart's lines, each in its metric colour. */
    private static final List<Metric> DAILY_METRICS =
            List.of(Metric.SENT, Metric.DELIVERED, Metric.OPENED, Metric.CLICKED);

    /**
     * The period's buckets (days, or months when {@code period.monthly()}), empty ones as zeros. The
     * comparison period's days ({@code comparisonDays}, day by day) are laid beside the days they
     * compare with: shifted by the range's length, or by a year.
     */
    static List<Bucket> buckets(
            StatsPeriod period, List<SeriesPoint> points, List<SeriesPoint> comparisonDays, Locale locale) {
        var range = period.range();
        var monthly = period.monthly();
        var now = new LinkedHashMap<LocalDate, Counts>();
        for (var point : points) {
            var start = bucketStart(point.bucket(), monthly);
            now.put(start, now.getOrDefault(start, Counts.ZERO).plus(point));
        }
        var before = new LinkedHashMap<LocalDate, Counts>();
        for (var point : comparisonDays) {
            var aligned = period.comparison().alignedDay(range, point.bucket());
            // 29 February a year before a range starting on 1 March lands just outside: keep it at the edge.
            aligned = aligned.isBefore(range.first())
                    ? range.first()
                    : aligned.isAfter(range.last()) ? range.last() : aligned;
            var start = bucketStart(aligned, monthly);
            before.put(start, before.getOrDefault(start, Counts.ZERO).plus(point));
        }
        var format = DateTimeFormatter.ofPattern(monthly ? "LLL yyyy" : "d MMM", locale);
        var result = new ArrayList<Bucket>();
        var start = bucketStart(range.first(), monthly);
        while (!start.isAfter(range.last())) {
            result.add(new Bucket(
                    start,
                    format.format(start),
                    now.getOrDefault(start, Counts.ZERO),
                    before.getOrDefault(start, Counts.ZERO)));
            start = monthly ? start.plusMonths(1) : start.plusDays(1);
        }
        return result;
    }

    private static LocalDate bucketStart(LocalDate day, boolean monthly) {
        return monthly ? day.withDayOfMonth(1) : day;
    }

    /**
     * A line per metric, then the same metrics of the comparison period as faded dashed lines
     * ("Wysłane — rok wcześniej"), after the period's own so that series 0 is always "Wysłane".
     */
    static Map<String, Object> dailyOption(
            List<Bucket> buckets, boolean opensMeasurable, String comparisonSuffix, Function<String, String> tr) {
        var series = new ArrayList<Object>();
        var metrics = DAILY_METRICS.stream()
                .filter(metric -> metric != Metric.OPENED || opensMeasurable)
                .toList();
        for (var metric : metrics) {
            series.add(line(
                    tr.apply("stats.tile." + metric.name().toLowerCase(Locale.ROOT)),
                    metric.color(),
                    buckets.stream().map(bucket -> bucket.now().count(metric)).toList()));
        }
        for (var metric : metrics) {
            var faded = line(
                    tr.apply("stats.tile." + metric.name().toLowerCase(Locale.ROOT)) + " — " + comparisonSuffix,
                    metric.color(),
                    buckets.stream()
                            .map(bucket -> bucket.before().count(metric))
                            .toList());
            faded.put("lineStyle", map("type", "dashed", "opacity", COMPARISON_OPACITY));
            faded.put("itemStyle", map("opacity", COMPARISON_OPACITY));
            series.add(faded);
        }
        return chart(
                map(
                        "type",
                        "category",
                        "boundaryGap",
                        false,
                        // The first date sits on the y axis: more room below the axis keeps it off
                        // the y axis's "0", and dates that would overlap are left out.
                        "axisLabel",
                        map("margin", DATE_LABEL_MARGIN, "hideOverlap", true),
                        "data",
                        buckets.stream().map(Bucket::label).toList()),
                map("type", "value", "minInterval", 1),
                series);
    }

    /**
     * Delivery rate, open rate and click-through rate per channel, in percent with one decimal; a
     * rate without a base (or SMS opens, which do not exist) is "-", ECharts' empty value.
     */
    static Map<String, Object> channelOption(List<ChannelRow> rows, Function<String, String> tr) {
        var series = new ArrayList<Object>();
        for (var row : rows) {
            var funnel = row.current();
            series.add(map(
                    "name", tr.apply("channel." + row.channel().name()),
                    "type", "bar",
                    "itemStyle", map("color", ChannelIcons.color(row.channel())),
                    "data",
                            List.of(
                                    MetricFormat.chartValue(funnel.value(Metric.DELIVERY_RATE)),
                                    MetricFormat.chartValue(funnel.value(Metric.OPEN_RATE)),
                                    MetricFormat.chartValue(funnel.value(Metric.CLICK_RATE)))));
        }
        return chart(
                map(
                        "type",
                        "category",
                        "axisLabel",
                        map("interval", 0),
                        "data",
                        List.of(
                                tr.apply("stats.chart.axis.delivery"),
                                tr.apply("stats.chart.axis.open"),
                                tr.apply("stats.chart.axis.ctr"))),
                map("type", "value", "max", 100, "axisLabel", map("formatter", "{value}%")),
                series);
    }

    /** The frame both charts share: accessible, no animation, axis tooltip, legend on top. */
    private static Map<String, Object> chart(
            Map<String, Object> xAxis, Map<String, Object> yAxis, List<Object> series) {
        return map(
                "aria",
                map("enabled", true),
                "animation",
                false,
                "tooltip",
                map("trigger", "axis"),
                "legend",
                map("top", 0),
                "grid",
                map("left", 8, "right", 16, "top", 40, "bottom", 8, "containLabel", true),
                "xAxis",
                xAxis,
                "yAxis",
                yAxis,
                "series",
                series);
    }

    private static Map<String, Object> line(String name, String color, List<Long> data) {
        return map("name", name, "type", "line", "showSymbol", false, "color", color, "data", data);
    }

    /** An ordered map from key/value pairs; null values are left out. */
    static Map<String, Object> map(Object... keysAndValues) {
        var result = new LinkedHashMap<String, Object>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            if (keysAndValues[i + 1] != null) {
                result.put((String) keysAndValues[i], keysAndValues[i + 1]);
            }
        }
        return result;
    }
}
