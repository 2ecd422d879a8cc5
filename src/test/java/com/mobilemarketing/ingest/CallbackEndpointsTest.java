package com.mobilemarketing.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.mobilemarketing.core.ops.RequestIdFilter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.security.web.FilterChainProxy;
import org.springframework.test.web.servlet.ResultActions;

/** Signatures, the WhatsApp handshake, refusals that store nothing, and duplicates. */
class CallbackEndpointsTest extends IngestTestSupport {

    @Autowired
    private FilterChainProxy securityFilters;

    private static final String SMS_PATH = "/callbacks/sms/1/1";
    private static final String SMS_URL = "http://localhost" + SMS_PATH;

    // ------------------------------------------------------------------ Twilio

    private ResultActions postTwilio(String path, Map<String, String> params, String signature) throws Exception {
        var body = params.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        var request =
                post(path).contentType(MediaType.APPLICATION_FORM_URLENCODED).content(body);
        if (signature != null) {
            request.header("X-Twilio-Signature", signature);
        }
        return mvc.perform(request);
    }

    private static String twilioSignature(String secret, String url, Map<String, String> params) {
        var multi = new LinkedHashMap<String, List<String>>();
        params.forEach((k, v) -> multi.put(k, List.of(v)));
        return Signatures.twilio(secret, url, multi);
    }

    private static Map<String, String> twilioParams(String sid, String status) {
        var params = new LinkedHashMap<String, String>();
        params.put("MessageStatus", status);
        params.put("MessageSid", sid);
        params.put("AccountSid", "AC0123456789");
        params.put("To", "+48600100200");
        return params;
    }

    @Test
    void twilioKnownGoodSignatureFromTheDocumentation() {
        // Twilio's documented example: the app's auth token, URL and parameters give this signature.
        var params = new LinkedHashMap<String, List<String>>();
        params.put("CallSid", List.of("CA1234567890ABCDE"));
        params.put("Caller", List.of("+14158675309"));
        params.put("Digits", List.of("1234"));
        params.put("From", List.of("+14158675309"));
        params.put("To", List.of("+18005551212"));
        var signature = Signatures.twilio("12345", "https://mycompany.com/myapp.php?foo=1&bar=2", params);
        assertThat(signature).isEqualTo("RSOYDt4T1cUTdK1PDd93/VVr8B8=");
    }

    @Test
    void twilioSignedCallbackIsStored() throws Exception {
        var message = createMessage("SMS", 1, clock.instant().minusSeconds(600), true);
        var params = twilioParams(message.providerIds().getFirst(), "delivered");
        postTwilio(SMS_PATH, params, twilioSignature(SMS_SECRET, SMS_URL, params))
                .andExpect(status().isOk());
        assertThat(eventCount(message.providerIds().getFirst())).isEqualTo(1);

        folder.foldPending();
        var delivered = asAllAccounts(() -> queryLong(
                "select count(*) from message_recipient where account_id = 1 and message_id = ? and delivered_at is not null",
                message.id()));
        assertThat(delivered).isEqualTo(1);
    }

    @Test
    void twilioForgedUnsignedOrForeignRequestsStoreNothing() throws Exception {
        var params = twilioParams("TFORGED1", "delivered");
        var good = twilioSignature(SMS_SECRET, SMS_URL, params);
        // signed with another secret
        postTwilio(SMS_PATH, params, twilioSignature("wrong-secret", SMS_URL, params))
                .andExpect(status().isForbidden());
        // unsigned
        postTwilio(SMS_PATH, params, null).andExpect(status().isForbidden());
        // a parameter changed after signing
        var tampered = new LinkedHashMap<>(params);
        tampered.put("MessageStatus", "failed");
        postTwilio(SMS_PATH, tampered, good).andExpect(status().isForbidden());
        // signed for another URL (replayed against another gateway)
        postTwilio("/callbacks/sms/1/3", params, good).andExpect(status().isNotFound());
        // unknown account / gateway, gateway without callbacks, garbage ids
        postTwilio("/callbacks/sms/999/1", params, good).andExpect(status().isNotFound());
        postTwilio(
                        "/callbacks/sms/1/" + SILENT_GATEWAY,
                        params,
                        twilioSignature("demo-secret-sms-2", "http://localhost/callbacks/sms/1/2", params))
                .andExpect(status().isNotFound());
        postTwilio("/callbacks/sms/x/1", params, good).andExpect(status().isNotFound());
        assertThat(eventCount("TFORGED%")).isZero();
    }

