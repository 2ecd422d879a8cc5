package com.mobilemarketing.ingest;

import com.mobilemarketing.core.ops.RequestIdFilter;
import com.mobilemarketing.db.enums.Channel;
import com.mobilemarketing.ingest.IngestRepository.ChannelSecret;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Delivery status callbacks and replies of SMS gateways (Twilio format), WhatsApp Business (Cloud
 * API) and Viber, one URL per integration. A request is answered 2xx only after its events are
 * committed; anything unsigned, wrongly signed, malformed, oversized or for an unknown integration
 * gets a 4xx with a short reason and stores nothing. See docs/ingest.md.
 *
 * <p>A servlet filter first in the chain that answers these URLs itself: they are signed by the
 * provider and need no session, user, CSRF token or web framework, and at thousands of requests per
 * second Spring Security's filters, the other servlet filters and Spring MVC cost the app more CPU
 * than the callback (docs/benchmarks.md). The shop's orders and the gateways' reports under
 * /callbacks go on to Spring MVC ({@link OrderController}, GatewayReportController); any other URL
 * under /callbacks is answered 404 here.
 */
@Component
public class CallbackFilter extends HttpFilter {

    /** What this filter serves, as documented in docs/openapi.yaml. */
    static final List<String> ROUTES = List.of(
            "POST /callbacks/sms/{accountId}/{gatewayId}",
            "POST /callbacks/sms/{accountId}/{gatewayId}/inbound",
            "GET /callbacks/whatsapp/{accountId}",
            "POST /callbacks/whatsapp/{accountId}",
            "POST /callbacks/viber/{accountId}");

    private static final String PREFIX = "/callbacks/";
    private static final String TEXT_PLAIN_UTF8 = "text/plain;charset=UTF-8";
    private static final String NOT_STORED = "not stored, retry later";
    private static final Logger log = LoggerFactory.getLogger(CallbackFilter.class);

    private final IntegrationSecrets secrets;
    private final EventWriter writer;
    private final ConsentWriter consents;
    private final IngestMetrics metrics;
    private final Clock clock;
    private final IngestProperties properties;

    public CallbackFilter(
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

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        var path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        if (!path.startsWith(PREFIX) && !path.equals("/callbacks")) {
            chain.doFilter(request, response);
            return;
        }
        var segments = path.length() <= PREFIX.length()
                ? new String[] {""}
                : path.substring(PREFIX.length()).split("/", -1);
        if (servedBySpringMvc(segments)) {
            chain.doFilter(request, response);
            return;
        }
        RequestIdFilter.begin(request, response);
        try {
            route(segments, request, response);
        } catch (BadCallbackException e) {
            metrics.refused(segments[0], e.status());
            answer(response, e.status(), e.getMessage());
        } catch (GroupCommit.NotStoredException e) {
            metrics.refused(segments[0], HttpStatus.SERVICE_UNAVAILABLE);
            answer(response, HttpStatus.SERVICE_UNAVAILABLE, NOT_STORED);
        } catch (RuntimeException e) {
            // Anything unforeseen still answers plain text, not the UI's error page.
            log.warn("Callback failed", e);
            answer(response, HttpStatus.INTERNAL_SERVER_ERROR, NOT_STORED);
        } finally {
            RequestIdFilter.end();
        }
    }

    /** The shop's orders and the gateways' reports: JSON answers and few requests, left to Spring MVC. */
    private static boolean servedBySpringMvc(String[] segments) {
        return (segments.length == 2 && segments[0].equals("orders"))
                || (segments.length == 4 && segments[0].equals("reports") && segments[1].equals("sms"));
    }

    private void route(String[] segments, HttpServletRequest request, HttpServletResponse response) throws IOException {
        var method = request.getMethod();
        boolean post = method.equals("POST");
        switch (segments[0]) {
            case "sms" -> {
                if (segments.length == 3 && post) {
                    sms(segments[1], segments[2], request, response);
                } else if (segments.length == 4 && segments[3].equals("inbound") && post) {
                    smsInbound(segments[1], segments[2], request, response);
                } else if (segments.length == 3 || (segments.length == 4 && segments[3].equals("inbound"))) {
                    methodNotAllowed(response, "POST");
                } else {
                    unknownUrl(response);
                }
            }
            case "whatsapp" -> {
                if (segments.length != 2) {
                    unknownUrl(response);
                } else if (post) {
                    whatsapp(segments[1], request, response);
                } else if (method.equals("GET")) {
                    whatsappVerify(segments[1], request, response);
                } else {
                    methodNotAllowed(response, "GET, POST");
                }
            }
            case "viber" -> {
                if (segments.length != 2) {
                    unknownUrl(response);
                } else if (post) {
                    viber(segments[1], request, response);
                } else {
                    methodNotAllowed(response, "POST");
                }
            }
            default -> unknownUrl(response);
        }
    }

