package com.mobilemarketing.analytics;

import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;

/**
 * One recipient with its contact, consent on the message's channel and event times; {@code listEventAt}
 * is the time of the event only some lists have: a link's first click, a credited contact's last order.
 */
public record RecipientRow(
        long contactId,
        String firstName,
        String lastName,
        String phone,
        @Nullable Boolean optedIn,
        @Nullable OffsetDateTime sentAt,
        @Nullable OffsetDateTime deliveredAt,
        @Nullable OffsetDateTime openedAt,
        @Nullable OffsetDateTime clickedAt,
        @Nullable OffsetDateTime failedAt,
        @Nullable String errorCode,
        @Nullable Boolean errorPermanent,
        @Nullable OffsetDateTime listEventAt) {

    public String name() {
        return firstName + " " + lastName;
    }

    public RecipientStatus status() {
        if (clickedAt != null) {
            return RecipientStatus.CLICKED;
        }
        if (openedAt != null) {
            return RecipientStatus.OPENED;
        }
        if (deliveredAt != null) {
            return RecipientStatus.DELIVERED;
        }
        if (failedAt != null) {
            return RecipientStatus.UNDELIVERED;
        }
        return sentAt != null ? RecipientStatus.SENT : RecipientStatus.NOT_SENT;
    }

    /** The time of the event a "Who?" list is about. */
    public @Nullable OffsetDateTime eventTime(RecipientFilter filter) {
        if (filter.linkNo() != null || filter.credited() || filter.optedOut()) {
            return listEventAt;
        }
        var list = filter.list();
        if (list == null) {
            return sentAt;
        }
        return switch (list) {
            case SENT -> sentAt;
            case DELIVERED -> deliveredAt;
            case OPENED -> openedAt;
            case CLICKED -> clickedAt;
            case UNDELIVERED -> failedAt;
        };
    }
}
