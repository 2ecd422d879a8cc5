package com.mobilemarketing.core.ui;

import com.mobilemarketing.core.metrics.Attribution;
import com.vaadin.flow.component.Component;

/** The attribution setting as every revenue figure states it: "atrybucja: ostatnie kliknięcie, 5 dni". */
public final class AttributionTexts {

    private AttributionTexts() {}

    /** The short label shown next to revenue figures. */
    public static String label(Component host, Attribution attribution) {
        var window = attribution.model() == Attribution.Model.LAST_CLICK
                ? attribution.clickWindowHours()
                : Math.max(attribution.clickWindowHours(), attribution.viewWindowHours());
        return host.getTranslation(
                "metric.attribution.label", host.getTranslation(attribution.modelKey()), window(host, window));
    }

    /** The whole rule, for a tooltip. */
    public static String detail(Component host, Attribution attribution) {
        var key = attribution.model() == Attribution.Model.LAST_CLICK
                ? "metric.attribution.detail"
                : "metric.attribution.detail.touch";
        return host.getTranslation(
                key, window(host, attribution.clickWindowHours()), window(host, attribution.viewWindowHours()));
    }

    /** Whole days as days ("5 dni"), anything else in hours ("36 h"). */
    static String window(Component host, int hours) {
        if (hours == 24) {
            return host.getTranslation("metric.attribution.day");
        }
        return hours % 24 == 0
                ? host.getTranslation("metric.attribution.days", hours / 24)
                : host.getTranslation("metric.attribution.hours", hours);
    }
}
