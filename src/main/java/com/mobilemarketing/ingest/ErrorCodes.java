package com.mobilemarketing.ingest;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Whether a provider's failure code is permanent (retrying the contact is pointless) or transient. */
final class ErrorCodes {

    private static final Map<String, Boolean> TWILIO = Map.of(
            "30003", false, // unreachable handset
            "30004", true, // message blocked
            "30005", true, // unknown destination
            "30006", true, // landline or unreachable carrier
            "30007", true, // carrier filtering
            "30008", false); // unknown error

    private static final Map<String, Boolean> WHATSAPP = Map.of(
            "131026", true, // message undeliverable
            "131047", true, // re-engagement window closed
            "131048", false, // spam rate limit
            "131049", false, // ecosystem limit
            "130472", true); // user in an experiment

    private static final Map<String, Boolean> VIBER = Map.of(
            "NOT_VIBER_USER", true,
            "USER_BLOCKED", true,
            "EXPIRED", false);

    private ErrorCodes() {}

    static @Nullable Boolean twilio(@Nullable String code) {
        return code == null ? null : TWILIO.get(code);
    }

    static @Nullable Boolean whatsapp(@Nullable String code) {
        return code == null ? null : WHATSAPP.get(code);
    }

    static @Nullable Boolean viber(@Nullable String code) {
        return code == null ? null : VIBER.get(code);
    }
}
