package com.mobilemarketing.messages;

import com.mobilemarketing.core.db.PostgresText;
import com.mobilemarketing.db.enums.MessageType;
import org.jspecify.annotations.Nullable;

/**
 * What the message list shows: one account's messages of one type, optionally only the given
 * owner's, only scheduled ones (ignored on the test tab: tests are never scheduled) and only those
 * whose name contains {@code search} (case and Polish diacritics ignored).
 */
public record MessageFilter(
        long accountId,
        MessageType type,
        @Nullable Long ownerId,
        boolean scheduledOnly,
        @Nullable String search) {

    /** Longest accepted search text; the UI limits its field to the same length. */
    public static final int MAX_SEARCH_LENGTH = 100;

    public MessageFilter {
        search = PostgresText.searchTerm(search);
        if (search != null && search.length() > MAX_SEARCH_LENGTH) {
            throw new IllegalArgumentException("Search text longer than " + MAX_SEARCH_LENGTH + " characters");
        }
    }

    public static MessageFilter of(long accountId, MessageType type) {
        return new MessageFilter(accountId, type, null, false, null);
    }

    public MessageFilter withType(MessageType newType) {
        return new MessageFilter(accountId, newType, ownerId, scheduledOnly, search);
    }
}
