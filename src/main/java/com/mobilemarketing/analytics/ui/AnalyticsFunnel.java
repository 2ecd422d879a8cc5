package com.mobilemarketing.analytics.ui;

import com.mobilemarketing.analytics.RecipientFilter;
import com.mobilemarketing.analytics.WhoList;
import com.mobilemarketing.core.metrics.Figures;
import com.mobilemarketing.core.metrics.Metric;
import com.mobilemarketing.core.metrics.MetricFormat;
import com.mobilemarketing.core.metrics.MetricValue;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import org.jspecify.annotations.Nullable;

/**
 * The funnel of one message: sent, delivered, opened, clicked and undelivered with their rates and
 * "Who?" lists, from the metric model; "—" with a short caption where the channel or the gateway
 * cannot know a figure.
 */
record AnalyticsFunnel(AnalyticsPage page) {

    Component create() {
        var m = page.message();
        var figures = m.figures(page.inAccount(() -> page.repository().funnel(m.ref())));
        var box = new Div();
        box.setId("message-funnel");
        box.addClassName("analytics-funnel");
        box.add(tile("sent", figures, Metric.SENT, null, WhoList.SENT));
        box.add(tile("delivered", figures, Metric.DELIVERED, Metric.DELIVERY_RATE, WhoList.DELIVERED));
        box.add(tile("opened", figures, Metric.OPENED, Metric.OPEN_RATE, WhoList.OPENED));
        box.add(tile("clicked", figures, Metric.CLICKED, Metric.CLICK_RATE, WhoList.CLICKED));
        box.add(tile("undelivered", figures, Metric.UNDELIVERED, Metric.UNDELIVERED_RATE, WhoList.UNDELIVERED));
        if (m.deliveryUnknown()) {
            var note = new Paragraph(page.tr("analytics.funnel.no-callbacks", m.gatewayName()));
            note.setId("delivery-unknown-note");
            note.addClassName("analytics-note");
            box.add(note);
        }
        return box;
    }

    /** A figure with its rate under it, or "—" with a caption (and the reason as tooltip) where unknown. */
    private Component tile(String key, Figures figures, Metric metric, @Nullable Metric rate, WhoList list) {
        var value = figures.value(metric);
        String detail = null;
        if (!value.isKnown()) {
            detail = page.tr(caption(value));
        } else if (rate != null) {
            detail = page.tr("analytics.funnel.rate." + key, MetricFormat.text(figures.value(rate), page.locale()));
        }
        var label = new Span(page.tr("analytics.funnel." + key));
        label.addClassName("analytics-tile-label");
        var number = new Span(MetricFormat.text(value, page.locale()));
        number.setId("funnel-" + key);
        number.addClassName("analytics-tile-value");
        var reasonKey = MetricFormat.reasonKey(value);
        if (reasonKey != null) {
            number.setTitle(page.tr(reasonKey));
        }
        var tile = new Div(label, number);
        tile.addClassName("analytics-tile");
        if (detail != null) {
            var caption = new Span(detail);
            caption.setId("funnel-" + key + "-detail");
            caption.addClassName("analytics-tile-detail");
            tile.add(caption);
        }
        if (value.isKnown()) {
            var who = page.whoButton(
                    "who-" + key,
                    AnalyticsTexts.listName(page.host(), list),
                    () -> page.dialogs().open(page.message(), RecipientFilter.of(list), null));
            who.setEnabled(value.countOrZero() > 0);
            tile.add(who);
        }
        return tile;
    }

    /** The short caption under "—": the reason in a few words. */
    private static String caption(MetricValue value) {
        return value.unknown() == MetricValue.Reason.DELIVERY_NOT_REPORTED
                ? "analytics.funnel.delivery-unknown"
                : "common.not-available.tooltip";
    }
}
