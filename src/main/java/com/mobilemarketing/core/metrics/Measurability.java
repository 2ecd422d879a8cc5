package com.mobilemarketing.core.metrics;

import com.mobilemarketing.db.enums.Channel;
import org.jooq.Condition;
import org.jooq.Field;
import org.jspecify.annotations.Nullable;

/**
 * What a channel and its integration can report, the one rule every screen and export follows:
 * SMS has no open signal (WhatsApp "read" and Viber "seen" are opens), and an SMS gateway without
 * delivery callbacks never says whether a message was delivered. WhatsApp and Viber always report
 * delivery.
 *
 * @param delivery delivered and undelivered are known
 * @param opens opened is known
 */
public record Measurability(boolean delivery, boolean opens) {

    /** Everything reported, e.g. traffic already restricted to gateways with callbacks. */
    public static final Measurability FULL = new Measurability(true, true);

    /** {@code gatewayCallbacks}: whether the SMS gateway sends delivery reports; null for other channels. */
    public static Measurability of(Channel channel, @Nullable Boolean gatewayCallbacks) {
        return new Measurability(deliveryReported(channel, gatewayCallbacks), opensReported(channel));
    }

    public static boolean opensReported(Channel channel) {
        return channel != Channel.SMS;
    }

    public static boolean deliveryReported(Channel channel, @Nullable Boolean gatewayCallbacks) {
        return channel != Channel.SMS || Boolean.TRUE.equals(gatewayCallbacks);
    }

    /** {@link #opensReported} in SQL, for sorting and filtering where the rows are. */
    public static Condition opensReported(Field<Channel> channel) {
        return channel.ne(Channel.SMS);
    }

    /** {@link #deliveryReported} in SQL; {@code gatewayCallbacks} is the gateway's supports_callbacks. */
    public static Condition deliveryReported(Field<Channel> channel, Field<Boolean> gatewayCallbacks) {
        return channel.ne(Channel.SMS).or(gatewayCallbacks.isTrue());
    }
}
