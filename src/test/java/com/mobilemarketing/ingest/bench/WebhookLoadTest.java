package com.mobilemarketing.ingest.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The webhooks' requests as the load generator writes them on the wire. */
class WebhookLoadTest {

    @Test
    void aPostCarriesItsHostSignatureAndTheBodysLengthInBytes() {
        var body = "Body=REZYGNUJ%C4%98&From=%2B48600100200 ąę".getBytes(StandardCharsets.UTF_8);
        var request = WebhookLoad.post(
                "http://127.0.0.1:8080/callbacks/sms/1/2/inbound",
                "application/x-www-form-urlencoded",
                "X-Twilio-Signature",
                "c2lnbmF0dXJl",
                body);
        var head = "POST /callbacks/sms/1/2/inbound HTTP/1.1\r\nHost: 127.0.0.1:8080\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\nX-Twilio-Signature: c2lnbmF0dXJl\r\n"
                + "Content-Length: " + body.length + "\r\n\r\n";
        assertThat(body.length).isGreaterThan("Body=REZYGNUJ%C4%98&From=%2B48600100200 ąę".length());
        assertThat(new String(request, 0, head.length(), StandardCharsets.ISO_8859_1))
                .isEqualTo(head);
        assertThat(new String(request, head.length(), request.length - head.length(), StandardCharsets.UTF_8))
                .isEqualTo("Body=REZYGNUJ%C4%98&From=%2B48600100200 ąę");
    }
}
