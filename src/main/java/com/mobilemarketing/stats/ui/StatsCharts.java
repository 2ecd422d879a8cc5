package com.mobilemarketing.stats.ui;

import com.mobilemarketing.core.metrics.Figures;
import com.mobilemarketing.core.metrics.Metric;
import com.mobilemarketing.core.metrics.MetricFormat;
import com.mobilemarketing.core.metrics.MetricValue;
import com.mobilemarketing.core.metrics.OptInFlow;
import com.mobilemarketing.core.metrics.Revenue;
import com.mobilemarketing.core.ui.ChannelIcons;
import com.mobilemarketing.stats.StatsPeriod;
import com.mobilemarketing.stats.StatsRepository.ConsentPoint;
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
import org.jspecify.annotations.Nullable;

/**
 * ECharts options of the stats panel, built from the rollup figures: the range bucket by bucket
 * (days, or months for the yearly presets, with empty buckets as zeros) with its revenue, and the
 * channels' rates and revenue side by side. Plain maps and lists, serialised to the chart's option JSON.
 */
final class StatsCharts {

    /** Pixels between the time axis and its date labels; ECharts' default 8 let "0" touch the first date. */
    static final int DATE_LABEL_MARGIN = 14;

    /** How faint the comparison period's lines are beside the chosen period's. */
    static final double COMPARISON_OPACITY = 0.4;

    /** ECharts' empty value: no bar, no point. */
    private static final String EMPTY = "-";

    private StatsCharts() {}

    /**
     * Sent, delivered, opened and clicked of one bucket and the revenue credited to it (minor units);
     * {@code opened} is meaningful only where opens are measurable.
     */
    record Counts(long sent, long delivered, long opened, long clicked, long revenueMinor) {

        static final Counts ZERO = new Counts(0, 0, 0, 0, 0);

        Counts plus(SeriesPoint point) {
            return new Counts(
                    sent + point.sent(),
                    delivered + point.delivered(),
                    opened + point.opened(),
                    clicked + point.clicked(),
                    revenueMinor + point.revenueMinor());
        }

