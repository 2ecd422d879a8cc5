package com.mobilemarketing.cost;

import com.mobilemarketing.core.db.Tenant;
import com.mobilemarketing.core.i18n.TranslationProvider;
import com.mobilemarketing.ingest.Signatures;
import jakarta.servlet.http.HttpServletRequest;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
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
 * The gateway's message report by machine: {@code POST /callbacks/reports/sms/{accountId}/{gatewayId}}
 * with Twilio's message log export as the body, signed {@code X-Signature-256: sha256=<hex HMAC-SHA256
 * of the body>} with the gateway's webhook secret. The body is streamed into the import and the
 * signature checked after its last byte, before anything is merged, so a wrongly signed, unreadable or
 * unknown-currency file stores nothing and gets a 4xx with the reason; the same file again answers
 * 200 with {@code "alreadyImported": true}. See docs/cost.md.
 */
@RestController
@RequestMapping("/callbacks/reports/sms")
public record GatewayReportController(GatewayReportRepository reports, TranslationProvider texts, Clock clock) {

    private static final MediaType PLAIN_UTF8 = MediaType.parseMediaType("text/plain;charset=UTF-8");
    private static final Logger log = LoggerFactory.getLogger(GatewayReportController.class);

    @PostMapping("/{accountId}/{gatewayId}")
    public ResponseEntity<String> receive(
            @PathVariable String accountId, @PathVariable String gatewayId, HttpServletRequest request)
            throws IOException {
        long account = id(accountId);
        long gateway = id(gatewayId);
        var secret = Tenant.call(account, () -> reports.gatewaySecret(account, gateway))
                .orElseThrow(() -> new InvalidReportException(404, "reconciliation.error.gateway"));
        var signature = request.getHeader("X-Signature-256");
        if (signature == null || signature.isBlank()) {
            throw new InvalidReportException(403, "reconciliation.error.signature");
        }
        var body = new SignedBody(request.getInputStream(), secret);
        GatewayReportRepository.ImportResult result;
        try {
            result = Tenant.call(
                    account,
                    () -> reports.importTwilio(
                            account, gateway, null, "endpoint", body, OffsetDateTime.now(clock), () -> {
                                if (!Signatures.matches(body.signature(), signature)) {
                                    throw new InvalidReportException(403, "reconciliation.error.signature");
                                }
                            }));
        } catch (InvalidReportException e) {
            // A file refused before its end: only a signed sender learns why.
            if (e.status() != 403 && !body.signedAfterRest(signature)) {
                throw new InvalidReportException(403, "reconciliation.error.signature");
            }
            throw e;
        }
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_JSON)
                .body(
                        "{\"rows\":%d,\"skipped\":%d,\"added\":%d,\"changed\":%d,\"unchanged\":%d,\"alreadyImported\":%s}\n"
                                .formatted(
                                        result.read(),
                                        result.skipped(),
                                        result.added(),
                                        result.changed(),
                                        result.duplicate() ? 0 : result.unchanged(),
                                        result.duplicate()));
    }

    /** Another method on the report URL. */
    @RequestMapping("/{accountId}/{gatewayId}")
    public ResponseEntity<String> postOnly() {
        return ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED)
                .header("Allow", "POST")
                .contentType(PLAIN_UTF8)
                .body("method not allowed\n");
    }

    @ExceptionHandler(InvalidReportException.class)
    ResponseEntity<String> refused(InvalidReportException e) {
        return ResponseEntity.status(e.status())
                .contentType(PLAIN_UTF8)
                .body(texts.getTranslation(e.key(), TranslationProvider.ENGLISH, e.arguments()) + "\n");
    }

    /** The database did not commit (or failed): nothing is stored, the gateway retries. */
    @ExceptionHandler(RuntimeException.class)
    ResponseEntity<String> failed(RuntimeException e) {
        log.warn("Gateway report not stored", e);
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .contentType(PLAIN_UTF8)
                .body("not stored, retry later\n");
    }

    private static long id(String value) {
        if (value.isEmpty() || value.length() > 18 || !value.chars().allMatch(Character::isDigit)) {
            throw new InvalidReportException(404, "reconciliation.error.gateway");
        }
        return Long.parseLong(value);
    }

    /** The request body as read, with the HMAC-SHA256 of every byte that went through. */
    private static final class SignedBody extends FilterInputStream {

        private final Mac mac;
        private @Nullable String computed;

        SignedBody(InputStream in, String secret) {
            super(in);
            try {
                mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 is not available", e);
            }
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                mac.update((byte) b);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                mac.update(buffer, offset, n);
            }
            return n;
        }

        /** Whether the signature matches once the rest of the body is read (a file refused before its end). */
        boolean signedAfterRest(String given) {
            if (computed == null) {
                try {
                    var rest = new byte[8_192];
                    while (read(rest, 0, rest.length) >= 0) {
                        // only the HMAC of the bytes counts
                    }
                } catch (IOException e) {
                    return false;
                }
            }
            return Signatures.matches(signature(), given);
        }

        /** Meta's form, which the order webhook also uses: {@code sha256=} and the hex HMAC. */
        String signature() {
            if (computed == null) {
                computed = "sha256=" + HexFormat.of().formatHex(mac.doFinal());
            }
            return computed;
        }
    }
}