    @Test
    void twilioMalformedOrOversizedStoresNothing() throws Exception {
        var noSid = new LinkedHashMap<String, String>();
        noSid.put("MessageStatus", "delivered");
        postTwilio(SMS_PATH, noSid, twilioSignature(SMS_SECRET, SMS_URL, noSid)).andExpect(status().isBadRequest());

        var badStatus = twilioParams("TBAD1", "exploded");
        postTwilio(SMS_PATH, badStatus, twilioSignature(SMS_SECRET, SMS_URL, badStatus))
                .andExpect(status().isBadRequest())
                .andExpect(content().string("malformed: MessageStatus\n"));

        var huge = twilioParams("TBAD2", "delivered");
        huge.put("Body", "x".repeat(300_000));
        postTwilio(SMS_PATH, huge, twilioSignature(SMS_SECRET, SMS_URL, huge)).andExpect(status().isPayloadTooLarge());
        assertThat(eventCount("TBAD%")).isZero();
    }

    @Test
    void twilioStatusesWithoutDeliveryMeaningAreAcknowledgedButNotStored() throws Exception {
        var queued = twilioParams("TQUEUED1", "queued");
        postTwilio(SMS_PATH, queued, twilioSignature(SMS_SECRET, SMS_URL, queued))
                .andExpect(status().isOk())
                .andExpect(content().string("ignored\n"));
        assertThat(eventCount("TQUEUED%")).isZero();
    }

    @Test
    void duplicatesAreDroppedByTheUniqueKey() throws Exception {
        var params = twilioParams("TDUP1", "delivered");
        var signature = twilioSignature(SMS_SECRET, SMS_URL, params);
        for (int i = 0; i < 3; i++) {
            postTwilio(SMS_PATH, params, signature).andExpect(status().isOk());
        }
        var undelivered = twilioParams("TDUP1", "undelivered");
        var failed = twilioParams("TDUP1", "failed");
        postTwilio(SMS_PATH, undelivered, twilioSignature(SMS_SECRET, SMS_URL, undelivered))
                .andExpect(status().isOk());
        postTwilio(SMS_PATH, failed, twilioSignature(SMS_SECRET, SMS_URL, failed))
                .andExpect(status().isOk());
        assertThat(eventCount("TDUP1")).isEqualTo(2); // delivered once, failed once
    }

    // ------------------------------------------------------------------ WhatsApp

