package com.mobilemarketing.ingest;

import static com.mobilemarketing.ingest.BadCallbackException.malformed;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns a shop's order callback body (one JSON object or an array of them) into checked
 * {@link OrderUpdate}s, or refuses the whole body with the first reason found ("orders[3].value: ..."),
 * so that a batch is stored entirely or not at all.
 */
final class OrderParser {

    /** Decimals stay exact (129.90 is never a double on its way in). */
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private static final Pattern ORDER_ID = Pattern.compile("[\\p{L}\\p{N}._:/#+-]{1,100}");
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");
    private static final Pattern EMAIL =
            Pattern.compile("[^@\\s\\p{Cntrl}]{1,64}@[^@\\s\\p{Cntrl}]{1,189}\\.[^@\\s\\p{Cntrl}]{1,63}");
    private static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    /** An order placed further ahead of our clock than this is malformed. */
    private static final Duration MAX_SKEW = Duration.ofDays(1);
    /** Values up to a trillion of the currency's units. */
    private static final BigDecimal MAX_VALUE = new BigDecimal("1000000000000");

    private OrderParser() {}

    static List<OrderUpdate> parse(byte[] body, int maxOrders, Instant now) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JacksonException e) {
            throw malformed("JSON");
        }
        if (root == null || !(root.isObject() || root.isArray())) {
            throw malformed("a JSON object or an array of objects expected");
        }
        if (root.isObject()) {
            return List.of(order(root, "order", now));
        }
        if (root.isEmpty()) {
            throw malformed("no orders in the array");
        }
        if (root.size() > maxOrders) {
            throw new BadCallbackException(
                    HttpStatus.CONTENT_TOO_LARGE, "too many orders: at most " + maxOrders + " per request");
        }
        var orders = new ArrayList<OrderUpdate>(root.size());
        for (int i = 0; i < root.size(); i++) {
            var node = root.get(i);
            var where = "orders[" + i + "]";
            if (!node.isObject()) {
                throw malformed(where + ": an object expected");
            }
            orders.add(order(node, where, now));
        }
        return orders;
    }

    private static OrderUpdate order(JsonNode node, String where, Instant now) {
        var orderId = text(node, "orderId");
        if (orderId == null || !ORDER_ID.matcher(orderId).matches()) {
            throw malformed(where + ".orderId: 1 to 100 letters, digits or . _ : / # + -");
        }
        var statusText = text(node, "status");
        var status = status(statusText);
        if (status == null) {
            throw malformed(where + ".status: placed, cancelled or refunded");
        }
        var placedAt = placedAt(text(node, "placedAt"), now);
        if (placedAt == null) {
            throw malformed(where + ".placedAt: ISO-8601 with offset, after 2000 and not in the future");
        }
        var currencyText = text(node, "currency");
        var currency = currency(currencyText);
        if (currency == null) {
            throw malformed(where + ".currency: an ISO 4217 code such as PLN");
        }
        var value = value(node.get("value"));
        if (value == null
                || value.signum() < 0
                || value.compareTo(MAX_VALUE) >= 0
                || value.stripTrailingZeros().scale() > Math.max(currency.getDefaultFractionDigits(), 0)) {
            throw malformed(where + ".value: a decimal of at least 0 with at most "
                    + Math.max(currency.getDefaultFractionDigits(), 0) + " decimals for " + currency.getCurrencyCode());
        }
        var contactId = contactId(node.get("contactId"), where);
        var phone = text(node, "phone");
        if (phone != null && !E164.matcher(phone).matches()) {
            throw malformed(where + ".phone: E.164, e.g. +48601234567");
        }
        var email = text(node, "email");
        if (email != null && (email.length() > 254 || !EMAIL.matcher(email).matches())) {
            throw malformed(where + ".email: an e-mail address");
        }
        if (contactId == null && phone == null && email == null) {
            throw malformed(where + ": the contact as contactId, phone or email");
        }
        return new OrderUpdate(
                orderId,
                status,
                placedAt,
                value.stripTrailingZeros(),
                currency.getCurrencyCode(),
                contactId,
                phone,
                email);
    }

    private static OrderUpdate.@Nullable Status status(@Nullable String text) {
        if (text == null) {
            return null;
        }
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "placed" -> OrderUpdate.Status.PLACED;
            case "cancelled", "canceled" -> OrderUpdate.Status.CANCELLED;
            case "refunded" -> OrderUpdate.Status.REFUNDED;
            default -> null;
        };
    }

    private static @Nullable OffsetDateTime placedAt(@Nullable String text, Instant now) {
        if (text == null || text.length() > 40) {
            return null;
        }
        try {
            var at = OffsetDateTime.parse(text);
            var instant = at.toInstant();
            return instant.isBefore(EARLIEST) || instant.isAfter(now.plus(MAX_SKEW)) ? null : at;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static @Nullable Currency currency(@Nullable String text) {
        if (text == null || text.length() != 3 || !text.chars().allMatch(c -> c >= 'A' && c <= 'Z')) {
            return null;
        }
        try {
            return Currency.getInstance(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** A JSON number or a decimal string ("129.90"); anything else is null. */
    private static @Nullable BigDecimal value(@Nullable JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        try {
            if (node.isNumber()) {
                return node.decimalValue();
            }
            if (node.isString() && node.asString().length() <= 30) {
                return new BigDecimal(node.asString().trim());
            }
        } catch (NumberFormatException | JacksonException e) {
            return null;
        }
        return null;
    }

    private static @Nullable Long contactId(@Nullable JsonNode node, String where) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isIntegralNumber() && node.canConvertToLong() && node.asLong() > 0) {
            return node.asLong();
        }
        if (node.isString() && node.asString().matches("[1-9][0-9]{0,17}")) {
            return Long.parseLong(node.asString());
        }
        throw malformed(where + ".contactId: a positive whole number");
    }

    private static @Nullable String text(JsonNode node, String field) {
        var value = node.get(field);
        if (value != null && value.isIntegralNumber()) {
            return value.bigIntegerValue().toString();
        }
        if (value == null || value.isNull() || !value.isString()) {
            return null;
        }
        var text = value.asString().trim();
        return text.isEmpty() ? null : text;
    }
}
