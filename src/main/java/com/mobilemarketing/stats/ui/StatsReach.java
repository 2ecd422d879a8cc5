package com.mobilemarketing.stats.ui;

import com.mobilemarketing.core.metrics.Metric;
import com.mobilemarketing.core.metrics.MetricFormat;
import com.mobilemarketing.core.metrics.MetricValue;
import com.mobilemarketing.stats.ReachRepository;
import com.mobilemarketing.stats.ReachRepository.Reach;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;

/**
 * "Unikalni odbiorcy": distinct contacts delivered to in the chosen range and source — contacts,
 * not messages — estimated from the day and month sketches, so shown with "≈" and the error bound
 * at about 95 % confidence, and a note while some days of the range wait for their sketches.
 */
class StatsReach extends Div {

    private final StatsTexts texts;
    private final Span value = span("stats-unique", "stats-reach-value");
    private final Span note = span("stats-unique-note", "stats-reach-note");

    StatsReach(StatsTexts texts) {
        this.texts = texts;
        var label = span("stats-unique-label", "stats-reach-label");
        label.setText(texts.tr("stats.unique"));
        add(label, value, note);
        setId("stats-reach");
        addClassName("stats-reach");
    }

    private static Span span(String id, String className) {
        var span = new Span();
        span.setId(id);
        span.addClassName(className);
        return span;
    }

    void show(Reach reach, String sourceName) {
        var figure = reach.isKnown()
                ? MetricValue.estimate(Metric.UNIQUE_RECIPIENTS, reach.estimate(), reach.relativeError())
                : MetricValue.unknown(Metric.UNIQUE_RECIPIENTS, MetricValue.Reason.NOT_COUNTED_YET);
        var text = MetricFormat.text(figure, texts.locale());
        value.setText(text);
        value.getElement().setAttribute("aria-label", texts.tr("stats.unique.aria", text, sourceName));
        setTitle(
                reach.isKnown()
                        ? texts.tr(
                                "stats.unique.detail",
                                texts.count(Math.round(reach.lowerBound())),
                                texts.count(Math.round(reach.upperBound())),
                                ReachRepository.CONFIDENCE_DEVIATIONS == 2 ? "95" : "68")
                        : texts.tr(MetricValue.Reason.NOT_COUNTED_YET.key()));
        note.setText(
                !reach.isKnown()
                        ? texts.tr("stats.unique.uncounted", reach.uncountedDays())
                        : reach.pendingDays() > 0
                                ? texts.tr("stats.unique.pending", reach.pendingDays())
                                : texts.tr("stats.unique.note"));
    }
}
