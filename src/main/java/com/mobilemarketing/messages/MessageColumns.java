package com.mobilemarketing.messages;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The column keys of the message list. They are a contract: saved in users' column preferences and
 * read by the export, so a key is never renamed.
 */
public final class MessageColumns {

    public static final String NAME = "name";
    public static final String OWNER = "owner";
    public static final String SENT = "sent";
    public static final String SENT_DATE = "sentDate";
    public static final String DELIVERED = "delivered";
    public static final String OPENED = "opened";
    public static final String UNDELIVERED = "undelivered";
    public static final String CHANNEL = "channel";
    public static final String CLICKED = "clicked";
    public static final String DELIVERY_RATE = "deliveryRate";
    public static final String OPEN_RATE = "openRate";
    public static final String CLICK_RATE = "clickRate";
    public static final String TYPE = "type";
    public static final String GATEWAY = "gateway";
    public static final String SCHEDULED_DATE = "scheduledDate";
    public static final String STATE = "state";

    /** Shown until the user personalizes the grid, in this order. */
    public static final List<String> DEFAULTS =
            List.of(NAME, OWNER, SENT, SENT_DATE, DELIVERED, OPENED, UNDELIVERED, CHANNEL);

    /** Columns the user can add. */
    public static final List<String> OPTIONAL =
            List.of(CLICKED, DELIVERY_RATE, OPEN_RATE, CLICK_RATE, TYPE, GATEWAY, SCHEDULED_DATE, STATE);

    public static final List<String> ALL =
            Stream.concat(DEFAULTS.stream(), OPTIONAL.stream()).toList();

    private static final Set<String> KNOWN = Set.copyOf(ALL);

    /** Preference key of one tab's grid, e.g. {@code messages.BULK}. */
    public static String gridKey(com.mobilemarketing.db.enums.MessageType type) {
        return "messages." + type.name();
    }

    public static boolean isKnown(String key) {
        return KNOWN.contains(key);
    }

    /**
     * Known keys in their saved order without duplicates; keys of columns that no longer exist are
     * dropped so an old preference never breaks the grid. Empty means "use the defaults".
     */
    public static List<String> sanitize(List<String> keys) {
        var result = new LinkedHashSet<String>();
        for (var key : keys) {
            if (isKnown(key)) {
                result.add(key);
            }
        }
        return new ArrayList<>(result);
    }

    private MessageColumns() {}
}
