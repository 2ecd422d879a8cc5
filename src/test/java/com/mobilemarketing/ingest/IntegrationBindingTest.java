package com.mobilemarketing.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.mobilemarketing.TestMessages.TestMessage;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

/**
 * A correctly signed callback only touches recipients of messages sent through the integration it
 * came through: for every pair of Flora's integrations, a callback through one carrying a provider
 * message id of the other's message changes no recipient and no counter, is kept as a misrouted
 * event, counted in the ingest figures, and the right integration's callback still applies.
 */
class IntegrationBindingTest extends IngestTestSupport {

    /** Flora's integrations: the SMS gateway with callbacks, the one without, WhatsApp and Viber. */
    private enum Integration {
        SMS(GATEWAY),
        SILENT_SMS(SILENT_GATEWAY),
        WHATSAPP(null),
        VIBER(null);

        private final @Nullable Long gateway;

        Integration(@Nullable Long gateway) {
            this.gateway = gateway;
        }

        String channel() {
            return gateway == null ? name() : "SMS";
        }

        /** Only these receive callbacks (the silent gateway's URL answers 404). */
        boolean receivesCallbacks() {
            return this != SILENT_SMS;
        }
    }

    @Autowired
    private IngestRepository repository;

    /** Posts a correctly signed "delivered" report for the provider id through the integration. */
    private void deliveredThrough(Integration through, String providerId) throws Exception {
        var request = switch (through) {
            case SMS -> {
                var params = new LinkedHashMap<String, List<String>>();
                params.put("MessageSid", List.of(providerId));
                params.put("MessageStatus", List.of("delivered"));
                var path = "/callbacks/sms/1/" + GATEWAY;
                var body = params.entrySet().stream()
                        .map(e -> e.getKey() + "="
                                + URLEncoder.encode(e.getValue().getFirst(), StandardCharsets.UTF_8))
                        .collect(Collectors.joining("&"));
                yield post(path)
                        .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                        .content(body)
                        .header("X-Twilio-Signature", Signatures.twilio(SMS_SECRET, "http://localhost" + path, params));
            }
            case WHATSAPP -> {
                var body =
                        ("{\"entry\":[{\"changes\":[{\"value\":{\"statuses\":[{\"id\":\"%s\",\"status\":\"delivered\","
                                        + "\"timestamp\":\"%d\"}]}}]}]}")
                                .formatted(providerId, clock.instant().getEpochSecond() - 60);
                var bytes = body.getBytes(StandardCharsets.UTF_8);
                yield post("/callbacks/whatsapp/1")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(bytes)
                        .header("X-Hub-Signature-256", Signatures.meta(WHATSAPP_SECRET, bytes));
            }
            case VIBER -> {
                var body = "{\"event\":\"delivered\",\"timestamp\":%d,\"message_token\":\"%s\"}"
                        .formatted(clock.instant().toEpochMilli() - 60_000, providerId);
                var bytes = body.getBytes(StandardCharsets.UTF_8);
                yield post("/callbacks/viber/1")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(bytes)
                        .header("X-Viber-Content-Signature", Signatures.viber(VIBER_SECRET, bytes));
            }
            case SILENT_SMS -> throw new IllegalArgumentException("receives no callbacks");
        };
        mvc.perform(request).andExpect(status().isOk()).andExpect(content().string("ok\n"));
    }

    private String recipientState(TestMessage message) {
        return asAllAccounts(() -> queryValue(
                String.class,
                "select concat_ws('|', sent_at, delivered_at, opened_at, failed_at, error_code) from message_recipient "
                        + "where account_id = 1 and message_id = ?",
                message.id()));
    }

    private String eventState(String providerId) {
        return asAllAccounts(() -> queryValue(
                String.class,
                "select case when misrouted then 'misrouted' when fold_attempts > 0 then 'orphan' "
                        + "when fold_waiting(written_by, id, fold_attempts) then 'fresh' else 'folded' end "
                        + "from delivery_event where account_id = 1 and provider_message_id = ?",
                providerId));
    }

    private List<Object> counters(TestMessage message) {
        return asAllAccounts(() -> db.fetchSingle(
                        "select recipients, sent, delivered, opened, failed from message_stats "
                                + "where account_id = 1 and message_id = ?",
                        message.id())
                .intoList());
    }

    @Test
    void aSignedCallbackCarryingAnotherIntegrationsProviderIdChangesNothing() throws Exception {
        var sentAt = clock.instant().minusSeconds(3600);
        long misroutedBefore = asAllAccounts(() -> repository.figures().misrouted());
        int pairs = 0;
        for (var through : Integration.values()) {
            if (!through.receivesCallbacks()) {
                continue;
            }
            for (var target : Integration.values()) {
                if (target == through) {
                    continue;
                }
                var message = createMessage(target.channel(), target.gateway, 1, sentAt, true);
                var providerId = message.providerIds().getFirst();
                var state = recipientState(message);
                var counters = counters(message);

                deliveredThrough(through, providerId);
                // (the app's own folder may take the event first: the test checks the outcome)
                folder.foldPending();

                var pair = through + " → " + target;
                assertThat(recipientState(message)).as(pair).isEqualTo(state);
                assertThat(counters(message)).as(pair).isEqualTo(counters);
                assertThat(asAllAccounts(() -> queryValue(
                                String.class,
                                "select concat_ws('|', status, misrouted, not fold_waiting(written_by, id, fold_attempts)) from delivery_event "
                                        + "where account_id = 1 and provider_message_id = ?",
                                providerId)))
                        .as(pair)
                        .isEqualTo("delivered|t|t");
                // a retry of orphans does not pick it up again
                folder.retryOrphans(false);
                assertThat(recipientState(message)).as(pair).isEqualTo(state);
                assertThat(counters(message)).as(pair).isEqualTo(counters);

                // the message's own integration still applies its reports
                if (target.receivesCallbacks()) {
                    deliveredThrough(target, providerId);
                    folder.foldPending();
                    assertThat(counters(message).get(2)).as(pair).isEqualTo(1L);
                }
                pairs++;
            }
        }
        assertThat(pairs).isEqualTo(9);
        assertThat(asAllAccounts(() -> repository.figures().misrouted())).isEqualTo(misroutedBefore + 9);
        assertThat(counterDifferences()).isZero();
    }

    @Test
    void anOrphanOfAnotherIntegrationStaysUnappliedWhenItsRecipientAppears() throws Exception {
        var sentAt = clock.instant().minusSeconds(3600);
        var message = createMessage("WHATSAPP", null, 1, sentAt, false);
        var providerId = message.providerIds().getFirst();
        deliveredThrough(Integration.VIBER, providerId);
        folder.foldPending();
        assertThat(eventState(providerId)).isEqualTo("orphan");
        insertRecipients(message, sentAt);
        var state = recipientState(message);
        folder.retryOrphans(false);
        assertThat(eventState(providerId)).isEqualTo("misrouted");
        assertThat(recipientState(message)).isEqualTo(state);
        assertThat(counters(message)).containsExactly(1L, 1L, 0L, 0L, 0L);
    }
}
