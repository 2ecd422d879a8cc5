package com.mobilemarketing.core.columns;

import com.mobilemarketing.core.metrics.Metric;
import com.mobilemarketing.db.enums.MessageType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The columns of the message list, the one definition the list's grid, the users' saved column
 * preferences and the export share. It lives in core because the message list opens the export
 * dialog, so the export cannot depend on the message list. The keys are a contract: saved in
 * grid_column_preference.columns and in queued export jobs, so a key is never renamed.
 */
public enum MessageColumn {
    NAME("name", Kind.TEXT, null, true),
    OWNER("owner", Kind.TEXT, null, true),
    SENT("sent", Kind.COUNT, Metric.SENT, true),
    SENT_DATE("sentDate", Kind.TIME, null, true),
    DELIVERED("delivered", Kind.COUNT, Metric.DELIVERED, true),
    OPENED("opened", Kind.COUNT, Metric.OPENED, true),
    UNDELIVERED("undelivered", Kind.COUNT, Metric.UNDELIVERED, true),
    CHANNEL("channel", Kind.TEXT, null, true),
    CLICKED("clicked", Kind.COUNT, Metric.CLICKED, false),
    DELIVERY_RATE("deliveryRate", Kind.RATE, Metric.DELIVERY_RATE, false),
    OPEN_RATE("openRate", Kind.RATE, Metric.OPEN_RATE, false),
    CLICK_RATE("clickRate", Kind.RATE, Metric.CLICK_RATE, false),
    TYPE("type", Kind.TEXT, null, false),
    GATEWAY("gateway", Kind.TEXT, null, false),
    SCHEDULED_DATE("scheduledDate", Kind.TIME, null, false),
    STATE("state", Kind.TEXT, null, false),
    ORDERS("orders", Kind.COUNT, Metric.ORDERS, false),
    REVENUE("revenue", Kind.MONEY, Metric.REVENUE, false),
    REVENUE_PER_RECIPIENT("revenuePerRecipient", Kind.MONEY, Metric.REVENUE_PER_RECIPIENT, false),
    CONVERSION_RATE("conversionRate", Kind.RATE, Metric.CONVERSION_RATE, false),
    AVERAGE_ORDER_VALUE("averageOrderValue", Kind.MONEY, Metric.AVERAGE_ORDER_VALUE, false),
    COST("cost", Kind.MONEY, Metric.COST, false),
    COST_PER_DELIVERED("costPerDelivered", Kind.MONEY, Metric.COST_PER_DELIVERED, false),
    COST_PER_READ("costPerRead", Kind.MONEY, Metric.COST_PER_READ, false),
    COST_PER_CLICK("costPerClick", Kind.MONEY, Metric.COST_PER_CLICK, false),
    COST_PER_ORDER("costPerOrder", Kind.MONEY, Metric.COST_PER_ORDER, false),
    RETURN("return", Kind.RATE, Metric.RETURN, false),
    OPT_OUTS("optOuts", Kind.COUNT, Metric.OPT_OUTS, false),
    OPT_OUT_RATE("optOutRate", Kind.RATE, Metric.OPT_OUT_RATE, false);

    /** How a value is typed in a file: text, whole number, fraction (rate), date-time or money. */
    public enum Kind {
        TEXT,
        COUNT,
        RATE,
        TIME,
        MONEY
    }

    private static final Logger log = LoggerFactory.getLogger(MessageColumn.class);

    /** Shown until the user personalizes the grid, in this order. */
    public static final List<MessageColumn> DEFAULTS =
            Arrays.stream(values()).filter(c -> c.definition.byDefault()).toList();

    /** Columns the user can add. */
    public static final List<MessageColumn> OPTIONAL =
            Arrays.stream(values()).filter(c -> !c.definition.byDefault()).toList();

    public static final List<MessageColumn> ALL = List.of(values());

    /** A column's definition: its saved key, how a file types it, the figure it shows, shown by default. */
    private record Definition(
            String key, Kind kind, @Nullable Metric metric, boolean byDefault) {}

    private final Definition definition;

    MessageColumn(String key, Kind kind, @Nullable Metric metric, boolean byDefault) {
        this.definition = new Definition(key, kind, metric, byDefault);
    }

    public String key() {
        return definition.key();
    }

    public Kind kind() {
        return definition.kind();
    }

    /** The figure this column shows, if it shows one of the metric model. */
    public Optional<Metric> metric() {
        return Optional.ofNullable(definition.metric());
    }

    /** Translation key of the column's header in the list ({@code messages.column.*}). */
    public String labelKey() {
        return "messages.column." + key();
    }

    /** Translation key of the column's header in an export file ({@code export.column.*}). */
    public String exportLabelKey() {
        return "export.column." + key();
    }

    public static Optional<MessageColumn> byKey(String key) {
        return Arrays.stream(values()).filter(c -> c.key().equals(key)).findFirst();
    }

    /** Preference key of one tab's grid, e.g. {@code messages.BULK}; "All types" is {@code messages.ALL}. */
    public static String gridKey(@Nullable MessageType type) {
        return "messages." + (type == null ? "ALL" : type.name());
    }

    public static List<String> keys(List<MessageColumn> columns) {
        return columns.stream().map(MessageColumn::key).toList();
    }

    /** The columns of these keys, in order; an unknown key is an error (e.g. a job written by a newer version). */
    public static List<MessageColumn> fromKeys(List<String> keys) {
        return keys.stream()
                .map(key -> byKey(key).orElseThrow(() -> new IllegalArgumentException("Unknown column " + key)))
                .distinct()
                .toList();
    }

    /**
     * The known columns of a saved preference, in its order without duplicates. A key of a column
     * that no longer exists is dropped, and logged, so an old preference never breaks the grid.
     * Empty means "use the defaults".
     */
    public static List<MessageColumn> sanitize(List<String> keys) {
        var result = new LinkedHashSet<MessageColumn>();
        var unknown = new ArrayList<String>();
        for (var key : keys) {
            byKey(key).ifPresentOrElse(result::add, () -> unknown.add(key));
        }
        if (!unknown.isEmpty()) {
            log.info("Saved column preference names unknown columns {}: left out", unknown);
        }
        return List.copyOf(result);
    }

    /** Every key, defaults first. */
    public static Stream<String> allKeys() {
        return Arrays.stream(values()).map(MessageColumn::key);
    }
}
