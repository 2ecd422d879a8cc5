package com.mobilemarketing.ingest;

import com.mobilemarketing.db.enums.Channel;
import com.mobilemarketing.ingest.IngestRepository.ChannelSecret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Delivery status callbacks and replies of SMS gateways (Twilio format), WhatsApp Business (Cloud
 * API) and Viber, one URL per integration, whichever server received them: the app's own port
 * ({@link CallbackFilter}) or the callback listener ({@link CallbackListener}). A request is answered
 * 2xx only after its events are committed; anything unsigned, wrongly signed, malformed, oversized or
 * for an unknown integration gets a 4xx with a short reason and stores nothing. See docs/ingest.md.
 */
@Component
public class Callbacks {

    /** What is served, as documented in docs/openapi.yaml. */
    static final List<String> ROUTES = List.of(
            "POST /callbacks/sms/{accountId}/{gatewayId}",
            "POST /callbacks/sms/{accountId}/{gatewayId}/inbound",
            "GET /callbacks/whatsapp/{accountId}",
            "POST /callbacks/whatsapp/{accountId}",
            "POST /callbacks/viber/{accountId}");

    static final String PREFIX = "/callbacks/";
    private static final String NOT_STORED = "not stored, retry later";
    private static final Logger log = LoggerFactory.getLogger(Callbacks.class);

    /** One request, as either server received it. */
    interface Request {

        String method();

        @Nullable
        String header(String name);

        /** A parameter of the query string. */
        @Nullable
        String queryParameter(String name);

        /** The body; a {@link BadCallbackException} (413) when it is longer than {@code limit}. */
        byte[] body(int limit) throws IOException;

        /** The form's parameters when the server parsed the body itself (nothing left to read), else none. */
        Map<String, List<String>> parsedForm();

        /** The URL as received, with its query string: what Twilio signs when no public base URL is set. */
        String url();

        /** The path and query string as received. */
        String pathAndQuery();

        /**
         * Whether the thread may wait for the group commit: a servlet's request thread may, an event
         * loop must not (its other connections would wait with it).
         */
        boolean mayWait();
    }

    /** The plain-text answer; {@code allow} for a 405. */
    record Answer(HttpStatus status, String text, @Nullable String allow) {

        static Answer of(HttpStatus status, String text) {
            return new Answer(status, text, null);
        }

        /** The body: the text and a line break. */
        byte[] body() {
            return (text + "\n").getBytes(StandardCharsets.UTF_8);
        }

        /**
         * The headers besides the length and the request id: plain text, and those Spring Security
         * sent for these URLs that matter for it (not to be sniffed as another type, framed or cached).
         */
        Map<String, String> headers() {
            var headers = new LinkedHashMap<String, String>();
            headers.put("Content-Type", "text/plain;charset=UTF-8");
            headers.put("X-Content-Type-Options", "nosniff");
            headers.put("X-Frame-Options", "DENY");
            headers.put("Cache-Control", "no-store");
            if (allow != null) {
                headers.put("Allow", allow);
            }
            return headers;
        }
    }

    private final IntegrationSecrets secrets;
    private final EventWriter writer;
    private final ConsentWriter consents;
    private final IngestMetrics metrics;
    private final Clock clock;
    private final IngestProperties properties;

    public Callbacks(
            IntegrationSecrets secrets,
            EventWriter writer,
            ConsentWriter consents,
            IngestMetrics metrics,
            Clock clock,
            IngestProperties properties) {
        this.secrets = secrets;
        this.writer = writer;
        this.consents = consents;
        this.metrics = metrics;
        this.clock = clock;
        this.properties = properties;
    }

    /** The path under /callbacks split at its slashes: {@code sms/1/2} gives three segments. */
    static String[] segments(String path) {
        return path.length() <= PREFIX.length()
                ? new String[] {""}
                : path.substring(PREFIX.length()).split("/", -1);
    }

    /** The shop's orders and the gateways' reports: JSON answers and few requests, left to Spring MVC. */
    static boolean servedBySpringMvc(String[] segments) {
        return (segments.length == 2 && segments[0].equals("orders"))
                || (segments.length == 4 && segments[0].equals("reports") && segments[1].equals("sms"));
    }

