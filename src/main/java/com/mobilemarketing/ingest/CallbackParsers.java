package com.mobilemarketing.ingest;

import static com.mobilemarketing.ingest.BadCallbackException.malformed;

import com.mobilemarketing.core.db.PostgresText;
import com.mobilemarketing.db.enums.Channel;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Turns the providers' request bodies into normalised {@link StatusEvent}s, or refuses them. */
final class CallbackParsers {

    /** Provider message ids we accept: Twilio SIDs, WhatsApp wamids (base64), Viber tokens (numbers). */
    private static final Pattern PROVIDER_ID = Pattern.compile("[A-Za-z0-9._:=+/-]{1,200}");
    /** Phone numbers: an optional +, then 5 to 20 digits, possibly grouped. */
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9][0-9 ()-]{4,30}");
    /** Epoch values above this are milliseconds (as seconds they would lie past the year 5000). */
    private static final long MILLIS_THRESHOLD = 100_000_000_000L;

    private static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    /** Clock skew up to this is forgiven (the receipt time is used); a time further ahead is malformed. */
    private static final Duration MAX_SKEW = Duration.ofDays(1);

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private CallbackParsers() {}

    /**
     * Reads at most {@code limit} bytes of the body; more is refused before anything is parsed.
     * With a declared length the body is read into an array of exactly that size (a generic read
     * would allocate a buffer of many kilobytes for every callback of a few hundred bytes).
     */
    static byte[] readBody(InputStream in, long contentLength, int limit) throws IOException {
        if (contentLength > limit) {
            throw new BadCallbackException(HttpStatus.CONTENT_TOO_LARGE, "body too large");
        }
        if (contentLength >= 0) {
            var body = new byte[(int) contentLength];
            int read = in.readNBytes(body, 0, body.length);
            if (read < body.length) {
                // Cut short, or already consumed by a filter that parsed the form: what is there.
                return Arrays.copyOf(body, read);
            }
            if (in.read() >= 0) {
                throw new BadCallbackException(HttpStatus.CONTENT_TOO_LARGE, "body too large");
            }
            return body;
        }
        var body = in.readNBytes(limit + 1);
        if (body.length > limit) {
            throw new BadCallbackException(HttpStatus.CONTENT_TOO_LARGE, "body too large");
        }
        return body;
    }

    /** application/x-www-form-urlencoded, keeping repeated names. */
    static Map<String, List<String>> parseForm(byte[] body) {
        var params = new LinkedHashMap<String, List<String>>();
        var text = new String(body, StandardCharsets.UTF_8);
        if (text.isBlank()) {
            return params;
        }
        try {
            for (var pair : text.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                var name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                var value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                params.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
            }
        } catch (IllegalArgumentException e) {
            throw malformed("form encoding");
        }
        return params;
    }

    /** Twilio status callback; null when the status says nothing about delivery (queued, sending, ...). */
    static @Nullable StatusEvent twilio(long accountId, long gatewayId, Map<String, List<String>> params, Instant now) {
        var sid = providerId(first(params, "MessageSid", "SmsSid"), "MessageSid");
        var status = required(first(params, "MessageStatus", "SmsStatus"), "MessageStatus");
        var normalised = switch (status.toLowerCase()) {
            case "sent" -> StatusEvent.SENT;
            case "delivered" -> StatusEvent.DELIVERED;
            case "read" -> StatusEvent.READ;
            case "undelivered", "failed" -> StatusEvent.FAILED;
            case "queued",
                    "accepted",
                    "scheduled",
                    "sending",
                    "canceled",
                    "receiving",
                    "received",
                    "partially_delivered" -> null;
            default -> throw malformed("MessageStatus");
        };
        if (normalised == null) {
            return null;
        }
        var errorCode =
                StatusEvent.FAILED.equals(normalised) ? stored(first(params, "ErrorCode"), 40, "ErrorCode") : null;
        return new StatusEvent(
                accountId,
                StatusEvent.smsProvider(gatewayId),
                sid,
                normalised,
                now,
                errorCode,
                ErrorCodes.twilio(errorCode),
                null,
                null);
    }

    /** WhatsApp Cloud API webhook: every entry[].changes[].value.statuses[]; messages and others are ignored. */
    static List<StatusEvent> whatsapp(long accountId, byte[] body, Instant now) {
        return whatsappCallback(accountId, body, now).statuses();
    }

    /** What one WhatsApp webhook reports: delivery statuses, and stop replies among its inbound messages. */
    record WhatsAppCallback(List<StatusEvent> statuses, List<ConsentReply> replies) {}

    /**
     * WhatsApp Cloud API webhook: every entry[].changes[].value.statuses[], and every text message of
     * entry[].changes[].value.messages[] whose body is a stop keyword; other messages are ignored.
     */
    static WhatsAppCallback whatsappCallback(long accountId, byte[] body, Instant now) {
        var root = json(body);
        var entries = root.get("entry");
        if (entries == null || !entries.isArray()) {
            throw malformed("entry");
        }
        var events = new ArrayList<StatusEvent>();
        var replies = new ArrayList<ConsentReply>();
        for (var entry : entries) {
            var changes = entry.path("changes");
            if (!changes.isArray() && !changes.isMissingNode()) {
                throw malformed("changes");
            }
            for (var change : changes) {
                whatsappReplies(change.path("value").path("messages"), now, replies);
                var statuses = change.path("value").path("statuses");
                if (!statuses.isArray() && !statuses.isMissingNode()) {
                    throw malformed("statuses");
                }
                for (var status : statuses) {
                    var id = providerId(text(status.get("id")), "status id");
                    var value = required(text(status.get("status")), "status");
                    var normalised = switch (value) {
                        case "sent" -> StatusEvent.SENT;
                        case "delivered" -> StatusEvent.DELIVERED;
                        case "read" -> StatusEvent.READ;
                        case "failed" -> StatusEvent.FAILED;
                        default -> null; // e.g. "deleted", "warning": nothing about delivery
                    };
                    var at = timestamp(status.get("timestamp"), now);
                    if (normalised == null) {
                        continue;
                    }
                    String errorCode = null;
                    if (StatusEvent.FAILED.equals(normalised)) {
                        var error = status.path("errors").path(0);
                        errorCode = stored(text(error.get("code")), 40, "errors.code");
                    }
                    var pricing = status.path("pricing");
                    var billable = pricing.path("billable");
                    events.add(new StatusEvent(
                            accountId,
                            StatusEvent.WHATSAPP,
                            id,
                            normalised,
                            at,
                            errorCode,
                            ErrorCodes.whatsapp(errorCode),
                            pricingCategory(text(pricing.get("category"))),
                            billable.isBoolean() ? billable.booleanValue() : null));
                }
            }
        }
        return new WhatsAppCallback(events, replies);
    }

    /** The stop replies among WhatsApp inbound messages (text ones; buttons, media and others say nothing). */
    private static void whatsappReplies(JsonNode messages, Instant now, List<ConsentReply> replies) {
        if (!messages.isArray() && !messages.isMissingNode()) {
            throw malformed("messages");
        }
        for (var message : messages) {
            var id = providerId(text(message.get("id")), "message id");
            var from = phone(text(message.get("from")), "message from");
            var at = timestamp(message.get("timestamp"), now);
            if ("text".equals(text(message.get("type")))
                    && StopKeywords.isStop(text(message.path("text").get("body")))) {
                replies.add(
                        new ConsentReply(Channel.WHATSAPP, ConsentReply.Source.WHATSAPP_REPLY, from, false, id, at));
            }
        }
    }

    /**
     * A Twilio inbound SMS (the gateway's incoming-message webhook: From, To, Body, MessageSid): an
     * opt-out when the whole body is a stop keyword, else null (an ordinary reply, nothing to store).
     */
    static @Nullable ConsentReply twilioInbound(Map<String, List<String>> params, Instant now) {
        var sid = providerId(first(params, "MessageSid", "SmsMessageSid", "SmsSid"), "MessageSid");
        var from = phone(first(params, "From"), "From");
        required(first(params, "To"), "To");
        var body = params.get("Body");
        if (body == null || body.isEmpty()) {
            throw malformed("Body");
        }
        if (!StopKeywords.isStop(body.getFirst())) {
            return null;
        }
        return new ConsentReply(Channel.SMS, ConsentReply.Source.SMS_REPLY, from, false, sid, now);
    }

    /**
     * WhatsApp's pricing category as the tariffs name it: marketing, utility, authentication and
     * service; its variants priced like them (marketing_lite, authentication_international); null for
     * any other (the message type's category then applies).
     */
    static @Nullable String pricingCategory(@Nullable String category) {
        if (category == null) {
            return null;
        }
        return switch (category.toLowerCase(java.util.Locale.ROOT)) {
            case "marketing", "marketing_lite" -> "MARKETING";
            case "utility" -> "UTILITY";
            case "authentication", "authentication_international" -> "AUTHENTICATION";
            case "service" -> "SERVICE";
            default -> null;
        };
    }

    /** Viber callback; null for events that are not about delivery (subscribed, message, webhook, ...). */
    static @Nullable StatusEvent viber(long accountId, byte[] body, Instant now) {
        return viberCallback(accountId, body, now).status();
    }

    /** What one Viber callback reports: a delivery status, a consent change, or neither. */
    record ViberCallback(
            @Nullable StatusEvent status, @Nullable ConsentReply consent) {}

    /**
     * Viber callback: delivered, seen and failed are statuses; unsubscribed and subscribed are
     * consent changes of the user they name ({@code user_id}, or {@code user.id} when subscribing),
     * whom Viber's business messages identify by phone number.
     */
    static ViberCallback viberCallback(long accountId, byte[] body, Instant now) {
        var root = json(body);
        var event = required(text(root.get("event")), "event");
        if ("unsubscribed".equals(event) || "subscribed".equals(event)) {
            var token = providerId(text(root.get("message_token")), "message_token");
            var user = text(root.get("user_id"));
            if (user == null) {
                user = text(root.path("user").get("id"));
            }
            var at = timestamp(root.get("timestamp"), now);
            return new ViberCallback(
                    null,
                    new ConsentReply(
                            Channel.VIBER,
                            ConsentReply.Source.VIBER_EVENT,
                            phone(user, "user_id"),
                            "subscribed".equals(event),
                            token,
                            at));
        }
        return new ViberCallback(viberStatus(accountId, root, event, now), null);
    }

    private static @Nullable StatusEvent viberStatus(long accountId, JsonNode root, String event, Instant now) {
        var normalised = switch (event) {
            case "delivered" -> StatusEvent.DELIVERED;
            case "seen" -> StatusEvent.READ;
            case "failed" -> StatusEvent.FAILED;
            default -> null;
        };
        if (normalised == null) {
            return null;
        }
        var token = providerId(text(root.get("message_token")), "message_token");
        var at = timestamp(root.get("timestamp"), now);
        var desc = StatusEvent.FAILED.equals(normalised) ? stored(text(root.get("desc")), 80, "desc") : null;
        return new StatusEvent(
                accountId, StatusEvent.VIBER, token, normalised, at, desc, ErrorCodes.viber(desc), null, null);
    }

    /**
     * Seconds or milliseconds since the epoch (told apart by size), as a number or a numeric string.
     * A missing time is the receipt time; a time up to a day in the future (clock skew) becomes the
     * receipt time. Before 2000, further ahead, negative or beyond a long is malformed.
     */
    static Instant timestamp(@Nullable JsonNode node, Instant now) {
        if (node == null || node.isNull()) {
            return now;
        }
        long raw;
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            raw = node.asLong();
        } else if (node.isString() && isDigits(node.asString(), 16)) {
            raw = Long.parseLong(node.asString());
        } else {
            throw malformed("timestamp");
        }
        var at = raw >= MILLIS_THRESHOLD ? Instant.ofEpochMilli(raw) : Instant.ofEpochSecond(raw);
        if (at.isBefore(EARLIEST) || at.isAfter(now.plus(MAX_SKEW))) {
            throw malformed("timestamp");
        }
        return at.isAfter(now) ? now : at;
    }

    /**
     * A phone number as providers send it (digits, an optional leading +, spaces, dashes, brackets;
     * WhatsApp and Viber leave the + out) in international form: + and the digits.
     */
    static String phone(@Nullable String value, String what) {
        if (value == null || !PHONE.matcher(value).matches()) {
            throw malformed(what);
        }
        var digits = new StringBuilder("+");
        value.chars().filter(c -> c >= '0' && c <= '9').forEach(digits::appendCodePoint);
        return digits.toString();
    }

    /** 1 to {@code maxLength} ASCII digits (no regular expression compiled per callback). */
    private static boolean isDigits(String text, int maxLength) {
        if (text.isEmpty() || text.length() > maxLength) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static JsonNode json(byte[] body) {
        try {
            var root = JSON.readTree(body);
            if (root == null || !root.isObject()) {
                throw malformed("JSON object expected");
            }
            return root;
        } catch (JacksonException e) {
            throw malformed("JSON");
        }
    }

    /** A value the callback must have; a 400 naming {@code what} when it is missing. */
    private static String required(@Nullable String value, String what) {
        if (value == null) {
            throw malformed(what);
        }
        return value;
    }

    /** A provider's message id: there and of the expected form, else a 400 naming {@code what}. */
    private static String providerId(@Nullable String value, String what) {
        if (value == null || !PROVIDER_ID.matcher(value).matches()) {
            throw malformed(what);
        }
        return value;
    }

    private static @Nullable String text(@Nullable JsonNode node) {
        if (node == null || node.isNull() || node.isContainer()) {
            return null;
        }
        if (node.isIntegralNumber()) {
            return node.bigIntegerValue().toString();
        }
        return node.isString() ? node.asString() : null;
    }

    private static @Nullable String first(Map<String, List<String>> params, String... names) {
        for (var name : names) {
            var values = params.get(name);
            if (values != null && !values.isEmpty() && !values.getFirst().isBlank()) {
                return values.getFirst().trim();
            }
        }
        return null;
    }

    /**
     * Free text of the provider's that is stored, cut to {@code max} characters. A NUL character,
     * which PostgreSQL cannot store, is a 400 naming {@code what}: otherwise the request's batch
     * failed and the provider's retries got 503 forever.
     */
    private static @Nullable String stored(@Nullable String text, int max, String what) {
        if (PostgresText.hasNul(text)) {
            throw malformed(what);
        }
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