        /** The bucket's revenue as the metric model gives it, in the account's currency. */
        MetricValue revenue(String currency) {
            return Figures.ofRevenue(new Revenue(0, revenueMinor, 0, currency)).value(Metric.REVENUE);
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
     * A line per metric and the revenue on an axis of its own (right, in the account's currency),
     * then the same of the comparison period as faded dashed lines ("Wysłane — rok wcześniej"),
     * after the period's own so that series 0 is always "Wysłane".
     */
    static Map<String, Object> dailyOption(
            List<Bucket> buckets,
            boolean opensMeasurable,
            String comparisonSuffix,
            String currency,
            Locale locale,
            Function<String, String> tr) {
        var series = new ArrayList<Object>();
        var metrics = DAILY_METRICS.stream()
                .filter(metric -> metric != Metric.OPENED || opensMeasurable)
                .toList();
        for (var metric : metrics) {
            series.add(line(
                    tr.apply(tileKey(metric)),
                    metric.color(),
                    buckets.stream().map(bucket -> bucket.now().count(metric)).toList()));
        }
        series.add(revenueLine(tr.apply(tileKey(Metric.REVENUE)), buckets, Bucket::now, currency));
        for (var metric : metrics) {
            series.add(faded(line(
                    tr.apply(tileKey(metric)) + " — " + comparisonSuffix,
                    metric.color(),
                    buckets.stream()
                            .map(bucket -> bucket.before().count(metric))
                            .toList())));
        }
        series.add(faded(revenueLine(
                tr.apply(tileKey(Metric.REVENUE)) + " — " + comparisonSuffix, buckets, Bucket::before, currency)));
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
                List.of(map("type", "value", "minInterval", 1), moneyAxis(currency, locale)),
                series);
    }

    /** One bucket of the consent chart: its label and the opt-ins gained and lost in it. */
    record ConsentBucket(String label, OptInFlow flow) {}

    /**
     * The range's buckets of opt-ins gained and lost (days, or months when {@code period.monthly()}),
     * empty ones as zeros.
     */
    static List<ConsentBucket> consentBuckets(StatsPeriod period, List<ConsentPoint> points, Locale locale) {
        var monthly = period.monthly();
        var flows = new LinkedHashMap<LocalDate, OptInFlow>();
        for (var point : points) {
            flows.merge(bucketStart(point.bucket(), monthly), point.flow(), OptInFlow::plus);
        }
        var format = DateTimeFormatter.ofPattern(monthly ? "LLL yyyy" : "d MMM", locale);
        var result = new ArrayList<ConsentBucket>();
        var start = bucketStart(period.range().first(), monthly);
        while (!start.isAfter(period.range().last())) {
            result.add(new ConsentBucket(format.format(start), flows.getOrDefault(start, OptInFlow.NONE)));
            start = monthly ? start.plusMonths(1) : start.plusDays(1);
        }
        return result;
    }

    /** Opt-ins gained as bars up, lost as bars down, and the net as a line. */
    static Map<String, Object> consentOption(List<ConsentBucket> buckets, Function<String, String> tr) {
        var gained = bar(
                tr.apply("stats.consent.gained"),
                OptInFlow.GAINED_COLOR,
                buckets.stream().map(b -> b.flow().gained()).toList());
        var lost = bar(
                tr.apply("stats.consent.lost"),
                OptInFlow.LOST_COLOR,
                buckets.stream().map(b -> -b.flow().lost()).toList());
        var net = line(
                tr.apply("stats.consent.net"),
                OptInFlow.NET_COLOR,
                buckets.stream().map(b -> b.flow().net()).toList());
        return chart(
                map(
                        "type",
                        "category",
                        "axisLabel",
                        map("margin", DATE_LABEL_MARGIN, "hideOverlap", true),
                        "data",
                        buckets.stream().map(ConsentBucket::label).toList()),
                map("type", "value", "minInterval", 1),
                List.of(gained, lost, net));
    }

    private static Map<String, Object> bar(String name, String color, List<?> data) {
        return map("name", name, "type", "bar", "stack", "flow", "color", color, "data", data);
    }

    static String tileKey(Metric metric) {
        return "stats.tile." + metric.name().toLowerCase(Locale.ROOT);
    }

    /** The revenue of each bucket, in the revenue colour of the metric palette, on the money axis. */
    private static Map<String, Object> revenueLine(
            String name, List<Bucket> buckets, Function<Bucket, Counts> period, String currency) {
        var data = buckets.stream()
                .map(bucket -> MetricFormat.chartValue(period.apply(bucket).revenue(currency)))
                .toList();
        var line = line(name, Metric.REVENUE.color(), data);
        line.put("yAxisIndex", 1);
        return line;
    }

    private static Map<String, Object> faded(Map<String, Object> line) {
        line.put("lineStyle", map("type", "dashed", "opacity", COMPARISON_OPACITY));
        line.put("itemStyle", map("opacity", COMPARISON_OPACITY));
        return line;
    }

    /**
     * The right axis of money in the account's currency; the connector writes its numbers and the
     * tooltip values of its series with the currency's decimals in the page's language.
     */
    private static Map<String, Object> moneyAxis(String currency, Locale locale) {
        return map(
                "type",
                "value",
                "position",
                "right",
                "splitLine",
                map("show", false),
                "axisLabel",
                map("formatter", MetricFormat.moneyTemplate(currency, locale)),
                "fractionDigits",
                Revenue.minorDigits(currency));
    }

    /**
     * Delivery rate, open rate and click-through rate per channel, in percent with one decimal; a
     * rate without a base (or SMS opens, which do not exist) is "-", ECharts' empty value.
     */
    static Map<String, Object> channelOption(
            List<ChannelRow> rows, String currency, Locale locale, Function<String, String> tr) {
        var series = new ArrayList<Object>();
        for (var row : rows) {
            var funnel = row.current();
            series.add(channelBar(
                    row,
                    tr,
                    null,
                    List.of(
                            MetricFormat.chartValue(funnel.value(Metric.DELIVERY_RATE)),
                            MetricFormat.chartValue(funnel.value(Metric.OPEN_RATE)),
                            MetricFormat.chartValue(funnel.value(Metric.CLICK_RATE)),
                            EMPTY)));
        }
        // Revenue on the money axis: a second series per channel, of the same name (one legend entry)
        // and stack (one bar slot), with a value only under "Przychód".
        for (var row : rows) {
            series.add(channelBar(
                    row,
                    tr,
                    1,
                    List.of(
                            EMPTY,
                            EMPTY,
                            EMPTY,
                            MetricFormat.chartValue(row.current().value(Metric.REVENUE)))));
        }
        return chart(
                map(
                        "type",
                        "category",
                        "axisLabel",
                        // Four categories side by side: a long one ("Dostarczenie") breaks into lines.
                        map("interval", 0, "width", 72, "overflow", "break"),
                        "data",
                        List.of(
                                tr.apply("stats.chart.axis.delivery"),
                                tr.apply("stats.chart.axis.open"),
                                tr.apply("stats.chart.axis.ctr"),
                                tr.apply(tileKey(Metric.REVENUE)))),
                List.of(
                        map("type", "value", "max", 100, "axisLabel", map("formatter", "{value}%")),
                        moneyAxis(currency, locale)),
                series);
    }

    /** One channel's bars in its colour, on the rate axis or (index 1) the money axis. */
    private static Map<String, Object> channelBar(
            ChannelRow row, Function<String, String> tr, @Nullable Integer yAxisIndex, List<Object> data) {
        var name = tr.apply("channel." + row.channel().name());
        return map(
                "name",
                name,
                "type",
                "bar",
                "stack",
                name,
                "yAxisIndex",
                yAxisIndex,
                "itemStyle",
                map("color", ChannelIcons.color(row.channel())),
                "data",
                data);
    }

    /** The frame both charts share: accessible, no animation, axis tooltip, legend on top. */
    private static Map<String, Object> chart(Map<String, Object> xAxis, Object yAxis, List<Object> series) {
        return map(
                "aria",
                map("enabled", true),
                "animation",
                false,
                "tooltip",
                map("trigger", "axis"),
                "legend",
                // One line that pages: the daily chart's ten series would otherwise wrap over the plot.
                map("top", 0, "type", "scroll"),
                "grid",
                map("left", 8, "right", 16, "top", 40, "bottom", 8, "containLabel", true),
                "xAxis",
                xAxis,
                "yAxis",
                yAxis,
                "series",
                series);
    }

    private static Map<String, Object> line(String name, String color, List<?> data) {
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
