package com.mobilemarketing.core.metrics;

/**
 * The attribution setting in words, for screens and export files alike: the short label that stands
 * next to every revenue figure ("atrybucja: ostatnie kliknięcie, 5 dni"), the whole rule, and the
 * one-line summary of the change log. Texts come from the caller's translations.
 */
public final class AttributionLabel {

    /** A translation in the caller's language: key and parameters to text. */
    @FunctionalInterface
    public interface Translator {
        String tr(String key, Object... parameters);
    }

    private AttributionLabel() {}

    /** The short label shown next to revenue figures. */
    public static String label(Translator tr, Attribution attribution) {
        var window = attribution.model() == Attribution.Model.LAST_CLICK
                ? attribution.clickWindowHours()
                : Math.max(attribution.clickWindowHours(), attribution.viewWindowHours());
        return tr.tr("metric.attribution.label", tr.tr(attribution.modelKey()), window(tr, window));
    }

    /** The whole rule, for a tooltip. */
    public static String detail(Translator tr, Attribution attribution) {
        var key = attribution.model() == Attribution.Model.LAST_CLICK
                ? "metric.attribution.detail"
                : "metric.attribution.detail.touch";
        return tr.tr(key, window(tr, attribution.clickWindowHours()), window(tr, attribution.viewWindowHours()));
    }

    /** The whole setting in one line, as the log of its changes lists it. */
    public static String summary(Translator tr, Attribution attribution) {
        return tr.tr(
                "metric.attribution.summary",
                tr.tr(attribution.modelKey()),
                window(tr, attribution.clickWindowHours()),
                window(tr, attribution.viewWindowHours()));
    }

    /** Whole days as days ("5 dni"), anything else in hours ("36 h"). */
    static String window(Translator tr, int hours) {
        if (hours == 24) {
            return tr.tr("metric.attribution.day");
        }
        return hours % 24 == 0
                ? tr.tr("metric.attribution.days", hours / 24)
                : tr.tr("metric.attribution.hours", hours);
    }
}
