package com.mobilemarketing.analytics;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;

/**
 * An order credited to one message: the contact, the order's value as the shop sent it and in the
 * account's currency (null: no rate, unconverted), and the touch that earned the credit.
 *
 * @param touch CLICK or VIEW (a read; for SMS the delivery)
 */
public record AttributedOrder(
        String orderId,
        long contactId,
        String name,
        String phone,
        OffsetDateTime placedAt,
        OffsetDateTime sentAt,
        String touch,
        OffsetDateTime touchAt,
        BigDecimal value,
        String currency,
        @Nullable Long revenueMinor) {

    public boolean click() {
        return "CLICK".equals(touch);
    }

    /** From the touch to the order. */
    public Duration afterTouch() {
        return Duration.between(touchAt, placedAt);
    }

    /** From sending to the touch. */
    public Duration touchAfterSending() {
        return Duration.between(sentAt, touchAt);
    }
}
