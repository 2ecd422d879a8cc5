package com.mobilemarketing.analytics.ui;

import com.mobilemarketing.analytics.Latency;
import com.mobilemarketing.core.ui.Formats;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.theme.lumo.LumoUtility;
import java.util.Optional;

/** How long delivery and reading took (p50, p95) for one message. */
record AnalyticsLatency(AnalyticsPage page) {

    Component createLatency() {
        var m = page.message();
        var histogram = page.inAccount(() -> page.repository().latencyHistogram(m.ref()));
        var section = page.section("analytics.latency.title");
        section.setId("message-latency");
        section.add(latencyRow(
                "delivery",
                m.deliveryUnknown() ? Optional.empty() : Latency.summary(histogram, Latency.DELIVERY),
                m.deliveryUnknown() ? "analytics.funnel.delivery-unknown" : "analytics.latency.none"));
        section.add(latencyRow(
                "read",
                m.opensMeasurable() ? Latency.summary(histogram, Latency.READ) : Optional.empty(),
                m.opensMeasurable() ? "analytics.latency.none" : "common.not-available.tooltip"));
        var note = new Span(page.tr("analytics.latency.approximate"));
        note.addClassNames(LumoUtility.FontSize.SMALL, LumoUtility.TextColor.SECONDARY);
        section.add(note);
        return section;
    }

    private Component latencyRow(String kind, Optional<Latency.Summary> summary, String emptyKey) {
        var label = new Span(page.tr("analytics.latency." + kind));
        label.addClassName("analytics-fact-label");
        var row = new Div(label);
        row.addClassName("analytics-latency-row");
        if (summary.isEmpty()) {
            var none = new Span(Formats.NOT_AVAILABLE + " " + page.tr(emptyKey));
            none.setId("latency-" + kind + "-none");
            row.add(none);
            return row;
        }
        var s = summary.get();
        var p50 = new Span(AnalyticsTexts.latency(s.p50Bucket(), page.locale()));
        p50.setId("latency-" + kind + "-p50");
        var p95 = new Span(AnalyticsTexts.latency(s.p95Bucket(), page.locale()));
        p95.setId("latency-" + kind + "-p95");
        row.add(
                new Span("p50 "),
                p50,
                new Span(" · p95 "),
                p95,
                new Span(
                        " · " + page.tr("analytics.latency.recipients", Formats.count(s.recipients(), page.locale()))));
        return row;
    }
}
