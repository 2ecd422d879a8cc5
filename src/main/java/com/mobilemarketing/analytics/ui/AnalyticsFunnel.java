package com.mobilemarketing.analytics.ui;

import com.mobilemarketing.analytics.RecipientFilter;
import com.mobilemarketing.analytics.WhoList;
import com.mobilemarketing.core.metrics.Cost;
import com.mobilemarketing.core.metrics.Figures;
import com.mobilemarketing.core.metrics.Metric;
import com.mobilemarketing.core.metrics.MetricFormat;
import com.mobilemarketing.core.metrics.MetricValue;
import com.mobilemarketing.core.metrics.Revenue;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.shared.Tooltip;
import org.jspecify.annotations.Nullable;

/**
 * The funnel of one message: sent, delivered, opened, clicked, undelivered and opted out with their
 * rates and "Who?" lists, from the metric model; "—" with a short caption where the channel or the gateway
 * cannot know a figure.
 */
record AnalyticsFunnel(AnalyticsPage page) {

    Component create() {
        var m = page.message();
        var figures = m.figures(
                page.inAccount(() -> page.repository().funnel(m.ref())),
                Revenue.UNKNOWN,
                Cost.UNKNOWN,
                page.inAccount(() -> page.repository().optOuts(m.ref())));
        var box = new Div();
        box.setId("message-funnel");
        box.addClassName("analytics-funnel");
        box.add(tile("sent", figures, Metric.SENT, null, WhoList.SENT));
        box.add(tile("delivered", figures, Metric.DELIVERED, Metric.DELIVERY_RATE, WhoList.DELIVERED));
        box.add(tile("opened", figures, Metric.OPENED, Metric.OPEN_RATE, WhoList.OPENED));
        box.add(tile("clicked", figures, Metric.CLICKED, Metric.CLICK_RATE, WhoList.CLICKED));
        box.add(tile("undelivered", figures, Metric.UNDELIVERED, Metric.UNDELIVERED_RATE, WhoList.UNDELIVERED));
        box.add(tile(
                "optOuts",
                figures,
                Metric.OPT_OUTS,
                Metric.OPT_OUT_RATE,
                RecipientFilter.optedOutContacts(),
                page.tr("analytics.list.opt-outs")));
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
        return tile(key, figures, metric, rate, RecipientFilter.of(list), AnalyticsTexts.listName(page.host(), list));
    }

    private Component tile(
            String key,
            Figures figures,
            Metric metric,
            @Nullable Metric rate,
            RecipientFilter filter,
            String listName) {
        var value = figures.value(metric);
        String detail = null;
        String detailReason = null;
        if (!value.isKnown()) {
            detail = page.tr(caption(value));
        } else if (rate != null) {
            var rateValue = figures.value(rate);
            if (rateValue.isKnown()) {
                detail = page.tr("analytics.funnel.rate." + key, MetricFormat.text(rateValue, page.locale()));
            } else {
                // "CTR — dostarczonych" read oddly: a rate that cannot be computed is "—" alone, why in its tooltip.
                detail = MetricFormat.text(rateValue, page.locale());
                detailReason = page.tr(rateReason(rate, rateValue));
            }
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
            if (detailReason != null) {
                caption.getElement().setAttribute("role", "img");
                caption.getElement().setAttribute("aria-label", detailReason);
                Tooltip.forComponent(caption).setText(detailReason);
            }
            tile.add(caption);
        }
        if (value.isKnown()) {
            var who = page.whoButton(
                    "who-" + key,
                    listName,
                    () -> page.dialogs().open(page.message(), filter, filter.optedOut() ? listName : null));
            who.setEnabled(value.countOrZero() > 0);
            tile.add(who);
        }
        return tile;
    }

    /** Why a rate of this page cannot be computed, in the words of its base. */
    private static String rateReason(Metric rate, MetricValue value) {
        if (value.unknown() == MetricValue.Reason.DELIVERY_NOT_REPORTED) {
            return "analytics.funnel.rate.none.delivery-unknown";
        }
        if (value.unknown() == MetricValue.Reason.NO_BASE) {
            return rate == Metric.DELIVERY_RATE || rate == Metric.UNDELIVERED_RATE
                    ? "analytics.funnel.rate.none.sent"
                    : "analytics.funnel.rate.none.delivered";
        }
        return "common.not-available.tooltip";
    }

    /** The short caption under "—": the reason in a few words. */
    private static String caption(MetricValue value) {
        return value.unknown() == MetricValue.Reason.DELIVERY_NOT_REPORTED
                ? "analytics.funnel.delivery-unknown"
                : "common.not-available.tooltip";
    }
}
