package com.mobilemarketing.core.columns;

import com.mobilemarketing.core.metrics.Cost;
import com.mobilemarketing.core.metrics.Figures;
import com.mobilemarketing.core.metrics.Measurability;
import com.mobilemarketing.core.metrics.Revenue;
import com.mobilemarketing.db.enums.Channel;
import com.mobilemarketing.db.enums.MessageState;
import com.mobilemarketing.db.enums.MessageType;
import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;

/**
 * One message as every {@link MessageColumn} reads it, in the list and in the export: its settings,
 * its counters and credited orders from the per-message rollups (zero before the first recipient or
 * order), revenue in minor units of the account's currency, cost in micros of it.
 * {@code gatewayCallbacks} is null for WhatsApp and Viber.
 */
public record MessageRow(
        long id,
        String name,
        MessageType type,
        MessageState state,
        Channel channel,
        @Nullable String gatewayName,
        @Nullable Boolean gatewayCallbacks,
        long ownerId,
        String ownerName,
        @Nullable OffsetDateTime scheduledAt,
        @Nullable OffsetDateTime sentAt,
        long sent,
        long delivered,
        long opened,
        long clicked,
        long undelivered,
        long orders,
        long revenueMinor,
        long unconvertedOrders,
        long costMicros,
        long unpriced,
        String currency,
        long optOuts) {

    /** The counters with what the channel and gateway report: the figures every column shows. */
    public Figures figures() {
        return Figures.ofMessage(
                channel,
                gatewayCallbacks,
                sent,
                delivered,
                opened,
                clicked,
                undelivered,
                new Revenue(orders, revenueMinor, unconvertedOrders, currency),
                new Cost(costMicros, 0, unpriced, currency),
                optOuts);
    }

    /** SMS through a gateway without delivery reports: delivered and undelivered are unknown. */
    public boolean deliveryUnknown() {
        return !Measurability.of(channel, gatewayCallbacks).delivery();
    }

    /** Sent time, or the planned time of a message that was not sent (scheduled or cancelled). */
    public @Nullable OffsetDateTime listTime() {
        return sentAt != null ? sentAt : scheduledAt;
    }
}
