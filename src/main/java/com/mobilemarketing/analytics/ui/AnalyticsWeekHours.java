package com.mobilemarketing.analytics.ui;

import com.mobilemarketing.analytics.AnalyticsRepository.TimelineHour;
import com.mobilemarketing.core.metrics.Metric;
import com.mobilemarketing.core.ui.EChart;
import com.mobilemarketing.core.ui.Formats;
import com.mobilemarketing.core.ui.WeekHourHeatMap;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.NativeDetails;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.select.Select;
import java.util.ArrayList;
import java.util.List;

/**
 * When one message's recipients read and clicked it: counts by local weekday × hour (the account's
 * time zone) of the first read and click of each recipient, from the same hourly rollup as the
 * timeline. SMS has no reads, so only clicks are offered there.
 */
record AnalyticsWeekHours(AnalyticsPage page) {

    Component create(List<TimelineHour> hours) {
        var section = page.section("analytics.weekhours.title");
        section.setId("message-weekhours");
        var m = page.message();
        var zone = m.timeZone();
        var opened = new long[7][24];
        var clicked = new long[7][24];
        long total = 0;
        for (var hour : hours) {
            var local = hour.hour().atZoneSameInstant(zone);
            var day = local.getDayOfWeek().getValue() - 1;
            opened[day][local.getHour()] += hour.opened();
            clicked[day][local.getHour()] += hour.clicked();
            total += hour.opened() + hour.clicked();
        }
        if (total == 0) {
            section.add(new Paragraph(page.tr("analytics.weekhours.empty")));
            return section;
        }
        var metrics = new ArrayList<Metric>();
        if (Metric.OPENED.measurable(m.measurability())) {
            metrics.add(Metric.OPENED);
        }
        metrics.add(Metric.CLICKED);
        var chart = new EChart();
        chart.setId("message-weekhours-chart");
        chart.addClassName("analytics-weekhours-chart");
        var details = new NativeDetails(page.tr("analytics.weekhours.data"));
        details.setId("message-weekhours-data");
        var choice = new Select<Metric>();
        choice.setId("message-weekhours-measure");
        choice.setLabel(page.tr("analytics.weekhours.measure"));
        choice.setItems(metrics);
        choice.setItemLabelGenerator(metric -> page.tr("analytics.weekhours." + metric.name()));
        Runnable draw = () -> {
            var metric = choice.getValue();
            var counts = metric == Metric.OPENED ? opened : clicked;
            var values = new Number[7][24];
            for (int day = 0; day < 7; day++) {
                for (int hour = 0; hour < 24; hour++) {
                    values[day][hour] = counts[day][hour] == 0 ? null : counts[day][hour];
                }
            }
            var name = page.tr("analytics.weekhours." + metric.name());
            chart.setOption(WeekHourHeatMap.option(page.locale(), name, values, metric.color(), "{value}"));
            chart.getElement().setAttribute("aria-label", page.tr("analytics.weekhours.aria", name));
            details.setContent(new Div());
            if (details.isOpen()) {
                details.setContent(table(name, counts));
            }
        };
        details.addToggleListener(event -> {
            if (event.isOpened()) {
                var metric = choice.getValue();
                details.setContent(table(
                        page.tr("analytics.weekhours." + metric.name()), metric == Metric.OPENED ? opened : clicked));
            }
        });
        choice.setValue(metrics.getFirst());
        choice.addValueChangeListener(event -> draw.run());
        draw.run();
        section.add(choice, chart, details);
        return section;
    }

    private Component table(String name, long[][] counts) {
        return WeekHourHeatMap.table(
                "message-weekhours-table",
                page.tr("analytics.weekhours.caption", name),
                page.tr("analytics.weekhours.weekday"),
                page.locale(),
                (day, hour) -> Formats.count(counts[day.getValue() - 1][hour], page.locale()));
    }
}
