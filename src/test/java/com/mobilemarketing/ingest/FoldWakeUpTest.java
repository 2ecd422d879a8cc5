package com.mobilemarketing.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.mobilemarketing.Poll;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/**
 * The background fold is event-driven: while no callbacks come it looks for work less and less
 * often (an idle app costs the database nothing), and a callback after such a quiet time is still
 * folded at once, without waiting for the next look or the fold interval.
 */
class FoldWakeUpTest extends IngestTestSupport {

    /** The rollup lag a callback may see after a quiet time (folded at once, plus a loaded machine). */
    private static final Duration BOUND = Duration.ofSeconds(2);

    @Test
    void aCallbackAfterAQuietTimeIsFoldedWithinTheBound() throws Exception {
        var message = createMessage("WHATSAPP", 1, clock.instant().minusSeconds(600), true);
        // The folder backs off while it finds nothing: wait until its next look is further away
        // than the bound, so only the callback's wake-up can explain a fold within the bound.
        var wait = Poll.until(Duration.ofSeconds(30), folder::idleWait, w -> w.compareTo(BOUND) > 0, () -> {});
        assertThat(wait).isGreaterThan(BOUND);

        long sent = System.nanoTime();
        var body =
                """
                {"object":"whatsapp_business_account","entry":[{"id":"WABA1","changes":[{"field":"messages",
                "value":{"messaging_product":"whatsapp","metadata":{"phone_number_id":"123"},
                "statuses":[{"id":"%s","status":"delivered","timestamp":"%d","recipient_id":"48600100200"}]}}]}]}
                """.formatted(message.providerIds().getFirst(), clock.instant().getEpochSecond() - 60);
        mvc.perform(post("/callbacks/whatsapp/1")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body)
                        .header(
                                "X-Hub-Signature-256",
                                Signatures.meta(WHATSAPP_SECRET, body.getBytes(StandardCharsets.UTF_8))))
                .andExpect(status().isOk());
        var delivered = Poll.until(
                BOUND,
                () -> asAllAccounts(() -> queryLong(
                        "select count(*) from message_recipient where account_id = ? and message_id = ? and delivered_at is not null",
                        FLORA,
                        message.id())),
                n -> n == 1,
                () -> {});
        var lag = Duration.ofNanos(System.nanoTime() - sent);
        assertThat(delivered).as("folded %s after the callback", lag).isEqualTo(1);
        assertThat(lag).isLessThanOrEqualTo(BOUND);
    }
}
