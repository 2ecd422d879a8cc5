package com.mobilemarketing.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.mobilemarketing.core.db.Tenant;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The callback listener ({@code app.ingest.listener-port}; the test context has it on a free port):
 * the same answers as the app's port, over real sockets, with the listener's own cases: answers in
 * the order of pipelined requests, HTTP that cannot be parsed, and the URLs it leaves to the app's
 * port.
 */
class CallbackListenerTest extends IngestTestSupport {

    @Autowired
    private CallbackListener listener;

    @Autowired
    private IngestProperties properties;

    /** The SMS reply's sender: no contact of the demo data has this phone. */
    private static final String UNKNOWN_PHONE = "+48999000111";

    @AfterEach
    void removeTheReply() {
        // A reply from an unknown number is kept in the consent history (contact_id null).
        Tenant.runAllAccounts(() -> db.execute(
                "delete from consent_change where account_id = ? and contact_id is null and phone = ?",
                FLORA,
                UNKNOWN_PHONE));
    }

    private record Answer(int status, Map<String, String> headers, String body) {

        /** The status and the text, e.g. {@code 403 missing or invalid signature}. */
        String summary() {
            return status + " " + body.strip();
        }
    }

    @Test
    void aStatusIsAnsweredOnceCommittedAndItsRepeatIsNotStoredTwice() throws IOException {
        var body = whatsappBody("TLIS1", "delivered");
        var request = post("/callbacks/whatsapp/1", body, Map.of("X-Hub-Signature-256", metaSignature(body)))
                .replace("\r\n\r\n", "\r\nX-Request-Id: provider-42\r\n\r\n");
        var first = exchange(request, 1).getFirst();
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.body()).isEqualTo("ok\n");
        assertThat(first.headers())
                .containsEntry("x-request-id", "provider-42")
                .containsEntry("content-type", "text/plain;charset=UTF-8")
                .containsEntry("x-content-type-options", "nosniff")
                .containsEntry("cache-control", "no-store");
        // stored when answered: no wait for the fold
        assertThat(eventCount("TLIS1")).isEqualTo(1);

