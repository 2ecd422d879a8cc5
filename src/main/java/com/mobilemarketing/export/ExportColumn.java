package com.mobilemarketing.export;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The columns of the message list that an export can contain. The keys are the contract with the
 * message list's column personalization (grid_column_preference.columns).
 */
public enum ExportColumn {
    NAME("name", Kind.TEXT),
    OWNER("owner", Kind.TEXT),
    SENT("sent", Kind.COUNT),
    SENT_DATE("sentDate", Kind.TIME),
    DELIVERED("delivered", Kind.COUNT),
    OPENED("opened", Kind.COUNT),
    UNDELIVERED("undelivered", Kind.COUNT),
    CHANNEL("channel", Kind.TEXT),
    CLICKED("clicked", Kind.COUNT),
    DELIVERY_RATE("deliveryRate", Kind.RATE),
    OPEN_RATE("openRate", Kind.RATE),
    CLICK_RATE("clickRate", Kind.RATE),
    TYPE("type", Kind.TEXT),
    GATEWAY("gateway", Kind.TEXT),
    SCHEDULED_DATE("scheduledDate", Kind.TIME),
    STATE("state", Kind.TEXT);

    /** How a value is typed in the file: text, whole number, fraction (rate) or date-time. */
    public enum Kind {
        TEXT,
        COUNT,
        RATE,
        TIME
    }

    /** The message list's columns when the user has not personalized them. */
    public static final List<ExportColumn> DEFAULTS =
            List.of(NAME, OWNER, SENT, SENT_DATE, DELIVERED, OPENED, UNDELIVERED, CHANNEL);

    private final String key;
    private final Kind kind;

    ExportColumn(String key, Kind kind) {
        this.key = key;
        this.kind = kind;
    }

    public String key() {
        return key;
    }

    public Kind kind() {
        return kind;
    }

    /** Translation key of the column's header. */
    public String labelKey() {
        return "export.column." + key;
    }

    public static Optional<ExportColumn> byKey(String key) {
        return Arrays.stream(values()).filter(c -> c.key.equals(key)).findFirst();
    }

    /** Known columns of a stored preference, in its order; unknown keys are skipped. */
    public static List<ExportColumn> fromKeys(List<String> keys) {
        return keys.stream()
                .map(ExportColumn::byKey)
                .flatMap(Optional::stream)
                .distinct()
                .toList();
    }
}