    private void sms(String accountId, String gatewayId, HttpServletRequest request, HttpServletResponse response)
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
    private void smsInbound(
            String accountId, String gatewayId, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        long account = id(accountId);
        var params = signedTwilioForm(account, id(gatewayId), false, request);
        var reply = CallbackParsers.twilioInbound(params, clock.instant());
        if (reply == null) {
            accepted(response, "sms", false);
            return;
        }
        // Answered when the reply's batch commits, without holding a request thread meanwhile: a burst
        // of replies (hundreds in flight, each waiting for its commit) must not take every request
        // thread from the status callbacks and the UI. The writer's thread answers and completes the
        // request itself, so the request passes through the container once.
        var async = request.startAsync();
        // The future always completes: the group commit fails it after app.ingest.writer-timeout-ms.
        async.setTimeout(0);
        var requestId = MDC.get(RequestIdFilter.MDC_KEY);
        consents.storeAsync(account, List.of(reply)).whenComplete((stored, failure) -> {
            MDC.put(RequestIdFilter.MDC_KEY, requestId);
            try {
                if (failure != null) {
                    metrics.refused("sms", HttpStatus.SERVICE_UNAVAILABLE);
                    answer(response, HttpStatus.SERVICE_UNAVAILABLE, NOT_STORED);
                } else {
                    metrics.unknownContacts("sms", stored.unknownContacts());
                    accepted(response, "sms", true);
                }
            } catch (IOException | RuntimeException e) {
                log.debug("Could not answer an SMS reply", e);
            } finally {
                MDC.remove(RequestIdFilter.MDC_KEY);
                complete(async);
            }
        });
    }

    private static void complete(AsyncContext async) {
        try {
            async.complete();
        } catch (IllegalStateException e) {
            log.debug("The container ended the request first (the provider hung up)", e);
        }
    }

    /** Meta's subscription handshake: echo the challenge when the verify token is the integration's. */
    private void whatsappVerify(String accountId, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        var integration = whatsappIntegration(id(accountId));
        var challenge = request.getParameter("hub.challenge");
        if (!"subscribe".equals(request.getParameter("hub.mode")) || challenge == null || challenge.length() > 200) {
            throw BadCallbackException.malformed("hub.mode / hub.challenge");
        }
        var verifyToken = request.getParameter("hub.verify_token");
        if (integration.verifyToken() == null || !Signatures.matches(integration.verifyToken(), verifyToken)) {
            throw new BadCallbackException(HttpStatus.FORBIDDEN, "wrong verify token");
        }
        answer(response, HttpStatus.OK, challenge);
    }

    private void whatsapp(String accountId, HttpServletRequest request, HttpServletResponse response)
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

    private void viber(String accountId, HttpServletRequest request, HttpServletResponse response) throws IOException {
        long account = id(accountId);
        var integration = secrets.channel(account, Channel.VIBER).orElseThrow(CallbackFilter::unknownIntegration);
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

    /**
     * The form of a request to one of the gateway's URLs, once its Twilio signature is checked; status
     * callbacks ({@code statusCallbacks}) only for gateways that send them.
     */
    private Map<String, List<String>> signedTwilioForm(
            long account, long gateway, boolean statusCallbacks, HttpServletRequest request) throws IOException {
        var integration = secrets.gateway(account, gateway)
                .filter(g -> !statusCallbacks || g.supportsCallbacks())
                .orElseThrow(CallbackFilter::unknownIntegration);
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
        return secrets.channel(accountId, Channel.WHATSAPP).orElseThrow(CallbackFilter::unknownIntegration);
    }

    private byte[] body(HttpServletRequest request) throws IOException {
        return CallbackParsers.readBody(
                request.getInputStream(), request.getContentLengthLong(), properties.maxBodyBytes());
    }

    /** The form parameters from the raw body, or from the servlet if the body came as parameters. */
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

    private void accepted(HttpServletResponse response, String provider, boolean stored) throws IOException {
        metrics.accepted(provider, stored);
        answer(response, HttpStatus.OK, stored ? "ok" : "ignored");
    }

    /** Any other URL under /callbacks: a plain 404 for the provider's log, not the UI's page. */
    private static void unknownUrl(HttpServletResponse response) throws IOException {
        answer(response, HttpStatus.NOT_FOUND, "unknown callback URL");
    }

    private static void methodNotAllowed(HttpServletResponse response, String allowed) throws IOException {
        response.setHeader("Allow", allowed);
        answer(response, HttpStatus.METHOD_NOT_ALLOWED, "method not allowed");
    }

    /**
     * A short plain-text answer, with the headers Spring Security sent for these URLs that matter
     * for it: not to be sniffed as another type, framed or cached.
     */
    private static void answer(HttpServletResponse response, HttpStatus status, @Nullable String text)
            throws IOException {
        var bytes = (text + "\n").getBytes(StandardCharsets.UTF_8);
        response.setStatus(status.value());
        response.setContentType(TEXT_PLAIN_UTF8);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}
