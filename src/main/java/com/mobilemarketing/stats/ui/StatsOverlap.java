package com.mobilemarketing.stats.ui;

import com.mobilemarketing.contacts.OverlapPart;
import com.mobilemarketing.core.ui.AppIcon;
import com.mobilemarketing.core.ui.ChannelIcons;
import com.mobilemarketing.core.ui.EChart;
import com.mobilemarketing.db.enums.Channel;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.theme.lumo.LumoUtility;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * "Część wspólna kanałów": the opted-in contacts by the exact combination of channels they are
 * reachable on (today's consents), as bars and as a list with each part's count, share and "Who?".
 * The list is the chart's text alternative. Shown when at least two channels are integrated.
 */
class StatsOverlap extends Div {

    /** Bars of parts that join channels: between the channels' own colours, none of them. */
    private static final String JOINED_COLOR = "#6b7a8f";

    private final StatsTexts texts;
    private final List<OverlapPart> parts;
    private final Consumer<OverlapPart> openList;
    private final EChart chart = new EChart();
    private final Div list = new Div();

    StatsOverlap(StatsTexts texts, Set<Channel> integrated, Consumer<OverlapPart> openList) {
        this.texts = texts;
        this.parts = List.copyOf(OverlapPart.within(integrated));
        this.openList = openList;
        setId("stats-overlap");
        addClassNames(
                "stats-chart-card",
                "stats-overlap",
                LumoUtility.Padding.SMALL,
                LumoUtility.BorderRadius.MEDIUM,
                LumoUtility.Background.CONTRAST_5);
        var title = new Span(texts.tr("stats.overlap.title"));
        title.setId("stats-overlap-title");
        title.addClassNames(LumoUtility.FontWeight.SEMIBOLD, LumoUtility.FontSize.SMALL);
        var note = new Span(texts.tr("stats.overlap.note"));
        note.addClassNames(LumoUtility.FontSize.XSMALL, LumoUtility.TextColor.SECONDARY);
        chart.setId("stats-overlap-chart");
        chart.addClassName("stats-overlap-chart");
        list.setId("stats-overlap-parts");
        list.addClassName("stats-overlap-parts");
        list.getElement().setAttribute("role", "list");
        var body = new Div(chart, list);
        body.addClassName("stats-overlap-body");
        add(title, note, body);
        setVisible(integrated.size() > 1);
    }

    /** The counters of every part (absent: none). */
    void show(Map<OverlapPart, Long> counts) {
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        list.removeAll();
        var labels = new ArrayList<String>();
        var bars = new ArrayList<Object>();
        for (var part : parts) {
            long contacts = counts.getOrDefault(part, 0L);
            var label = texts.tr("overlap.part." + part.name());
            labels.add(label);
            bars.add(StatsCharts.map("value", contacts, "itemStyle", StatsCharts.map("color", color(part))));
            list.add(row(part, label, contacts, total));
        }
        chart.setOption(option(labels, bars));
        chart.getElement().setAttribute("aria-label", texts.tr("stats.overlap.aria", texts.count(total), parts.size()));
    }

    private Div row(OverlapPart part, String label, long contacts, long total) {
        var name = new Span(label);
        name.addClassName("stats-overlap-name");
        var count = new Span(texts.count(contacts));
        count.setId("overlap-count-" + part.name());
        count.addClassNames("stats-overlap-count", LumoUtility.FontWeight.SEMIBOLD);
        var share = new Span(texts.rate(contacts, total));
        share.addClassNames(LumoUtility.FontSize.XSMALL, LumoUtility.TextColor.SECONDARY);
        var who = new Button(texts.tr("common.who"), AppIcon.USERS.create(), event -> openList.accept(part));
        who.setId("overlap-who-" + part.name());
        who.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        who.setAriaLabel(texts.tr("stats.overlap.who.aria", label));
        who.setEnabled(contacts > 0);
        var row = new Div(name, count, share, who);
        row.getElement().setAttribute("role", "listitem");
        row.addClassNames(
                "stats-overlap-row", LumoUtility.Display.FLEX, LumoUtility.AlignItems.BASELINE, LumoUtility.Gap.SMALL);
        return row;
    }

    private static String color(OverlapPart part) {
        var channels = part.channels();
        return channels.size() == 1 ? ChannelIcons.color(channels.iterator().next()) : JOINED_COLOR;
    }

    /** Horizontal bars, a part a row, the first part on top. */
    private static Map<String, Object> option(List<String> labels, List<Object> bars) {
        return StatsCharts.map(
                "aria",
                StatsCharts.map("enabled", true),
                "animation",
                false,
                "tooltip",
                StatsCharts.map("trigger", "axis"),
                "grid",
                StatsCharts.map("left", 8, "right", 24, "top", 8, "bottom", 8, "containLabel", true),
                "xAxis",
                StatsCharts.map("type", "value", "minInterval", 1),
                "yAxis",
                StatsCharts.map("type", "category", "inverse", true, "data", labels),
                "series",
                List.of(StatsCharts.map(
                        "type", "bar", "data", bars, "label", StatsCharts.map("show", true, "position", "right"))));
    }
}
