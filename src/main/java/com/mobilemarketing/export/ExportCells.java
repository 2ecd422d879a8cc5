package com.mobilemarketing.export;

import com.mobilemarketing.core.columns.MessageColumn;
import com.mobilemarketing.core.i18n.TranslationProvider;
import com.mobilemarketing.core.metrics.Attribution;
import com.mobilemarketing.core.metrics.AttributionLabel;
import com.mobilemarketing.core.metrics.Metric;
import com.mobilemarketing.core.metrics.MetricFormat;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The typed cells of one exported message, in the order of the columns. Figures come from the metric
 * model, like on screen: an empty cell where the screen shows "—" (SMS opens, delivery through a
 * gateway without callbacks, a rate without base).
 */
@Component
public class ExportCells {

    private final TranslationProvider translations;

    public ExportCells(TranslationProvider translations) {
        this.translations = translations;
    }

    /**
     * The columns' names; an order figure's name says the attribution it was read with, as on screen
     * ("Przychód (atrybucja: ostatnie kliknięcie, 5 dni)"), so a file read later still says it.
     */
    public List<String> header(List<MessageColumn> columns, Locale locale, Attribution attribution) {
        AttributionLabel.Translator tr = (key, parameters) -> translations.getTranslation(key, locale, parameters);
        var label = AttributionLabel.label(tr, attribution);
        return columns.stream()
                .map(c -> {
                    var name = translations.getTranslation(c.exportLabelKey(), locale);
                    return c.metric().filter(Metric::needsOrders).isPresent() ? name + " (" + label + ")" : name;
                })
                .toList();
    }

    public List<Object> cells(MessageExportRow row, List<MessageColumn> columns, ZoneId zone, Locale locale) {
        var figures = row.figures();
        var cells = new ArrayList<Object>(columns.size());
        for (var column : columns) {
            if (column.metric().isPresent()) {
                cells.add(MetricFormat.cell(figures.value(column.metric().get())));
                continue;
            }
            cells.add(
                    switch (column) {
                        case NAME -> row.name();
                        case OWNER -> row.owner();
                        case SENT_DATE -> local(row.sentAt(), zone);
                        case CHANNEL ->
                            translations.getTranslation(
                                    "channel." + row.channel().getLiteral(), locale);
                        case TYPE ->
                            translations.getTranslation("type." + row.type().getLiteral(), locale);
                        case GATEWAY -> row.gateway();
                        case SCHEDULED_DATE -> local(row.scheduledAt(), zone);
                        case STATE ->
                            translations.getTranslation("state." + row.state().getLiteral(), locale);
                        default -> throw new IllegalStateException("A figure of the metric model: " + column);
                    });
        }
        return cells;
    }

    private static @Nullable LocalDateTime local(@Nullable OffsetDateTime time, ZoneId zone) {
        return time == null
                ? null
                : time.atZoneSameInstant(zone).toLocalDateTime().truncatedTo(ChronoUnit.SECONDS);
    }
}