    /**
     * The answer to the request under /callbacks with these path segments: complete on return unless
     * the request waits for a commit without holding its thread. It never completes exceptionally.
     */
    CompletableFuture<Answer> answer(String[] segments, Request request) {
        var provider = segments[0];
        CompletableFuture<Answer> answer;
        try {
            answer = route(segments, request);
        } catch (RuntimeException | IOException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        return answer.exceptionally(failure -> refused(provider, failure));
    }

    private Answer refused(String provider, Throwable failure) {
        var cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof BadCallbackException e) {
            metrics.refused(provider, e.status());
            return Answer.of(e.status(), e.getMessage());
        }
        if (cause instanceof GroupCommit.NotStoredException) {
            metrics.refused(provider, HttpStatus.SERVICE_UNAVAILABLE);
            return Answer.of(HttpStatus.SERVICE_UNAVAILABLE, NOT_STORED);
        }
        // Anything unforeseen still answers plain text, not the UI's error page.
        log.warn("Callback failed", cause);
        return Answer.of(HttpStatus.INTERNAL_SERVER_ERROR, NOT_STORED);
    }

    private CompletableFuture<Answer> route(String[] segments, Request request) throws IOException {
        var method = request.method();
        boolean post = method.equals("POST");
        boolean inbound = segments.length == 4 && segments[3].equals("inbound");
        return switch (segments[0]) {
            case "sms" -> {
                if (segments.length == 3 && post) {
                    yield sms(segments[1], segments[2], request);
                } else if (inbound && post) {
                    yield smsInbound(segments[1], segments[2], request);
                } else if (segments.length == 3 || inbound) {
                    yield methodNotAllowed("POST");
                } else {
                    yield unknownUrl();
                }
            }
            case "whatsapp" -> {
                if (segments.length != 2) {
                    yield unknownUrl();
                } else if (post) {
                    yield whatsapp(segments[1], request);
                } else if (method.equals("GET")) {
                    yield whatsappVerify(segments[1], request);
                } else {
                    yield methodNotAllowed("GET, POST");
                }
            }
            case "viber" -> {
                if (segments.length != 2) {
                    yield unknownUrl();
                } else if (post) {
                    yield viber(segments[1], request);
                } else {
                    yield methodNotAllowed("POST");
                }
            }
            default -> unknownUrl();
        };
    }

    private CompletableFuture<Answer> sms(String accountId, String gatewayId, Request request) throws IOException {
        long account = id(accountId);
        long gateway = id(gatewayId);
        var params = signedTwilioForm(account, gateway, true, request);
        var event = CallbackParsers.twilio(account, gateway, params, clock.instant());
        return stored(events(event == null ? List.of() : List.of(event), request), "sms");
    }

    /**
     * The gateway's incoming-message webhook (Twilio format: From, To, Body, MessageSid), signed like
     * its status callbacks: a reply that is a stop keyword withdraws the sender's SMS consent.
     * Answered when the reply's batch commits, without holding a thread meanwhile on either server: a
     * burst of replies (hundreds in flight, each waiting for its commit) must not take every request
     * thread from the status callbacks and the UI.
     */
    private CompletableFuture<Answer> smsInbound(String accountId, String gatewayId, Request request)
            throws IOException {
        long account = id(accountId);
        var params = signedTwilioForm(account, id(gatewayId), false, request);
        var reply = CallbackParsers.twilioInbound(params, clock.instant());
        if (reply == null) {
            return CompletableFuture.completedFuture(accepted("sms", false));
        }
        return consents.storeAsync(account, List.of(reply)).thenApply(stored -> {
            metrics.unknownContacts("sms", stored.unknownContacts());
            return accepted("sms", true);
        });
    }

    /** Meta's subscription handshake: echo the challenge when the verify token is the integration's. */
    private CompletableFuture<Answer> whatsappVerify(String accountId, Request request) {
        var integration = whatsappIntegration(id(accountId));
        var challenge = request.queryParameter("hub.challenge");
        if (!"subscribe".equals(request.queryParameter("hub.mode")) || challenge == null || challenge.length() > 200) {
            throw BadCallbackException.malformed("hub.mode / hub.challenge");
        }
        var verifyToken = request.queryParameter("hub.verify_token");
        if (integration.verifyToken() == null || !Signatures.matches(integration.verifyToken(), verifyToken)) {
            throw new BadCallbackException(HttpStatus.FORBIDDEN, "wrong verify token");
        }
        return CompletableFuture.completedFuture(Answer.of(HttpStatus.OK, challenge));
    }

    private CompletableFuture<Answer> whatsapp(String accountId, Request request) throws IOException {
        long account = id(accountId);
        var integration = whatsappIntegration(account);
        var body = request.body(properties.maxBodyBytes());
        if (!Signatures.matches(Signatures.meta(integration.secret(), body), request.header("X-Hub-Signature-256"))) {
            throw forged();
        }
        var callback = CallbackParsers.whatsappCallback(account, body, clock.instant());
        // Both parts are idempotent: after a failure of either the provider's retry completes the other.
        var replies = consents(account, "whatsapp", callback.replies(), request);
        var statuses = events(callback.statuses(), request);
        return stored(replies.thenCombine(statuses, Boolean::logicalOr), "whatsapp");
    }

