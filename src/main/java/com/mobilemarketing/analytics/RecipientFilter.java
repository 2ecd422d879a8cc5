package com.mobilemarketing.analytics;

import com.mobilemarketing.core.db.PostgresText;
import org.jspecify.annotations.Nullable;

/**
 * Which recipients of one message a list shows: a "Who?" list (or all), optionally one failure
 * group (error code and permanence), the clickers of one link or the contacts of the orders credited
 * to the message ({@code credited}), the contacts who opted out credited to it ({@code optedOut}), and a
 * name/phone fragment.
 */
public record RecipientFilter(
        @Nullable WhoList list,
        @Nullable String errorCode,
        @Nullable Boolean permanent,
        @Nullable Short linkNo,
        boolean credited,
        boolean optedOut,
        @Nullable String search) {

    /** Longest accepted search text; longer input is refused before any query. */
    public static final int MAX_SEARCH_LENGTH = 100;

    public RecipientFilter {
        search = PostgresText.searchTerm(search);
        if (search != null && search.length() > MAX_SEARCH_LENGTH) {
            throw new IllegalArgumentException("Search text longer than " + MAX_SEARCH_LENGTH);
        }
    }

    public static RecipientFilter all() {
        return new RecipientFilter(null, null, null, null, false, false, null);
    }

    public static RecipientFilter of(WhoList list) {
        return new RecipientFilter(list, null, null, null, false, false, null);
    }

    public static RecipientFilter failureGroup(String errorCode, boolean permanent) {
        return new RecipientFilter(WhoList.UNDELIVERED, errorCode, permanent, null, false, false, null);
    }

    public static RecipientFilter linkClickers(short linkNo) {
        return new RecipientFilter(null, null, null, linkNo, false, false, null);
    }

    /** The contacts whose orders are credited to the message. */
    public static RecipientFilter creditedOrders() {
        return new RecipientFilter(null, null, null, null, true, false, null);
    }

    /** The contacts whose opt-outs are credited to the message. */
    public static RecipientFilter optedOutContacts() {
        return new RecipientFilter(null, null, null, null, false, true, null);
    }

    public RecipientFilter withList(@Nullable WhoList newList) {
        return new RecipientFilter(newList, errorCode, permanent, linkNo, credited, optedOut, search);
    }

    public RecipientFilter withSearch(@Nullable String text) {
        return new RecipientFilter(list, errorCode, permanent, linkNo, credited, optedOut, text);
    }

    public boolean hasSearch() {
        return search != null;
    }
}
