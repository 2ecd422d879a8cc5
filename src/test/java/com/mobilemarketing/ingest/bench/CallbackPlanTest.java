package com.mobilemarketing.ingest.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.mobilemarketing.ingest.Signatures;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The benchmark's plan: every recipient and status once, in waves, signed, and mapped back. */
class CallbackPlanTest {

    @Test
    void everyRecipientAndStatusOnceInWavesAndMappedBack() {
        int count = 100;
        int wave = 7;
        var ids = IntStream.range(0, (int) CallbackPlan.recipientsNeeded(count, wave))
                .mapToObj(i -> "B1-" + i)
                .toList();
        assertThat(ids).hasSize(35); // 100 callbacks = 4 whole waves of 21 and one of 16: 5 waves of 7 recipients
        var plan = CallbackPlan.build(ids, count, wave, "127.0.0.1", 8080, "/callbacks/whatsapp/1", "secret");
        var seen = new HashSet<String>();
        for (int i = 0; i < count; i++) {
            assertThat(seen.add(plan.recipient(i) + "/" + plan.status(i))).isTrue();
            assertThat(plan.index(plan.recipient(i), plan.status(i))).isEqualTo(i);
        }
        // a wave: first every "sent", then every "delivered", then every "read"
        assertThat(IntStream.range(0, 21).map(plan::status).toArray())
                .containsExactly(0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2);
        assertThat(plan.recipient(0)).isEqualTo(plan.recipient(7)).isEqualTo(plan.recipient(14));
        assertThat(plan.index(34, 2)).isEqualTo(-1); // past the plan
    }

    @Test
    void requestsAreCompleteAndSigned() {
        var plan = CallbackPlan.build(List.of("B1-1"), 3, 1, "127.0.0.1", 8080, "/callbacks/whatsapp/1", "secret");
        var request = new String(plan.request(1), StandardCharsets.UTF_8);
        var body = request.substring(request.indexOf("\r\n\r\n") + 4);
        assertThat(request)
                .startsWith("POST /callbacks/whatsapp/1 HTTP/1.1\r\nHost: 127.0.0.1:8080\r\n")
                .contains("Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n")
                .contains("X-Hub-Signature-256: " + Signatures.meta("secret", body.getBytes(StandardCharsets.UTF_8))
                        + "\r\n");
        assertThat(body).contains("\"id\":\"B1-1\"", "\"status\":\"delivered\"");
    }

    @Test
    void withPricingTheSentAndDeliveredStatusesCarryTheirCategory() {
        var plan =
                CallbackPlan.build(List.of("B1-1"), 3, 1, "127.0.0.1", 8080, "/callbacks/whatsapp/1", "secret", true);
        for (int i = 0; i < 3; i++) {
            var request = new String(plan.request(i), StandardCharsets.UTF_8);
            var body = request.substring(request.indexOf("\r\n\r\n") + 4);
            assertThat(body.contains("\"pricing\":{\"billable\":true"))
                    .as(CallbackPlan.STATUSES[plan.status(i)])
                    .isEqualTo(plan.status(i) < 2);
            assertThat(request)
                    .contains(
                            "X-Hub-Signature-256: " + Signatures.meta("secret", body.getBytes(StandardCharsets.UTF_8)));
        }
        // Without, none does.
        var plain = CallbackPlan.build(List.of("B1-1"), 3, 1, "127.0.0.1", 8080, "/callbacks/whatsapp/1", "secret");
        assertThat(new String(plain.request(0), StandardCharsets.UTF_8)).doesNotContain("pricing");
    }
}