    private CompletableFuture<Answer> viber(String accountId, Request request) throws IOException {
        long account = id(accountId);
        var integration = secrets.channel(account, Channel.VIBER).orElseThrow(Callbacks::unknownIntegration);
        var body = request.body(properties.maxBodyBytes());
        if (!Signatures.matches(
                Signatures.viber(integration.secret(), body), request.header("X-Viber-Content-Signature"))) {
            throw forged();
        }
        var callback = CallbackParsers.viberCallback(account, body, clock.instant());
        var event = callback.status();
        var status = events(event == null ? List.of() : List.of(event), request);
        var consent = callback.consent();
        var stored = consents(account, "viber", consent == null ? List.of() : List.of(consent), request);
        return stored(status.thenCombine(stored, Boolean::logicalOr), "viber");
    }

    /**
     * The form of a request to one of the gateway's URLs, once its Twilio signature is checked; status
     * callbacks ({@code statusCallbacks}) only for gateways that send them.
     */
    private Map<String, List<String>> signedTwilioForm(
            long account, long gateway, boolean statusCallbacks, Request request) throws IOException {
        var integration = secrets.gateway(account, gateway)
                .filter(g -> !statusCallbacks || g.supportsCallbacks())
                .orElseThrow(Callbacks::unknownIntegration);
        var params = CallbackParsers.parseForm(request.body(properties.maxBodyBytes()));
        if (params.isEmpty()) {
            params = request.parsedForm();
        }
        if (!Signatures.matches(
                Signatures.twilio(integration.secret(), signedUrl(request), params),
                request.header("X-Twilio-Signature"))) {
            throw forged();
        }
        return params;
    }

    /** The URL Twilio signed: as configured for the public side (behind a proxy), else as received. */
    private String signedUrl(Request request) {
        var publicBaseUrl = properties.publicBaseUrl();
        return publicBaseUrl.isEmpty() ? request.url() : publicBaseUrl + request.pathAndQuery();
    }

    /** Stores the status events in the next group commit; whether there were any, once committed. */
    private CompletableFuture<Boolean> events(List<StatusEvent> events, Request request) {
        if (events.isEmpty()) {
            return CompletableFuture.completedFuture(false);
        }
        if (request.mayWait()) {
            writer.store(events);
            return CompletableFuture.completedFuture(true);
        }
        return writer.storeAsync(events).thenApply(stored -> true);
    }

    /** Stores the consent changes of one request in the next group commit; whether there were any. */
    private CompletableFuture<Boolean> consents(
            long account, String provider, List<ConsentReply> replies, Request request) {
        if (replies.isEmpty()) {
            return CompletableFuture.completedFuture(false);
        }
        var stored = request.mayWait()
                ? CompletableFuture.completedFuture(consents.store(account, replies))
                : consents.storeAsync(account, replies);
        return stored.thenApply(done -> {
            metrics.unknownContacts(provider, done.unknownContacts());
            return true;
        });
    }

    private CompletableFuture<Answer> stored(CompletableFuture<Boolean> stored, String provider) {
        return stored.thenApply(any -> accepted(provider, any));
    }

    private ChannelSecret whatsappIntegration(long accountId) {
        return secrets.channel(accountId, Channel.WHATSAPP).orElseThrow(Callbacks::unknownIntegration);
    }

    private static long id(String value) {
        if (value.isEmpty() || value.length() > 18 || !value.chars().allMatch(Character::isDigit)) {
            throw unknownIntegration();
        }
        return Long.parseLong(value);
    }

    private static BadCallbackException unknownIntegration() {
        return new BadCallbackException(HttpStatus.NOT_FOUND, "unknown integration");
    }

    private static BadCallbackException forged() {
        return new BadCallbackException(HttpStatus.FORBIDDEN, "missing or invalid signature");
    }

    private Answer accepted(String provider, boolean stored) {
        metrics.accepted(provider, stored);
        return Answer.of(HttpStatus.OK, stored ? "ok" : "ignored");
    }

    /** Any other URL under /callbacks: a plain 404 for the provider's log, not the UI's page. */
    static CompletableFuture<Answer> unknownUrl() {
        return CompletableFuture.completedFuture(Answer.of(HttpStatus.NOT_FOUND, "unknown callback URL"));
    }

    private static CompletableFuture<Answer> methodNotAllowed(String allowed) {
        return CompletableFuture.completedFuture(
                new Answer(HttpStatus.METHOD_NOT_ALLOWED, "method not allowed", allowed));
    }
}
