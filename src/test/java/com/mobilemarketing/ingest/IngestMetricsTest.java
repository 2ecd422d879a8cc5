package com.mobilemarketing.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.mobilemarketing.core.db.Tenant;
import com.mobilemarketing.core.ops.OpsProperties;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultActions;

/** The callback counters per provider, outcome and reason; the fold counters; backlog and fold lag. */
class IngestMetricsTest extends IngestTestSupport {

    @Autowired
    private MeterRegistry registry;

    private double callbacks(String provider, String outcome, String reason) {
        var counter = registry.find(IngestMetrics.CALLBACKS)
                .tags("provider", provider, "outcome", outcome, "reason", reason)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private double events(String result) {
        return registry.get(IngestMetrics.EVENTS)
                .tag("result", result)
                .counter()
                .count();
    }

    private ResultActions postWhatsapp(String body, String signature) throws Exception {
        var request = post("/callbacks/whatsapp/1")
                .contentType(MediaType.APPLICATION_JSON)
                .content(body);
        if (signature != null) {
            request.header("X-Hub-Signature-256", signature);
        }
        return mvc.perform(request);
    }

    private static String whatsappBody(String id, String status, long seconds) {
        return """
                {"object":"whatsapp_business_account","entry":[{"id":"WABA1","changes":[{"field":"messages",
                "value":{"messaging_product":"whatsapp","metadata":{"phone_number_id":"123"},
                "statuses":[{"id":"%s","status":"%s","timestamp":"%d","recipient_id":"48600100200"}]}}]}]}
                """.formatted(id, status, seconds);
    }

    private static String sign(String body) {
        return Signatures.meta(WHATSAPP_SECRET, body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void callbacksAreCountedPerProviderOutcomeAndReason() throws Exception {
        var message = createMessage("WHATSAPP", 2, clock.instant().minusSeconds(600), true);
        var accepted = callbacks("whatsapp", "accepted", "none");
        var forged = callbacks("whatsapp", "refused", "signature");
        var malformed = callbacks("whatsapp", "refused", "malformed");
        var unknown = callbacks("viber", "refused", "unknown_integration");
        var smsForged = callbacks("sms", "refused", "signature");

        var body = whatsappBody(
                message.providerIds().getFirst(), "delivered", clock.instant().getEpochSecond());
        postWhatsapp(body, sign(body)).andExpect(status().isOk());
        postWhatsapp(body, "sha256=00").andExpect(status().isForbidden());
        postWhatsapp("{not json", sign("{not json")).andExpect(status().isBadRequest());
        mvc.perform(post("/callbacks/viber/999").content("{}")).andExpect(status().isNotFound());
        mvc.perform(post("/callbacks/sms/1/1")
                        .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                        .content("MessageSid=x&MessageStatus=delivered"))
                .andExpect(status().isForbidden());

        assertThat(callbacks("whatsapp", "accepted", "none")).isEqualTo(accepted + 1);
        assertThat(callbacks("whatsapp", "refused", "signature")).isEqualTo(forged + 1);
        assertThat(callbacks("whatsapp", "refused", "malformed")).isEqualTo(malformed + 1);
        assertThat(callbacks("viber", "refused", "unknown_integration")).isEqualTo(unknown + 1);
        assertThat(callbacks("sms", "refused", "signature")).isEqualTo(smsForged + 1);
    }

    @Test
    void foldedAndOrphanedEventsAreCounted() throws Exception {
        var message = createMessage("WHATSAPP", 2, clock.instant().minusSeconds(600), true);
        folder.foldPending();
        var folded = events("folded");
        var orphaned = events("orphaned");
        var known = whatsappBody(
                message.providerIds().getFirst(), "delivered", clock.instant().getEpochSecond());
        var orphan = whatsappBody(
                "T-no-such-recipient-" + message.id(),
                "delivered",
                clock.instant().getEpochSecond());
        postWhatsapp(known, sign(known)).andExpect(status().isOk());
        postWhatsapp(orphan, sign(orphan)).andExpect(status().isOk());
        folder.foldPending();
        // The scheduled fold may have taken them first: either way each is counted exactly once.
        assertThat(events("folded")).isEqualTo(folded + 1);
        assertThat(events("orphaned")).isEqualTo(orphaned + 1);
    }

    @Test
    void backlogAndFoldLagComeFromTheQueueAndMakeIngestLagging() {
        var properties = new OpsProperties(Duration.ofSeconds(60), Duration.ofMinutes(5), Duration.ZERO);
        // Inside one transaction that is rolled back: the scheduled fold never sees these events.
        Tenant.runAllAccounts(() -> {
            try {
                db.transaction(trx -> {
                    var repository = new IngestRepository(trx.dsl());
                    var indicator = new IngestHealthIndicator(repository, properties, new SimpleMeterRegistry());
                    var before = repository.backlog();
                    trx.dsl()
                            .execute(
                                    "insert into delivery_event (account_id, provider, provider_message_id, status, occurred_at, received_at) "
                                            + "values (?, 'whatsapp', 'TLAG1', 'delivered', now(), now() - interval '2 minutes'),"
                                            + " (?, 'whatsapp', 'TLAG2', 'delivered', now(), now())",
                                    FLORA,
                                    FLORA);
                    var after = repository.backlog();
                    assertThat(after.fresh()).isEqualTo(before.fresh() + 2);
                    assertThat(after.lagSeconds()).isBetween(119.0, 180.0);
                    var health = indicator.health();
                    assertThat(health.getStatus().getCode()).isEqualTo(OpsProperties.LAGGING);
                    assertThat(health.getDetails()).containsEntry("waitingEvents", after.fresh());
                    throw new RolledBack();
                });
            } catch (RolledBack expected) {
                // The test's events are gone with the transaction.
            }
        });
        var now = Tenant.allAccounts(() -> new IngestRepository(db).backlog());
        assertThat(now.lagSeconds()).isLessThan(60);
    }

    private static final class RolledBack extends RuntimeException {
        RolledBack() {
            super(null, null, false, false);
        }
    }
}
