package com.mobilemarketing.core.ui;

import com.mobilemarketing.core.metrics.Attribution;
import com.mobilemarketing.core.metrics.AttributionLabel;
import com.vaadin.flow.component.Component;

/** The attribution setting as every revenue figure on screen states it: "atrybucja: ostatnie kliknięcie, 5 dni". */
public final class AttributionTexts {

    private AttributionTexts() {}

    /** The short label shown next to revenue figures. */
    public static String label(Component host, Attribution attribution) {
        return AttributionLabel.label(host::getTranslation, attribution);
    }

    /** The whole rule, for a tooltip. */
    public static String detail(Component host, Attribution attribution) {
        return AttributionLabel.detail(host::getTranslation, attribution);
    }

    /** The whole setting in one line, as the log of its changes lists it. */
    public static String summary(Component host, Attribution attribution) {
        return AttributionLabel.summary(host::getTranslation, attribution);
    }
}