        assertThat(exchange(request, 1).getFirst().status()).isEqualTo(200);
        assertThat(eventCount("TLIS1")).isEqualTo(1);
    }

    @Test
    void refusalsAreAnsweredWithAReasonAndStoreNothing() throws IOException {
        var body = whatsappBody("TLISBAD1", "read");
        assertThat(exchange(post("/callbacks/whatsapp/1", body, Map.of("X-Hub-Signature-256", "sha256=00")), 1))
                .singleElement()
                .extracting(Answer::summary)
                .isEqualTo("403 missing or invalid signature");
        assertThat(exchange(post("/callbacks/whatsapp/1", body, Map.of()), 1)
                        .getFirst()
                        .status())
                .isEqualTo(403);
        assertThat(exchange(
                                post(
                                        "/callbacks/whatsapp/999",
                                        body,
                                        Map.of("X-Hub-Signature-256", metaSignature(body))),
                                1)
                        .getFirst()
                        .body())
                .isEqualTo("unknown integration\n");
        var broken = "{\"entry\":[{\"changes\":[{\"value\":{\"statuses\":[{\"status\":\"read\"}]}}]}]}";
        assertThat(exchange(
                                post(
                                        "/callbacks/whatsapp/1",
                                        broken,
                                        Map.of("X-Hub-Signature-256", metaSignature(broken))),
                                1)
                        .getFirst()
                        .status())
                .isEqualTo(400);
        var put = post("/callbacks/viber/1", "{}", Map.of()).replaceFirst("POST", "PUT");
        var notAllowed = exchange(put, 1).getFirst();
        assertThat(notAllowed.status()).isEqualTo(405);
        assertThat(notAllowed.headers()).containsEntry("allow", "POST");
        assertThat(exchange(post("/callbacks/orders/1", "{}", Map.of()), 1)
                        .getFirst()
                        .summary())
                .isEqualTo("404 served on the app's port, not the callback listener");
        assertThat(exchange(post("/login", "x", Map.of()), 1).getFirst().summary())
                .isEqualTo("404 unknown callback URL");
        assertThat(exchange(post("/callbacks/viber/%zz", "{}", Map.of()), 1)
                        .getFirst()
                        .status())
                .isEqualTo(400);
        assertThat(eventCount("TLISBAD%")).isZero();
    }

    @Test
    void oversizedAndUnparseableRequestsAreRefusedAndTheConnectionClosed() throws IOException {
        // The headers announce more than the limit: refused before any of the body is read.
        var tooLarge = "POST /callbacks/whatsapp/1 HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + (properties.maxBodyBytes() + 1) + "\r\n\r\n";
        assertThat(exchange(tooLarge, 1).getFirst().summary()).isEqualTo("413 body too large");
        var longUrl = post("/callbacks/whatsapp/" + "1".repeat(10_000), "{}", Map.of());
        assertThat(exchange(longUrl, 1).getFirst().status()).isEqualTo(414);
        assertThat(exchange("NOT HTTP AT ALL\r\n\r\n", 1).getFirst().status()).isEqualTo(400);
    }

    @Test
    void pipelinedRequestsAreAnsweredInTheirOrder() throws IOException {
        var body = whatsappBody("TLISPIPE1", "delivered");
        // The first waits for its commit, the second and third are answered at once.
        var requests = post("/callbacks/whatsapp/1", body, Map.of("X-Hub-Signature-256", metaSignature(body)))
                + post("/callbacks/nothing", "", Map.of())
                + post("/callbacks/whatsapp/1", body, Map.of("X-Hub-Signature-256", "sha256=00"));
        assertThat(exchange(requests, 3)).extracting(Answer::status).containsExactly(200, 404, 403);
        assertThat(eventCount("TLISPIPE1")).isEqualTo(1);
    }

    @Test
    void aRefusalPipelinedAfterACallbackIsAnsweredAfterIt() throws IOException {
        // The callback waits for its commit; the refusal behind it must not be taken for its answer.
        var longHeaders = post("/callbacks/whatsapp/1", "{}", Map.of("X-Padding", "x".repeat(20_000)));
        var tooLarge = "POST /callbacks/whatsapp/1 HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + (properties.maxBodyBytes() + 1) + "\r\n\r\n";
        assertThat(signedCallbackThen("TLISPIPE2", longHeaders)).containsExactly(200, 431);
        assertThat(signedCallbackThen("TLISPIPE3", tooLarge)).containsExactly(200, 413);
        assertThat(eventCount("TLISPIPE2")).isEqualTo(1);
        assertThat(eventCount("TLISPIPE3")).isEqualTo(1);
    }

    /** The statuses of a signed WhatsApp callback and of {@code next}, pipelined on one connection. */
    private List<Integer> signedCallbackThen(String providerId, String next) throws IOException {
        var body = whatsappBody(providerId, "delivered");
        var callback = post("/callbacks/whatsapp/1", body, Map.of("X-Hub-Signature-256", metaSignature(body)));
        return exchange(callback + next, 2).stream().map(Answer::status).toList();
    }

    @Test
    void aClientThatDoesNotReadItsAnswersIsNotReadFromEither() throws Exception {
        // 40 MB of requests answered at once (404), never read: the listener stops reading once its
        // answers back up, so the sender blocks instead of the listener buffering every answer.
        var requests = post("/callbacks/nothing", "", Map.of()).repeat(400_000).getBytes(StandardCharsets.UTF_8);
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", listener.port()), 5000);
            var sender = Thread.ofPlatform().start(() -> {
                try {
                    socket.getOutputStream().write(requests);
                } catch (IOException e) {
                    // closed below
                }
            });
            sender.join(10_000);
            assertThat(sender.isAlive()).as("the sender is held back").isTrue();
        }
        var body = whatsappBody("TLISSLOW", "delivered");
        assertThat(exchange(post("/callbacks/whatsapp/1", body, Map.of("X-Hub-Signature-256", metaSignature(body))), 1))
                .extracting(Answer::status)
                .containsExactly(200);
    }

    @Test
    void smsStatusesAndRepliesAreSignedOverTheUrlAsReceived() throws IOException {
        var message = createMessage("SMS", 1, clock.instant().minusSeconds(600), true);
        var sid = message.providerIds().getFirst();
        var path = "/callbacks/sms/1/" + GATEWAY;
        var url = "http://127.0.0.1:" + listener.port() + path;
        var status = Map.of("MessageStatus", "delivered", "MessageSid", sid, "To", "+48600100200");
        assertThat(exchange(postForm(path, status, twilioSignature(url, status)), 1)
                        .getFirst()
                        .summary())
                .isEqualTo("200 ok");
        assertThat(eventCount(sid)).isEqualTo(1);
        // signed for the app's port: another URL
        var other = twilioSignature("http://localhost" + path, status);
        assertThat(exchange(postForm(path, status, other), 1).getFirst().status())
                .isEqualTo(403);

        // A reply is answered when its consent change commits (from an unknown number: stored, no change).
        var reply = Map.of("From", UNKNOWN_PHONE, "To", "+48500600700", "Body", "STOP", "MessageSid", "SMLIS1");
        var inbound = path + "/inbound";
        var answer = exchange(postForm(inbound, reply, twilioSignature(url + "/inbound", reply)), 1)
                .getFirst();
        assertThat(answer.summary()).isEqualTo("200 ok");
        assertThat(asAllAccounts(() -> queryLong(
                        "select count(*) from consent_change where account_id = ? and phone = ?",
                        FLORA,
                        UNKNOWN_PHONE)))
                .isEqualTo(1);
    }

    @Test
    void connectionsBeyondTheLimitAreClosedAtOnce() {
        var limit = new CallbackListener.ConnectionLimit(2);
        var first = new EmbeddedChannel(limit);
        var second = new EmbeddedChannel(limit);
        var third = new EmbeddedChannel(limit);
        assertThat(first.isOpen()).isTrue();
        assertThat(second.isOpen()).isTrue();
        assertThat(third.isOpen()).isFalse();
        assertThat(limit.open()).isEqualTo(2);
        first.close();
        assertThat(new EmbeddedChannel(limit).isOpen()).isTrue();
        assertThat(limit.open()).isEqualTo(2);
    }

    @Test
    void whatsappHandshakeReadsTheQueryString() throws IOException {
        var get = "GET /callbacks/whatsapp/1?hub.mode=subscribe&hub.verify_token=" + VERIFY_TOKEN
                + "&hub.challenge=1158201444 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
        assertThat(exchange(get, 1).getFirst().summary()).isEqualTo("200 1158201444");
        var wrong = get.replace(VERIFY_TOKEN, "guess");
        assertThat(exchange(wrong, 1).getFirst().summary()).isEqualTo("403 wrong verify token");
    }

    private String whatsappBody(String id, String status) {
        return "{\"entry\":[{\"changes\":[{\"value\":{\"statuses\":[{\"id\":\"" + id + "\",\"status\":\"" + status
                + "\",\"timestamp\":\"" + (clock.instant().getEpochSecond() - 120) + "\"}]}}]}]}";
    }

    private static String metaSignature(String body) {
        return Signatures.meta(WHATSAPP_SECRET, body.getBytes(StandardCharsets.UTF_8));
    }

    private static String twilioSignature(String url, Map<String, String> params) {
        var multi = new LinkedHashMap<String, List<String>>();
        params.forEach((name, value) -> multi.put(name, List.of(value)));
        return Signatures.twilio(SMS_SECRET, url, multi);
    }

    private String postForm(String path, Map<String, String> params, String signature) {
        var body = params.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return post(path, body, Map.of("X-Twilio-Signature", signature))
                .replace("application/json", "application/x-www-form-urlencoded");
    }

    private String post(String path, String body, Map<String, String> headers) {
        var request = new StringBuilder("POST " + path + " HTTP/1.1\r\n")
                .append("Host: 127.0.0.1:")
                .append(listener.port())
                .append("\r\nContent-Type: application/json\r\n");
        headers.forEach(
                (name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
        var bytes = body.getBytes(StandardCharsets.UTF_8);
        return request.append("Content-Length: ")
                .append(bytes.length)
                .append("\r\n\r\n")
                .append(body)
                .toString();
    }

    /** Sends the raw requests on one connection and reads that many answers. */
    private List<Answer> exchange(String requests, int answers) throws IOException {
        assertThat(listener.port()).isPositive();
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", listener.port()), 5000);
            socket.setSoTimeout(15_000);
            socket.getOutputStream().write(requests.getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            var in = socket.getInputStream();
            var read = new ArrayList<Answer>();
            for (int i = 0; i < answers; i++) {
                read.add(readAnswer(in));
            }
            return read;
        }
    }

    private static Answer readAnswer(InputStream in) throws IOException {
        var statusLine = readLine(in);
        var status = Integer.parseInt(statusLine.split(" ")[1]);
        var headers = new LinkedHashMap<String, String>();
        for (var line = readLine(in); !line.isEmpty(); line = readLine(in)) {
            int colon = line.indexOf(':');
            headers.put(
                    line.substring(0, colon).toLowerCase(Locale.ROOT),
                    line.substring(colon + 1).strip());
        }
        var body = in.readNBytes(Integer.parseInt(headers.getOrDefault("content-length", "0")));
        return new Answer(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    private static String readLine(InputStream in) throws IOException {
        var line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("connection closed in the middle of an answer");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.UTF_8);
    }
}
