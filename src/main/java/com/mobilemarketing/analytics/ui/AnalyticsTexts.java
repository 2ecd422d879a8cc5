package com.mobilemarketing.analytics.ui;

import com.mobilemarketing.analytics.Latency;
import com.mobilemarketing.analytics.WhoList;
import com.vaadin.flow.component.Component;
import java.text.NumberFormat;
import java.util.Locale;
import java.util.Set;

/** Texts the analytics screens share: durations, error reasons, list names. */
final class AnalyticsTexts {

    /** Error codes with their own description in the bundles (analytics.error.<code lower case>). */
    static final Set<String> KNOWN_ERRORS = Set.of(
            "30003",
            "30005",
            "30006",
            "30007",
            "30008",
            "131026",
            "131047",
            "131048",
            "131049",
            "NOT_VIBER_USER",
            "USER_BLOCKED",
            "EXPIRED");

    private AnalyticsTexts() {}

    static String errorDescription(Component context, String code) {
        if (code.isEmpty()) {
            return context.getTranslation("analytics.error.none");
        }
        return KNOWN_ERRORS.contains(code)
                ? context.getTranslation("analytics.error." + code.toLowerCase(Locale.ROOT))
                : context.getTranslation("analytics.error.unknown");
    }

    static String listName(Component context, WhoList list) {
        return context.getTranslation("analytics.list." + list.name().toLowerCase(Locale.ROOT));
    }

    /** A latency read from the histogram, marked approximate: "≈ 3,2 s", "≈ 14 min", "< 0,1 s". */
    static String latency(int bucket, Locale locale) {
        var format = NumberFormat.getNumberInstance(locale);
        format.setMaximumFractionDigits(1);
        if (bucket == 0) {
            return "< " + format.format(0.1) + " s";
        }
        var seconds = Latency.representativeSeconds(bucket);
        if (seconds < 60) {
            return "≈ " + format.format(seconds) + " s";
        }
        if (seconds < 3600) {
            return "≈ " + format.format(seconds / 60) + " min";
        }
        if (seconds < 86_400) {
            return "≈ " + format.format(seconds / 3600) + " h";
        }
        return "≈ " + format.format(seconds / 86_400) + " d";
    }
}
