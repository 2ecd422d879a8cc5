package com.mobilemarketing.alerts;

import com.mobilemarketing.core.i18n.TranslationProvider;
import com.mobilemarketing.core.metrics.MetricFormat;
import java.util.Locale;

/** The words of an alert in one language, the same on screen and in the e-mail. */
public record AlertTexts(TranslationProvider translations, Locale locale) {

    public String tr(String key, Object... parameters) {
        return translations.getTranslation(key, locale, parameters);
    }

    /** "Spadek wskaźnika dostarczenia: Bramka SMS Premium". */
    public String title(Alert alert) {
        return tr(alert.kind().textKey(), alert.integration(), alert.code());
    }

    /** The figures that raised it against the rule's limit. */
    public String detail(Alert alert) {
        return switch (alert.kind()) {
            case DELIVERY_RATE_DROP, ERROR_CODE_SPIKE ->
                tr(
                        alert.kind().textKey() + ".detail",
                        MetricFormat.percent(alert.observed().doubleValue(), locale),
                        MetricFormat.percent(alert.expected().doubleValue(), locale));
            case CALLBACKS_STOPPED, FOLD_BACKLOG ->
                tr(
                        alert.kind().textKey() + ".detail",
                        MetricFormat.count(alert.observed().longValue(), locale),
                        MetricFormat.count(alert.expected().longValue(), locale));
        };
    }
}
