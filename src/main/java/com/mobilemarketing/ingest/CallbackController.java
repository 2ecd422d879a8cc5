package com.mobilemarketing.ingest;

import com.mobilemarketing.db.enums.Channel;
import com.mobilemarketing.ingest.IngestRepository.ChannelSecret;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Delivery status callbacks of SMS gateways (Twilio format), WhatsApp Business (Cloud API) and
 * Viber, one URL per integration. A request is answered 2xx only after its events are committed;
 * anything unsigned, wrongly signed, malformed, oversized or for an unknown integration gets a 4xx
 * with a short reason and stores nothing. See docs/ingest.md.
 */
@RestController
@RequestMapping("/callbacks")
public class CallbackController {

    private static final String TEXT_PLAIN_UTF8 = "text/plain;charset=UTF-8";
    private static final MediaType PLAIN_UTF8 = MediaType.parseMediaType(TEXT_PLAIN_UTF8);
    private static final Logger log = LoggerFactory.getLogger(CallbackController.class);

    private final IntegrationSecrets secrets;
    private final EventWriter writer;
    private final Clock clock;
    private final IngestProperties properties;
    private final IngestMetrics metrics;
    private final ConsentWriter consents;

    public CallbackController(
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

    @PostMapping("/sms/{accountId}/{gatewayId}")
    public void sms(
            @PathVariable String accountId,
            @PathVariable String gatewayId,
            HttpServletRequest request,
            HttpServletResponse response)
            throws IOException {
        long account = id(accountId);
        long gateway = id(gatewayId);
        var params = signedTwilioForm(account, gateway, true, request);
        var event = CallbackParsers.twilio(account, gateway, params, clock.instant());
        if (event != null) {
            writer.store(List.of(event));
        }
        accepted(response, "sms", event != null);
    }

    /**
     * The gateway's incoming-message webhook (Twilio format: From, To, Body, MessageSid), signed like
     * its status callbacks: a reply that is a stop keyword withdraws the sender's SMS consent.
     */
    @PostMapping("/sms/{accountId}/{gatewayId}/inbound")
    public CompletableFuture<ResponseEntity<String>> smsInbound(
            @PathVariable String accountId, @PathVariable String gatewayId, HttpServletRequest request)
            throws IOException {
        long account = id(accountId);
        var params = signedTwilioForm(account, id(gatewayId), false, request);
        var reply = CallbackParsers.twilioInbound(params, clock.instant());
        if (reply == null) {
            metrics.accepted("sms", false);
            return CompletableFuture.completedFuture(ok("ignored"));
        }
        // Answered when the reply's batch commits, without holding a request thread meanwhile: a burst
        // of replies (hundreds in flight, each waiting for its commit) must not take every request
        // thread from the status callbacks and the UI. Replies are rare next to status callbacks, so
        // the plain answer path (Spring's async dispatch) is fine here.
        return consents.storeAsync(account, List.of(reply)).handle((stored, failure) -> {
            if (failure != null) {
                metrics.refused("sms", HttpStatus.SERVICE_UNAVAILABLE);
                return plain(HttpStatus.SERVICE_UNAVAILABLE, NOT_STORED);
            }
            metrics.unknownContacts("sms", stored.unknownContacts());
            metrics.accepted("sms", true);
            return ok("ok");
        });
    }

    /** Meta's subscription handshake: echo the challenge when the verify token is the integration's. */
    @GetMapping("/whatsapp/{accountId}")
    public ResponseEntity<String> whatsappVerify(
            @PathVariable String accountId,
            @RequestParam(name = "hub.mode", required = false) @Nullable String mode,
            @RequestParam(name = "hub.verify_token", required = false) @Nullable String verifyToken,
            @RequestParam(name = "hub.challenge", required = false) @Nullable String challenge) {
        var integration = whatsappIntegration(id(accountId));
        if (!"subscribe".equals(mode) || challenge == null || challenge.length() > 200) {
            throw BadCallbackException.malformed("hub.mode / hub.challenge");
        }
        if (integration.verifyToken() == null || !Signatures.matches(integration.verifyToken(), verifyToken)) {
            throw new BadCallbackException(HttpStatus.FORBIDDEN, "wrong verify token");
        }
        return ok(challenge);
    }

    @PostMapping("/whatsapp/{accountId}")
    public void whatsapp(@PathVariable String accountId, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        long account = id(accountId);
        var integration = whatsappIntegration(account);
        var body = body(request);
        var signature = request.getHeader("X-Hub-Signature-256");
        if (!Signatures.matches(Signatures.meta(integration.secret(), body), signature)) {
            throw forged();
        }
        var callback = CallbackParsers.whatsappCallback(account, body, clock.instant());
        // Both parts are idempotent: after a failure of either the provider's retry completes the other.
        var replies = storeConsents(account, "whatsapp", callback.replies());
        writer.store(callback.statuses());
        accepted(response, "whatsapp", replies || !callback.statuses().isEmpty());
    }

    @PostMapping("/viber/{accountId}")
    public void viber(@PathVariable String accountId, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        long account = id(accountId);
        var integration = secrets.channel(account, Channel.VIBER).orElseThrow(CallbackController::unknownIntegration);
        var body = body(request);
        var signature = request.getHeader("X-Viber-Content-Signature");
        if (!Signatures.matches(Signatures.viber(integration.secret(), body), signature)) {
            throw forged();
        }
        var callback = CallbackParsers.viberCallback(account, body, clock.instant());
        var event = callback.status();
        if (event != null) {
            writer.store(List.of(event));
        }
        var consent = callback.consent();
        var stored = storeConsents(account, "viber", consent == null ? List.of() : List.of(consent));
        accepted(response, "viber", event != null || stored);
    }

    /** Another method on a POST-only callback URL. */
    @RequestMapping({"/sms/{accountId}/{gatewayId}", "/sms/{accountId}/{gatewayId}/inbound", "/viber/{accountId}"})
    public ResponseEntity<String> postOnly() {
        return MethodNotAllowed.allowing("POST");
    }

    /** Another method on the WhatsApp URL, which takes the handshake (GET) and statuses (POST). */
    @RequestMapping("/whatsapp/{accountId}")
    public ResponseEntity<String> whatsappOtherMethod() {
        return MethodNotAllowed.allowing("GET, POST");
    }

    /**
     * Any other URL under /callbacks: a plain 404 for the provider's log, not the UI's page (the UI
     * takes every URL that no controller maps).
     */
    @RequestMapping("/**")
    public ResponseEntity<String> unknownUrl() {
        return plain(HttpStatus.NOT_FOUND, "unknown callback URL");
    }

    @ExceptionHandler(BadCallbackException.class)
    ResponseEntity<String> refused(BadCallbackException e, HttpServletRequest request) {
        metrics.refused(IngestMetrics.provider(request.getRequestURI()), e.status());
        return plain(e.status(), e.getMessage());
    }

    /** Anything unforeseen still answers plain text (not the sign-in page of the UI's error handling). */
    @ExceptionHandler(RuntimeException.class)
    ResponseEntity<String> failed(RuntimeException e) {
        log.warn("Callback failed", e);
        return plain(HttpStatus.INTERNAL_SERVER_ERROR, NOT_STORED);
    }

    @ExceptionHandler(GroupCommit.NotStoredException.class)
    ResponseEntity<String> notStored(GroupCommit.NotStoredException e, HttpServletRequest request) {
        metrics.refused(IngestMetrics.provider(request.getRequestURI()), HttpStatus.SERVICE_UNAVAILABLE);
        return plain(HttpStatus.SERVICE_UNAVAILABLE, NOT_STORED);
    }

    /**
     * The form of a request to one of the gateway's URLs, once its Twilio signature is checked; status
     * callbacks ({@code statusCallbacks}) only for gateways that send them.
     */
    private Map<String, List<String>> signedTwilioForm(
            long account, long gateway, boolean statusCallbacks, HttpServletRequest request) throws IOException {
        var integration = secrets.gateway(account, gateway)
                .filter(g -> !statusCallbacks || g.supportsCallbacks())
                .orElseThrow(CallbackController::unknownIntegration);
        var params = form(request);
        var signature = request.getHeader("X-Twilio-Signature");
        if (!Signatures.matches(Signatures.twilio(integration.secret(), signedUrl(request), params), signature)) {
            throw forged();
        }
        return params;
    }

    /** Stores the consent changes of one request (in the next group commit); whether there were any. */
    private boolean storeConsents(long account, String provider, List<ConsentReply> replies) {
        if (replies.isEmpty()) {
            return false;
        }
        var stored = consents.store(account, replies);
        metrics.unknownContacts(provider, stored.unknownContacts());
        return true;
    }

    private ChannelSecret whatsappIntegration(long accountId) {
        return secrets.channel(accountId, Channel.WHATSAPP).orElseThrow(CallbackController::unknownIntegration);
    }

    private byte[] body(HttpServletRequest request) throws IOException {
        return CallbackParsers.readBody(
                request.getInputStream(), request.getContentLengthLong(), properties.maxBodyBytes());
    }

    /** The form parameters from the raw body, or from the servlet if a filter already consumed the body. */
    private Map<String, List<String>> form(HttpServletRequest request) throws IOException {
        var params = CallbackParsers.parseForm(body(request));
        if (params.isEmpty() && !request.getParameterMap().isEmpty()) {
            var fromServlet = new LinkedHashMap<String, List<String>>();
            request.getParameterMap().forEach((name, values) -> fromServlet.put(name, List.of(values)));
            return fromServlet;
        }
        return params;
    }

    /** The URL Twilio signed: as configured for the public side (behind a proxy), else as received. */
    private String signedUrl(HttpServletRequest request) {
        var publicBaseUrl = properties.publicBaseUrl();
        var base =
                publicBaseUrl.isEmpty() ? request.getRequestURL().toString() : publicBaseUrl + request.getRequestURI();
        return request.getQueryString() == null ? base : base + "?" + request.getQueryString();
    }

    private static long id(String value) {
        if (value.length() > 18 || !value.chars().allMatch(Character::isDigit) || value.isEmpty()) {
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

    private static final String NOT_STORED = "not stored, retry later";

    private static final byte[] OK = "ok\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] IGNORED = "ignored\n".getBytes(StandardCharsets.US_ASCII);

    /**
     * The 200 of an accepted callback, written straight to the response: at thousands of callbacks
     * per second, Spring's return value handling and message converters cost more than this answer.
     */
    private void accepted(HttpServletResponse response, String provider, boolean stored) throws IOException {
        metrics.accepted(provider, stored);
        var text = stored ? OK : IGNORED;
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(TEXT_PLAIN_UTF8);
        response.setContentLength(text.length);
        response.getOutputStream().write(text);
    }

    private static ResponseEntity<String> ok(String text) {
        return plain(HttpStatus.OK, text);
    }

    private static ResponseEntity<String> plain(HttpStatus status, String text) {
        return ResponseEntity.status(status).contentType(PLAIN_UTF8).body(text + "\n");
    }
}
