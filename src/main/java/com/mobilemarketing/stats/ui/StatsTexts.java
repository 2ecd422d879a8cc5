package com.mobilemarketing.stats.ui;

import com.mobilemarketing.core.metrics.Metric;
import com.mobilemarketing.core.metrics.MetricFormat;
import com.mobilemarketing.core.time.DateRange;
import com.mobilemarketing.core.ui.Formats;
import com.mobilemarketing.stats.Funnel;
import com.mobilemarketing.stats.StatsComparison;
import com.vaadin.flow.component.Component;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Texts of the stats panel in the user's language: counts, rates, figures of the metric model, dates. */
record StatsTexts(Component host, Locale locale) {

    String tr(String key, Object... parameters) {
        return host.getTranslation(key, parameters);
    }

    String count(long value) {
        return Formats.count(value, locale);
    }

    /** A change of a count with its sign: "+12", "−3", "0". */
    String signedCount(long value) {
        return value > 0 ? "+" + count(value) : value < 0 ? "−" + count(-value) : count(0);
    }

    String rate(long part, long whole) {
        return Formats.rate(part, whole, locale);
    }

    /** A figure of the metric model as the screen writes it ("—" where unknown). */
    String text(Funnel funnel, Metric metric) {
        return MetricFormat.text(funnel.value(metric), locale);
    }

    /** Why a figure is "—", or null when it is known. */
    @Nullable
    String reason(Funnel funnel, Metric metric) {
        var key = MetricFormat.reasonKey(funnel.value(metric));
        return key == null ? null : tr(key);
    }

    /** "▲ +12,3% względem poprzedniego okresu", or a note when the comparison period had nothing. */
    String change(StatsComparison comparison, long now, long before) {
        return change(comparison, now, before, "stats.change.none");
    }

    /** As {@link #change(StatsComparison, long, long)}, with the note for an empty comparison period. */
    String change(StatsComparison comparison, long now, long before, String noneKey) {
        var suffix = comparison == StatsComparison.PREVIOUS_YEAR ? ".year" : "";
        if (before == 0) {
            return tr(noneKey + suffix);
        }
        return tr("stats.change" + suffix, shortChange(now, before));
    }

    /** Just the change ("▲ +12,3%"), or "—" when the comparison period had nothing: for a table cell. */
    String shortChange(long now, long before) {
        if (before == 0) {
            return MetricFormat.NOT_AVAILABLE;
        }
        var text = Formats.percent((double) (now - before) / before, locale);
        return (now > before ? "▲ +" : now < before ? "▼ " : "") + text;
    }

    /** The comparison period's figure and dates, for the change's tooltip. */
    String previous(StatsComparison comparison, long before, String previousDates) {
        return previous(comparison, count(before), previousDates);
    }

    /** As {@link #previous(StatsComparison, long, String)}, with the earlier figure already written. */
    String previous(StatsComparison comparison, String before, String previousDates) {
        var suffix = comparison == StatsComparison.PREVIOUS_YEAR ? ".year" : "";
        return tr("stats.change.previous" + suffix, previousDates, before);
    }

    String dates(DateRange dateRange) {
        var format = DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale);
        return dateRange.first().equals(dateRange.last())
                ? format.format(dateRange.first())
                : format.format(dateRange.first()) + " – " + format.format(dateRange.last());
    }
}
