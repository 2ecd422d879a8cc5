package com.mobilemarketing.ingest;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;

/**
 * One order status as the shop sent it, checked: the shop's order id, the status, when the order was
 * placed, its gross value and currency, and the contact by id, phone (E.164) or e-mail (at least one).
 */
public record OrderUpdate(
        String orderId,
        Status status,
        OffsetDateTime placedAt,
        BigDecimal value,
        String currency,
        @Nullable Long contactId,
        @Nullable String phone,
        @Nullable String email) {

    /** The statuses a shop reports; an order counts while placed and neither cancelled nor refunded. */
    public enum Status {
        PLACED,
        CANCELLED,
        REFUNDED
    }
}
