package com.mobilemarketing.ingest;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One provider status report, normalised: status is one of {@link #SENT}, {@link #DELIVERED},
 * {@link #READ} (WhatsApp read, Viber seen) or {@link #FAILED}; the time is the provider's when it
 * gives one. {@code pricingCategory} and {@code billable}: the pricing object of a WhatsApp status
 * report (the conversation category as the tariffs name it, and whether it is billed), null otherwise.
 */
public record StatusEvent(
        long accountId,
        String provider,
        String providerMessageId,
        String status,
        Instant occurredAt,
        @Nullable String errorCode,
        @Nullable Boolean errorPermanent,
        @Nullable String pricingCategory,
        @Nullable Boolean billable) {

    public static final String SENT = "sent";
    public static final String DELIVERED = "delivered";
    public static final String READ = "read";
    public static final String FAILED = "failed";

    public static final String WHATSAPP = "whatsapp";
    public static final String VIBER = "viber";

    /** SMS gateways are told apart so that two gateways' ids never collide in the unique key. */
    public static String smsProvider(long gatewayId) {
        return "sms:" + gatewayId;
    }
}
