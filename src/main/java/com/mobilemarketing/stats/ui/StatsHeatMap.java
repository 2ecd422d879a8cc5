package com.mobilemarketing.stats.ui;

import com.mobilemarketing.core.metrics.MetricFormat;
import com.mobilemarketing.core.ui.EChart;
import com.mobilemarketing.core.ui.WeekHourHeatMap;
import com.mobilemarketing.db.enums.Channel;
import com.mobilemarketing.stats.SendTimes;
import com.mobilemarketing.stats.SendTimes.Measure;
import com.mobilemarketing.stats.SendTimes.Window;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.NativeDetails;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.theme.lumo.LumoUtility;
import java.time.DayOfWeek;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * "When to send": a weekday × hour heat map (the account's local time) of reads or clicks per
 * delivered message for one channel and the chosen range, the best two-hour windows named in words,
 * and the grid as a table (the text alternative), built when its details are opened.
 */
class StatsHeatMap extends Div {

    private final StatsTexts texts;
    private final Select<Channel> channel = new Select<>();
    private final Select<Measure> measure = new Select<>();
    private final Paragraph best = new Paragraph();
    private final EChart chart = new EChart();
    private final NativeDetails details = new NativeDetails();

    private @Nullable SendTimes sendTimes;
    private boolean updating;

    StatsHeatMap(StatsTexts texts) {
        this.texts = texts;
        setId("stats-heatmap-card");
        addClassNames(
                "stats-chart-card",
                "stats-heatmap-card",
                LumoUtility.Padding.SMALL,
                LumoUtility.BorderRadius.MEDIUM,
                LumoUtility.Background.CONTRAST_5);
        var title = new Span(texts.tr("stats.heatmap.title"));
        title.addClassNames(LumoUtility.FontWeight.SEMIBOLD, LumoUtility.FontSize.SMALL);
        var note = new Span(texts.tr("stats.heatmap.note", SendTimes.MIN_WINDOW_DELIVERED));
        note.addClassNames(LumoUtility.FontSize.XSMALL, LumoUtility.TextColor.SECONDARY);
        channel.setId("stats-heatmap-channel");
        channel.setLabel(texts.tr("stats.column.channel"));
        channel.setItemLabelGenerator(c -> texts.tr("channel." + c.name()));
        measure.setId("stats-heatmap-measure");
        measure.setLabel(texts.tr("stats.heatmap.measure"));
        measure.setItems(Measure.values());
        measure.setItemLabelGenerator(m -> texts.tr("stats.heatmap.measure." + m.name()));
        measure.setValue(Measure.CLICKS);
        channel.addValueChangeListener(event -> redraw());
        measure.addValueChangeListener(event -> redraw());
        var controls = new Div(channel, measure);
        controls.addClassNames(LumoUtility.Display.FLEX, LumoUtility.FlexWrap.WRAP, LumoUtility.Gap.MEDIUM);
        best.setId("stats-heatmap-best");
        best.addClassNames(LumoUtility.Margin.NONE, LumoUtility.FontSize.SMALL);
        chart.setId("stats-heatmap");
        chart.addClassName("stats-heatmap-chart");
        details.setId("stats-heatmap-data");
        details.setSummaryText(texts.tr("stats.chart.data"));
        details.addClassNames(LumoUtility.FontSize.XSMALL);
        details.setContent(new Div());
        details.addToggleListener(event -> {
            if (event.isOpened()) {
                details.setContent(table());
            }
        });
        add(title, note, controls, best, chart, details);
    }

    /** The range's weekday × hour figures of the source's channels. */
    void show(SendTimes times, Set<Channel> channels) {
        sendTimes = times;
        updating = true;
        try {
            var chosen = channel.getValue();
            channel.setItems(channels);
            channel.setValue(chosen != null && channels.contains(chosen) ? chosen : preferred(times, channels));
        } finally {
            updating = false;
        }
        redraw();
    }

    /** The channel whose best window is best, else the first. */
    private static @Nullable Channel preferred(SendTimes times, Set<Channel> channels) {
        var windows = times.bestPerChannel(Measure.CLICKS);
        return windows.isEmpty()
                ? channels.stream().findFirst().orElse(null)
                : windows.getFirst().channel();
    }

    private void redraw() {
        if (updating || sendTimes == null) {
            return;
        }
        var chosenChannel = channel.getValue();
        if (measure.getValue() == null
                || (chosenChannel != null && !measure.getValue().measurable(chosenChannel))) {
            updating = true;
            try {
                measure.setValue(Measure.CLICKS);
            } finally {
                updating = false;
            }
        }
        best.setText(bestText());
        if (chosenChannel == null) {
            chart.setOption(StatsCharts.map());
            return;
        }
        chart.setOption(option(chosenChannel, measure.getValue()));
        chart.getElement()
                .setAttribute(
                        "aria-label",
                        texts.tr(
                                "stats.heatmap.aria",
                                texts.tr("channel." + chosenChannel.name()),
                                texts.tr("stats.heatmap.measure."
                                        + measure.getValue().name()),
                                best.getText()));
        if (details.isOpen()) {
            details.setContent(table());
        } else {
            details.setContent(new Div());
        }
    }

    /** "Najlepiej: wtorek 18–20, WhatsApp (CTR 4,2%)", then the other channels' best windows. */
    private String bestText() {
        var chosenMeasure = measure.getValue();
        var windows = sendTimes.bestPerChannel(chosenMeasure);
        if (windows.isEmpty()) {
            return texts.tr("stats.heatmap.best.none", SendTimes.MIN_WINDOW_DELIVERED);
        }
        var parts = new ArrayList<String>();
        for (var window : windows) {
            parts.add(window(window, chosenMeasure));
        }
        var first = texts.tr("stats.heatmap.best", parts.getFirst());
        return parts.size() == 1
                ? first
                : first + " "
                        + texts.tr("stats.heatmap.best.others", String.join("; ", parts.subList(1, parts.size())));
    }

    private String window(Window window, Measure chosenMeasure) {
        return texts.tr(
                "stats.heatmap.window",
                weekday(window.weekday(), TextStyle.FULL_STANDALONE),
                window.startHour(),
                window.endHour(),
                texts.tr("channel." + window.channel().name()),
                texts.tr("stats.heatmap.measure.short." + chosenMeasure.name()),
                MetricFormat.percent(window.rate(), texts.locale()));
    }

    private String weekday(DayOfWeek day, TextStyle style) {
        return WeekHourHeatMap.weekday(day, style, texts.locale());
    }

    private Object option(Channel chosenChannel, Measure chosenMeasure) {
        var values = new Number[7][24];
        for (var day : DayOfWeek.values()) {
            for (int hour = 0; hour < 24; hour++) {
                var value = sendTimes.cell(chosenChannel, day, hour).value(chosenChannel, chosenMeasure);
                values[day.getValue() - 1][hour] =
                        MetricFormat.chartValue(value) instanceof Number number ? number : null;
            }
        }
        return WeekHourHeatMap.option(
                texts.locale(),
                texts.tr("stats.heatmap.measure." + chosenMeasure.name()) + " (%)",
                values,
                chosenMeasure.metric().color(),
                "{value}%");
    }

    /** The grid as text: a row per weekday, a column per hour, the rate and (in brackets) its base. */
    private Component table() {
        var chosenChannel = channel.getValue();
        if (chosenChannel == null || sendTimes == null) {
            return new Div();
        }
        var chosenMeasure = measure.getValue();
        var table = WeekHourHeatMap.table(
                "stats-heatmap-table",
                texts.tr(
                        "stats.heatmap.caption",
                        texts.tr("channel." + chosenChannel.name()),
                        texts.tr("stats.heatmap.measure." + chosenMeasure.name())),
                texts.tr("stats.heatmap.weekday"),
                texts.locale(),
                (day, hour) -> {
                    var cell = sendTimes.cell(chosenChannel, day, hour);
                    return MetricFormat.text(cell.value(chosenChannel, chosenMeasure), texts.locale()) + " ("
                            + texts.count(cell.delivered()) + ")";
                });
        table.addClassName("stats-data-table");
        return table;
    }
}
