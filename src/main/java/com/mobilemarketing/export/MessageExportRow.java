package com.mobilemarketing.export;

import com.mobilemarketing.core.metrics.Cost;
import com.mobilemarketing.core.metrics.Figures;
import com.mobilemarketing.core.metrics.Revenue;
import com.mobilemarketing.db.enums.Channel;
import com.mobilemarketing.db.enums.MessageState;
import com.mobilemarketing.db.enums.MessageType;
import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;

/**
 * One message as an export writes it: its settings, its counters from message_stats and its credited
 * orders from message_revenue (minor units of the account's currency) and its cost from message_cost
 * (micros of it);
 * {@code gatewayCallbacks} is null for WhatsApp and Viber.
 */
public record MessageExportRow(
        long id,
        String name,
        String owner,
        long sent,
        @Nullable OffsetDateTime sentAt,
        long delivered,
        long opened,
        long undelivered,
        Channel channel,
        long clicked,
        MessageType type,
        @Nullable String gateway,
        @Nullable Boolean gatewayCallbacks,
        @Nullable OffsetDateTime scheduledAt,
        MessageState state,
        long orders,
        long revenueMinor,
        long unconvertedOrders,
        long costMicros,
        long unpriced,
        String currency,
        long optOuts) {

    /** The counters with what the channel and gateway report, as the screens show them. */
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
}
