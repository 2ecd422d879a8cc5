package com.mobilemarketing.ingest;

import com.mobilemarketing.db.enums.Channel;
import java.time.Instant;

/**
 * One opt-in or opt-out a provider reported: the contact's phone number as the provider named it,
 * the provider's id of the reply or event (its repeats are dropped), and when it happened.
 */
public record ConsentReply(
        Channel channel, Source source, String phone, boolean optedIn, String providerId, Instant at) {

    /** Where the change came from, as consent_change.source spells it. */
    public enum Source {
        SMS_REPLY,
        VIBER_EVENT,
        WHATSAPP_REPLY;

        String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
