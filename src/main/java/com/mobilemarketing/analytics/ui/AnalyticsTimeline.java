package com.mobilemarketing.analytics.ui;

import com.mobilemarketing.analytics.AnalyticsRepository;
import com.mobilemarketing.analytics.Timeline;
import com.mobilemarketing.core.metrics.Metric;
import com.mobilemarketing.core.ui.EChart;
import com.mobilemarketing.core.ui.Formats;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.theme.lumo.LumoUtility;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The timeline of a message: delivered, opened and clicked per hour (daily later), in the metric colours. */
record AnalyticsTimeline(AnalyticsPage page) {

    /** The timeline and, from the same rollup rows, reads and clicks by local weekday × hour. */
    List<Component> create() {
        var hours =
                page.inAccount(() -> page.repository().timeline(page.message().ref()));
        return List.of(createTimeline(hours), new AnalyticsWeekHours(page).create(hours));
    }

    private Component createTimeline(List<AnalyticsRepository.TimelineHour> hours) {
        var m = page.message();
        var points = Timeline.fold(hours, m.sentAt(), m.timeZone());
        var section = page.section("analytics.timeline.title");
        section.setId("message-timeline");
        if (points.isEmpty()) {
            section.add(new Paragraph(page.tr("analytics.timeline.empty")));
            return section;
        }
        var hourly = DateTimeFormatter.ofPattern("dd.MM HH:mm", page.locale());
        var daily = DateTimeFormatter.ofPattern("dd.MM", page.locale());
        var labels = new ArrayList<String>();
        var delivered = new ArrayList<Long>();
        var opened = new ArrayList<Long>();
        var clicked = new ArrayList<Long>();
        long sumDelivered = 0;
        long sumOpened = 0;
        long sumClicked = 0;
        for (var point : points) {
            var local = point.start().atZoneSameInstant(m.timeZone());
            labels.add(point.daily() ? daily.format(local) : hourly.format(local));
            delivered.add(point.delivered());
            opened.add(point.opened());
            clicked.add(point.clicked());
            sumDelivered += point.delivered();
            sumOpened += point.opened();
            sumClicked += point.clicked();
        }
        var series = new ArrayList<Map<String, Object>>();
        var measurability = m.measurability();
        if (Metric.DELIVERED.measurable(measurability)) {
            series.add(series(page.tr("analytics.funnel.delivered"), delivered, Metric.DELIVERED));
        }
        if (Metric.OPENED.measurable(measurability)) {
            series.add(series(page.tr("analytics.funnel.opened"), opened, Metric.OPENED));
        }
        series.add(series(page.tr("analytics.funnel.clicked"), clicked, Metric.CLICKED));
        var option = new LinkedHashMap<String, Object>();
        option.put("tooltip", Map.of("trigger", "axis"));
        option.put("legend", Map.of("top", 0));
        option.put("grid", Map.of("left", 50, "right", 20, "top", 40, "bottom", 60));
        option.put("xAxis", Map.of("type", "category", "data", labels));
        option.put("yAxis", Map.of("type", "value", "minInterval", 1));
        option.put("dataZoom", List.of(Map.of("type", "inside"), Map.of("type", "slider", "height", 18)));
        option.put("series", series);
        var chart = new EChart();
        chart.addClassName("analytics-timeline-chart");
        chart.setOption(option);
        chart.getElement()
                .setAttribute(
                        "aria-label",
                        page.tr(
                                "analytics.timeline.aria",
                                Formats.count(sumDelivered, page.locale()),
                                Formats.count(sumOpened, page.locale()),
                                Formats.count(sumClicked, page.locale()),
                                Timeline.HOURLY_HOURS));
        var hint = new Span(page.tr("analytics.timeline.hint", Timeline.HOURLY_HOURS));
        hint.addClassNames(LumoUtility.FontSize.SMALL, LumoUtility.TextColor.SECONDARY);
        section.add(hint, chart);
        return section;
    }

    /** Metrics in the metric palette, never in the channel colours. */
    private static Map<String, Object> series(String name, List<Long> data, Metric metric) {
        return Map.of("name", name, "type", "bar", "data", data, "itemStyle", Map.of("color", metric.color()));
    }
}
