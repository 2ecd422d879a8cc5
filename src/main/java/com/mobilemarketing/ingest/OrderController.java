package com.mobilemarketing.ingest;

import com.mobilemarketing.core.db.Tenant;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The shop's order webhook: one order status or an array of up to {@code app.orders.max-orders},
 * signed with {@code X-Signature-256: sha256=<hex HMAC-SHA256 of the raw body>} and the account's
 * shop integration secret. The batch is stored in one transaction and answered 200 only after it
 * committed; anything unsigned, malformed or oversized gets a 4xx with the reason and nothing of the
 * batch is stored. Repeats are harmless (idempotent per order and status). See docs/ingest.md.
 */
@RestController
@RequestMapping("/callbacks/orders")
public record OrderController(OrderRepository orders, IngestMetrics metrics, Clock clock, OrderProperties properties) {

    private static final MediaType PLAIN_UTF8 = MediaType.parseMediaType("text/plain;charset=UTF-8");
    private static final Logger log = LoggerFactory.getLogger(OrderController.class);

    @PostMapping("/{accountId}")
    public ResponseEntity<String> receive(@PathVariable String accountId, HttpServletRequest request)
            throws IOException {
        long account = id(accountId);
        var secret = Tenant.call(account, () -> orders.findShopSecret(account))
                .orElseThrow(() -> new BadCallbackException(HttpStatus.NOT_FOUND, "unknown integration"));
        var body = CallbackParsers.readBody(
                request.getInputStream(), request.getContentLengthLong(), properties.maxBodyBytes());
        if (!Signatures.matches(Signatures.meta(secret, body), request.getHeader("X-Signature-256"))) {
            throw new BadCallbackException(HttpStatus.FORBIDDEN, "missing or invalid signature");
        }
        var updates = OrderParser.parse(body, properties.maxOrders(), clock.instant());
        var stored = Tenant.call(account, () -> orders.store(account, updates));
        metrics.accepted("orders", stored.stored() > 0);
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"received\":%d,\"stored\":%d,\"unknownContacts\":%d}\n"
                        .formatted(stored.received(), stored.stored(), stored.unknownContacts()));
    }

    /** Another method on the order URL. */
    @RequestMapping("/{accountId}")
    public ResponseEntity<String> postOnly() {
        return MethodNotAllowed.allowing("POST");
    }

    @ExceptionHandler(BadCallbackException.class)
    ResponseEntity<String> refused(BadCallbackException e) {
        metrics.refused("orders", e.status());
        return ResponseEntity.status(e.status()).contentType(PLAIN_UTF8).body(e.getMessage() + "\n");
    }

    /** The database did not commit (or failed): nothing is stored, the shop retries. */
    @ExceptionHandler(RuntimeException.class)
    ResponseEntity<String> failed(RuntimeException e) {
        log.warn("Order callback not stored", e);
        metrics.refused("orders", HttpStatus.SERVICE_UNAVAILABLE);
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .contentType(PLAIN_UTF8)
                .body("not stored, retry later\n");
    }

    private static long id(String value) {
        if (value.isEmpty() || value.length() > 18 || !value.chars().allMatch(Character::isDigit)) {
            throw new BadCallbackException(HttpStatus.NOT_FOUND, "unknown integration");
        }
        return Long.parseLong(value);
    }
}
