package com.mobilemarketing.analytics.ui;

import com.mobilemarketing.analytics.AttributedOrdersRepository.RevenueHour;
import com.mobilemarketing.analytics.Timeline;
import com.mobilemarketing.core.metrics.Figures;
import com.mobilemarketing.core.metrics.Metric;
import com.mobilemarketing.core.metrics.MetricFormat;
import com.mobilemarketing.core.metrics.MetricValue;
import com.mobilemarketing.core.metrics.Revenue;
import com.mobilemarketing.core.ui.EChart;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.theme.lumo.LumoUtility;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How a message's revenue came in after sending: per hour from sending to the order while every
 * order came within {@value Timeline#HOURLY_HOURS} hours, else per day, with the running total; in
 * the revenue colour of the metric palette, amounts from the metric model.
 */
record AnalyticsRevenueChart(AnalyticsPage page, String currency) {

    /** The chart's buckets: hours or days after sending, each with the revenue in minor units. */
    record Bucket(int index, boolean daily, long revenueMinor) {}

    static List<Bucket> buckets(List<RevenueHour> hours) {
        var daily = hours.stream().anyMatch(hour -> hour.hour() >= Timeline.HOURLY_HOURS);
        var sums = new TreeMap<Integer, Long>();
        for (var hour : hours) {
            sums.merge(daily ? hour.hour() / 24 : hour.hour(), hour.revenueMinor(), Long::sum);
        }
        var result = new ArrayList<Bucket>();
        if (sums.isEmpty()) {
            return result;
        }
        for (int i = 0; i <= sums.lastKey(); i++) {
            result.add(new Bucket(i, daily, sums.getOrDefault(i, 0L)));
        }
        return result;
    }

    Component create(List<RevenueHour> hours) {
        var buckets = buckets(hours);
        var labels = new ArrayList<String>();
        var perBucket = new ArrayList<Object>();
        var cumulative = new ArrayList<Object>();
        long running = 0;
        long firstDay = 0;
        for (var bucket : buckets) {
            labels.add(
                    bucket.daily()
                            ? page.tr("analytics.orders.chart.day", bucket.index())
                            : page.tr("analytics.orders.hours", bucket.index()));
            running += bucket.revenueMinor();
            if (bucket.daily() ? bucket.index() == 0 : bucket.index() < 24) {
                firstDay += bucket.revenueMinor();
            }
            perBucket.add(MetricFormat.chartValue(revenue(bucket.revenueMinor())));
            cumulative.add(MetricFormat.chartValue(revenue(running)));
        }
        var color = Metric.REVENUE.color();
        var option = new LinkedHashMap<String, Object>();
        option.put("aria", Map.of("enabled", true));
        option.put("animation", false);
        option.put("tooltip", Map.of("trigger", "axis"));
        option.put("legend", Map.of("top", 0));
        option.put("grid", Map.of("left", 8, "right", 16, "top", 40, "bottom", 8, "containLabel", true));
        option.put(
                "xAxis",
                Map.of(
                        "type",
                        "category",
                        "name",
                        page.tr("analytics.orders.chart.axis"),
                        "nameLocation",
                        "middle",
                        "nameGap",
                        28,
                        "data",
                        labels));
        option.put(
                "yAxis",
                Map.of(
                        "type",
                        "value",
                        "axisLabel",
                        Map.of("formatter", MetricFormat.moneyTemplate(currency, page.locale())),
                        "fractionDigits",
                        Revenue.minorDigits(currency)));
        option.put(
                "series",
                List.of(
                        Map.of(
                                "name",
                                page.tr("analytics.orders.chart.revenue"),
                                "type",
                                "bar",
                                "itemStyle",
                                Map.of("color", color),
                                "data",
                                perBucket),
                        Map.of(
                                "name",
                                page.tr("analytics.orders.chart.cumulative"),
                                "type",
                                "line",
                                "showSymbol",
                                false,
                                "color",
                                color,
                                "lineStyle",
                                Map.of("type", "dashed"),
                                "data",
                                cumulative)));
        var chart = new EChart();
        chart.setId("orders-revenue-chart");
        chart.addClassName("analytics-revenue-chart");
        chart.setOption(option);
        chart.getElement()
                .setAttribute(
                        "aria-label",
                        page.tr(
                                "analytics.orders.chart.aria",
                                MetricFormat.text(revenue(running), page.locale()),
                                MetricFormat.text(revenue(firstDay), page.locale())));
        var title = new Span(page.tr("analytics.orders.chart.title"));
        title.addClassNames(LumoUtility.FontWeight.SEMIBOLD, LumoUtility.FontSize.SMALL);
        var box = new Div(title, chart);
        box.addClassName("analytics-revenue");
        return box;
    }

    private MetricValue revenue(long minor) {
        return Figures.ofRevenue(new Revenue(0, minor, 0, currency)).value(Metric.REVENUE);
    }
}
