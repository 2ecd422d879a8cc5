package com.mobilemarketing.export;

import com.mobilemarketing.core.columns.MessageColumn;
import com.mobilemarketing.core.columns.MessageRow;
import com.mobilemarketing.core.i18n.TranslationProvider;
import com.mobilemarketing.core.metrics.Attribution;
import com.mobilemarketing.core.metrics.AttributionLabel;
import com.mobilemarketing.core.metrics.Metric;
import com.mobilemarketing.core.metrics.MetricFormat;
import com.mobilemarketing.core.time.LocalTimes;
import com.mobilemarketing.db.enums.Channel;
import com.mobilemarketing.db.enums.MessageState;
import com.mobilemarketing.db.enums.MessageType;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jooq.EnumType;
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

    public List<Object> cells(MessageRow row, List<MessageColumn> columns, ZoneId zone, Locale locale) {
        return forJob(columns, zone, locale).cells(row);
    }

    /** The cells of one job's rows: what does not change from row to row is looked up once. */
    public RowCells forJob(List<MessageColumn> columns, ZoneId zone, Locale locale) {
        return new RowCells(
                columns,
                columns.stream().map(c -> c.metric().orElse(null)).toArray(Metric[]::new),
                labels(Channel.class, "channel.", locale),
                labels(MessageType.class, "type.", locale),
                labels(MessageState.class, "state.", locale),
                new LocalTimes(zone));
    }

    private <E extends Enum<E> & EnumType> Map<E, String> labels(Class<E> type, String prefix, Locale locale) {
        var labels = new EnumMap<E, String>(type);
        for (var value : type.getEnumConstants()) {
            labels.put(value, translations.getTranslation(prefix + value.getLiteral(), locale));
        }
        return labels;
    }

    /**
     * One job's columns with their metrics (null where a column shows none), translated labels and
     * its zone's local times: for the one thread that writes the job's rows.
     */
    public record RowCells(
            List<MessageColumn> columns,
            @Nullable Metric[] metrics,
            Map<Channel, String> channels,
            Map<MessageType, String> types,
            Map<MessageState, String> states,
            LocalTimes times) {

        public List<Object> cells(MessageRow row) {
            var figures = row.figures();
            var cells = new ArrayList<Object>(metrics.length);
            for (int i = 0; i < metrics.length; i++) {
                var metric = metrics[i];
                if (metric != null) {
                    cells.add(MetricFormat.cell(figures.value(metric)));
                    continue;
                }
                var column = columns.get(i);
                cells.add(
                        switch (column) {
                            case NAME -> row.name();
                            case OWNER -> row.ownerName();
                            case SENT_DATE -> times.local(row.sentAt());
                            case CHANNEL -> channels.get(row.channel());
                            case TYPE -> types.get(row.type());
                            case GATEWAY -> row.gatewayName();
                            case SCHEDULED_DATE -> times.local(row.scheduledAt());
                            case STATE -> states.get(row.state());
                            default -> throw new IllegalStateException("A figure of the metric model: " + column);
                        });
            }
            return cells;
        }
    }
}