    private static String whatsappBody(String id, String status, long timestampSeconds) {
        return """
                {"object":"whatsapp_business_account","entry":[{"id":"WABA1","changes":[{"field":"messages",
                "value":{"messaging_product":"whatsapp","metadata":{"phone_number_id":"123"},
                "statuses":[{"id":"%s","status":"%s","timestamp":"%d","recipient_id":"48600100200"%s}]}}]}]}
                """.formatted(
                id,
                status,
                timestampSeconds,
                "failed".equals(status) ? ",\"errors\":[{\"code\":131026,\"title\":\"Message undeliverable\"}]" : "");
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

    @Test
    void whatsappHandshake() throws Exception {
        mvc.perform(get("/callbacks/whatsapp/1")
                        .param("hub.mode", "subscribe")
                        .param("hub.verify_token", VERIFY_TOKEN)
                        .param("hub.challenge", "1158201444"))
                .andExpect(status().isOk())
                .andExpect(content().string("1158201444\n"));
        mvc.perform(get("/callbacks/whatsapp/1")
                        .param("hub.mode", "subscribe")
                        .param("hub.verify_token", "guess")
                        .param("hub.challenge", "1158201444"))
                .andExpect(status().isForbidden());
        mvc.perform(get("/callbacks/whatsapp/1")
                        .param("hub.verify_token", VERIFY_TOKEN)
                        .param("hub.challenge", "1"))
                .andExpect(status().isBadRequest());
        mvc.perform(get("/callbacks/whatsapp/999")
                        .param("hub.mode", "subscribe")
                        .param("hub.verify_token", VERIFY_TOKEN)
                        .param("hub.challenge", "1"))
                .andExpect(status().isNotFound());
    }

    @Test
    void whatsappSignedStatusesAreStoredWithNormalisedTimes() throws Exception {
        long seconds = clock.instant().getEpochSecond() - 120;
        var body = whatsappBody("TWA1", "read", seconds);
        postWhatsapp(body, Signatures.meta(WHATSAPP_SECRET, body.getBytes(StandardCharsets.UTF_8)))
                .andExpect(status().isOk());
        var failedBody = whatsappBody("TWA2", "failed", seconds);
        postWhatsapp(failedBody, Signatures.meta(WHATSAPP_SECRET, failedBody.getBytes(StandardCharsets.UTF_8)))
                .andExpect(status().isOk());
        var stored = asAllAccounts(
                () -> db.fetchSingle("select extract(epoch from occurred_at)::bigint, status from delivery_event "
                        + "where account_id = 1 and provider_message_id = 'TWA1'"));
        assertThat(stored.get(0, Long.class)).isEqualTo(seconds);
        assertThat(stored.get(1, String.class)).isEqualTo("read");
        var error = asAllAccounts(
                () -> queryValue(
                        String.class,
                        "select error_code || '/' || error_permanent from delivery_event where account_id = 1 and provider_message_id = 'TWA2'"));
        assertThat(error).isEqualTo("131026/true");
    }

    @Test
    void whatsappForgedOrMalformedStoresNothing() throws Exception {
        var body = whatsappBody("TWABAD1", "delivered", clock.instant().getEpochSecond());
        var bytes = body.getBytes(StandardCharsets.UTF_8);
        postWhatsapp(body, Signatures.meta("other-secret", bytes)).andExpect(status().isForbidden());
        postWhatsapp(body, null).andExpect(status().isForbidden());
        postWhatsapp(body.replace("delivered", "read"), Signatures.meta(WHATSAPP_SECRET, bytes))
                .andExpect(status().isForbidden());
        var broken = "{\"entry\":[{\"changes\":[{\"value\":{\"statuses\":[{\"status\":\"read\"}]}}]}]}";
        postWhatsapp(broken, Signatures.meta(WHATSAPP_SECRET, broken.getBytes(StandardCharsets.UTF_8)))
                .andExpect(status().isBadRequest());
        var notJson = "entry=1";
        postWhatsapp(notJson, Signatures.meta(WHATSAPP_SECRET, notJson.getBytes(StandardCharsets.UTF_8)))
                .andExpect(status().isBadRequest());
        // one good and one broken status in the same request: nothing of it is stored
        var mixed = "{\"entry\":[{\"changes\":[{\"value\":{\"statuses\":[{\"id\":\"TWABAD2\",\"status\":\"read\"},"
                + "{\"id\":\"TWABAD3\",\"status\":\"read\",\"timestamp\":\"yesterday\"}]}}]}]}";
        postWhatsapp(mixed, Signatures.meta(WHATSAPP_SECRET, mixed.getBytes(StandardCharsets.UTF_8)))
                .andExpect(status().isBadRequest());
        assertThat(eventCount("TWABAD%")).isZero();
    }

    @Test
    void machineEndpointsNeedNoCsrfTokenAndCreateNoSession() throws Exception {
        var body = whatsappBody("TWANOSESSION1", "delivered", clock.instant().getEpochSecond());
        var result = postWhatsapp(body, Signatures.meta(WHATSAPP_SECRET, body.getBytes(StandardCharsets.UTF_8)))
                .andExpect(status().isOk())
                .andExpect(content().contentType("text/plain;charset=UTF-8"))
                .andExpect(content().string("ok\n"))
                .andReturn();
        assertThat(result.getRequest().getSession(false)).isNull();
        assertThat(result.getResponse().getHeader("Set-Cookie")).isNull();
        // Answered by the callback filter, ahead of Spring Security: its headers for a plain-text answer.
        assertThat(result.getResponse().getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(result.getResponse().getHeader("Cache-Control")).isEqualTo("no-store");
        assertThat(result.getResponse().getHeader(RequestIdFilter.HEADER)).matches("[0-9a-f]{16}");
        // The UI keeps its own chain: a signed-out visitor is sent to the login, a bare POST has no CSRF token.
        mvc.perform(get("/")).andExpect(status().is3xxRedirection());
        mvc.perform(post("/callbacksx/whatsapp/1")).andExpect(status().isForbidden());
        // The chain of the other machine endpoints (orders, reports, clicks): no CSRF, session, login or
        // security-context filters.
        var filters = securityFilters.getFilters("/callbacks/orders/1").stream()
                .map(f -> f.getClass().getSimpleName())
                .toList();
        assertThat(filters)
                .contains("AuthorizationFilter")
                .doesNotContain(
                        "CsrfFilter",
                        "SecurityContextHolderFilter",
                        "UsernamePasswordAuthenticationFilter",
                        "RequestCacheAwareFilter",
                        "AnonymousAuthenticationFilter");
        assertThat(securityFilters.getFilters("/").stream()
                        .map(f -> f.getClass().getSimpleName()))
                .contains("CsrfFilter", "SecurityContextHolderFilter");
    }

    // ------------------------------------------------------------------ Viber

    private ResultActions postViber(String path, String body, String signature) throws Exception {
        var request = post(path).contentType(MediaType.APPLICATION_JSON).content(body);
        if (signature != null) {
            request.header("X-Viber-Content-Signature", signature);
        }
        return mvc.perform(request);
    }

    @Test
    void viberSignedEventsAreStoredAndForgedOnesRefused() throws Exception {
        long millis = clock.instant().toEpochMilli() - 5000;
        var body = "{\"event\":\"seen\",\"timestamp\":" + millis + ",\"message_token\":\"T4912661846655238145\","
                + "\"user_id\":\"01234567890A=\"}";
        var bytes = body.getBytes(StandardCharsets.UTF_8);
        postViber("/callbacks/viber/1", body, Signatures.viber(VIBER_SECRET, bytes))
                .andExpect(status().isOk());
        postViber("/callbacks/viber/1", body.replace("seen", "failed"), Signatures.viber(VIBER_SECRET, bytes))
                .andExpect(status().isForbidden());
        postViber("/callbacks/viber/1", body, null).andExpect(status().isForbidden());
        // Sportowy Świat has no Viber integration
        postViber("/callbacks/viber/2", body, Signatures.viber(VIBER_SECRET, bytes))
                .andExpect(status().isNotFound());
        var stored = asAllAccounts(
                () -> db.fetch("select status, (extract(epoch from occurred_at) * 1000)::bigint from delivery_event "
                        + "where account_id = 1 and provider_message_id = 'T4912661846655238145'"));
        assertThat(stored).hasSize(1);
        assertThat(stored.getFirst().get(0, String.class)).isEqualTo("read");
        assertThat(stored.getFirst().get(1, Long.class)).isEqualTo(millis);
    }

    @Test
    void viberNonDeliveryEventsAreAcknowledgedAndMalformedRefused() throws Exception {
        var webhook = "{\"event\":\"webhook\",\"timestamp\":1457764197627,\"message_token\":241256543215}";
        postViber(
                        "/callbacks/viber/1",
                        webhook,
                        Signatures.viber(VIBER_SECRET, webhook.getBytes(StandardCharsets.UTF_8)))
                .andExpect(status().isOk())
                .andExpect(content().string("ignored\n"));
        var noToken = "{\"event\":\"delivered\",\"timestamp\":1457764197627}";
        postViber(
                        "/callbacks/viber/1",
                        noToken,
                        Signatures.viber(VIBER_SECRET, noToken.getBytes(StandardCharsets.UTF_8)))
                .andExpect(status().isBadRequest());
    }

    // ------------------------------------------------------------------ refusals in plain text

    @Test
    void outOfRangeTimestampsAreRefusedWith400AndStoreNothing() throws Exception {
        // year 99999 in seconds and in milliseconds, negative, beyond a long, far beyond a long
        for (var timestamp : new String[] {
            "\"3093527980800\"", "3093527980800000", "-1", "\"-1\"", "9223372036854775808", "99999999999999999999999"
        }) {
            var whatsapp = ("{\"entry\":[{\"changes\":[{\"value\":{\"statuses\":[{\"id\":\"TRANGE1\","
                            + "\"status\":\"delivered\",\"timestamp\":%s}]}}]}]}")
                    .formatted(timestamp);
            postWhatsapp(whatsapp, Signatures.meta(WHATSAPP_SECRET, whatsapp.getBytes(StandardCharsets.UTF_8)))
                    .andExpect(status().isBadRequest())
                    .andExpect(content().contentType("text/plain;charset=UTF-8"))
                    .andExpect(content().string("malformed: timestamp\n"));
            var viber = "{\"event\":\"delivered\",\"timestamp\":%s,\"message_token\":\"TRANGE2\"}".formatted(timestamp);
            postViber(
                            "/callbacks/viber/1",
                            viber,
                            Signatures.viber(VIBER_SECRET, viber.getBytes(StandardCharsets.UTF_8)))
                    .andExpect(status().isBadRequest())
                    .andExpect(content().string("malformed: timestamp\n"));
        }
        assertThat(eventCount("TRANGE%")).isZero();
    }

    @Test
    void aNulCharacterInStoredTextIsRefusedWith400AndStoresNothing() throws Exception {
        // PostgreSQL cannot store U+0000: such a report failed its whole batch, and its retries got 503 forever.
        var twilio = twilioParams("TNUL1", "failed");
        twilio.put("ErrorCode", "300\u000003");
        postTwilio(SMS_PATH, twilio, twilioSignature(SMS_SECRET, SMS_URL, twilio))
                .andExpect(status().isBadRequest())
                .andExpect(content().string("malformed: ErrorCode\n"));
        var whatsapp = "{\"entry\":[{\"changes\":[{\"value\":{\"statuses\":[{\"id\":\"TNUL2\","
                + "\"status\":\"failed\",\"errors\":[{\"code\":\"131\\u000026\"}]}]}}]}]}";
        postWhatsapp(whatsapp, Signatures.meta(WHATSAPP_SECRET, whatsapp.getBytes(StandardCharsets.UTF_8)))
                .andExpect(status().isBadRequest())
                .andExpect(content().string("malformed: errors.code\n"));
        var viber = "{\"event\":\"failed\",\"message_token\":\"TNUL3\",\"desc\":\"blocked\\u0000\"}";
        postViber("/callbacks/viber/1", viber, Signatures.viber(VIBER_SECRET, viber.getBytes(StandardCharsets.UTF_8)))
                .andExpect(status().isBadRequest())
                .andExpect(content().string("malformed: desc\n"));
        assertThat(eventCount("TNUL%")).isZero();
    }

    @Test
    void otherMethodsOnCallbackUrlsAre405InPlainText() throws Exception {
        for (var request :
                List.of(get(SMS_PATH), get("/callbacks/viber/1"), put("/callbacks/whatsapp/1"), delete(SMS_PATH))) {
            mvc.perform(request)
                    .andExpect(status().isMethodNotAllowed())
                    .andExpect(content().contentType("text/plain;charset=UTF-8"))
                    .andExpect(content().string("method not allowed\n"));
        }
        mvc.perform(get(SMS_PATH)).andExpect(header().string("Allow", "POST"));
        mvc.perform(put("/callbacks/whatsapp/1")).andExpect(header().string("Allow", "GET, POST"));
        mvc.perform(post("/r/AAAAAAAAAAAAAAAAAAAAAAAAA"))
                .andExpect(status().isMethodNotAllowed())
                .andExpect(header().string("Allow", "GET, HEAD"))
                .andExpect(content().string("method not allowed\n"));
    }

    @Test
    void unknownUrlsUnderCallbacksAndTheRedirectorAre404InPlainText() throws Exception {
        for (var request : List.of(
                post("/callbacks/sms/"),
                post("/callbacks/sms/1"),
                post("/callbacks/sms/1/1/extra"),
                get("/callbacks/telegram/1"),
                post("/callbacks"),
                get("/callbacks/"))) {
            mvc.perform(request)
                    .andExpect(status().isNotFound())
                    .andExpect(content().contentType("text/plain;charset=UTF-8"))
                    .andExpect(content().string("unknown callback URL\n"));
        }
        for (var request : List.of(get("/r/"), get("/r/a/b"), get("/r"))) {
            mvc.perform(request)
                    .andExpect(status().isNotFound())
                    .andExpect(content().contentType("text/plain;charset=UTF-8"))
                    .andExpect(content().string("Link not found.\n"));
        }
    }
}
