package com.mobilemarketing.ingest;

import com.mobilemarketing.core.DemoMode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Stateless, unforgeable click tokens: one per recipient and link, so nothing is stored per token.
 * A token is base64url(varint account, message, contact, link number) followed by the first
 * {@value #MAC_BYTES} bytes of HMAC-SHA256 over them with the app's link secret. The sending side
 * rewrites every registered link of a message with {@link #rewrite} before handing the text to
 * the provider.
 */
@Component
public class LinkTokens {

    /** Who clicked which link of which message. */
    public record Target(long accountId, long messageId, long contactId, int linkNo) {}

    static final int MAC_BYTES = 10;
    private static final Logger log = LoggerFactory.getLogger(LinkTokens.class);

    private final String secret;
    private final String baseUrl;

    @Autowired
    public LinkTokens(IngestProperties properties, DemoMode demoMode) {
        this(properties.linkSecret(), properties.linkBaseUrl(), demoMode);
    }

    LinkTokens(String secret, String baseUrl, DemoMode demoMode) {
        if (secret.length() < 16) {
            throw new IllegalArgumentException("app.ingest.link-secret must have at least 16 characters");
        }
        if (secret.equals(IngestProperties.DEV_LINK_SECRET)) {
            // Anyone who knows the built-in secret could forge clicks: only a demo may use it.
            if (!demoMode.isOn()) {
                throw new IllegalStateException("app.ingest.link-secret is the built-in development secret and the demo"
                        + " is off: set LINK_TOKEN_SECRET (or app.ingest.link-secret) to a secret of your own");
            }
            log.warn("Click links are signed with the development secret: set app.ingest.link-secret in production");
        }
        this.secret = secret;
        this.baseUrl = baseUrl;
    }

    public String token(Target target) {
        var out = new ByteArrayOutputStream(24);
        varint(out, target.accountId());
        varint(out, target.messageId());
        varint(out, target.contactId());
        varint(out, target.linkNo());
        var payload = out.toByteArray();
        var mac = Arrays.copyOf(Signatures.hmac("HmacSHA256", secret, payload), MAC_BYTES);
        var token = Arrays.copyOf(payload, payload.length + MAC_BYTES);
        System.arraycopy(mac, 0, token, payload.length, MAC_BYTES);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(token);
    }

    /** The tracked short link of one recipient for one link of a message. */
    public String link(Target target) {
        return baseUrl + "/r/" + token(target);
    }

    /**
     * Replaces every registered link (link number to URL, as in message_link) in a message text with
     * the recipient's tracked link; the longest URLs first, so a URL that prefixes another stays intact.
     */
    public String rewrite(String content, long accountId, long messageId, long contactId, Map<Integer, String> links) {
        var result = content;
        var byLength = links.entrySet().stream()
                .sorted((a, b) ->
                        Integer.compare(b.getValue().length(), a.getValue().length()))
                .toList();
        for (var link : byLength) {
            result = result.replace(link.getValue(), link(new Target(accountId, messageId, contactId, link.getKey())));
        }
        return result;
    }

    /** The target of a genuine token; empty for anything malformed or forged. */
    public Optional<Target> parse(String token) {
        if (token.length() > 80) {
            return Optional.empty();
        }
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(token.getBytes(StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (raw.length <= MAC_BYTES + 3) {
            return Optional.empty();
        }
        var payload = Arrays.copyOf(raw, raw.length - MAC_BYTES);
        var mac = Arrays.copyOfRange(raw, raw.length - MAC_BYTES, raw.length);
        var expected = Arrays.copyOf(Signatures.hmac("HmacSHA256", secret, payload), MAC_BYTES);
        if (!MessageDigest.isEqual(expected, mac)) {
            return Optional.empty();
        }
        var values = new long[4];
        int pos = 0;
        for (int i = 0; i < 4; i++) {
            long value = 0;
            int shift = 0;
            while (true) {
                if (pos >= payload.length || shift > 56) {
                    return Optional.empty();
                }
                int b = payload[pos++] & 0xff;
                value |= (long) (b & 0x7f) << shift;
                shift += 7;
                if ((b & 0x80) == 0) {
                    break;
                }
            }
            values[i] = value;
        }
        if (pos != payload.length || values[3] > Short.MAX_VALUE) {
            return Optional.empty();
        }
        return Optional.of(new Target(values[0], values[1], values[2], (int) values[3]));
    }

    private static void varint(ByteArrayOutputStream out, long value) {
        if (value < 0) {
            throw new IllegalArgumentException("negative id");
        }
        while (value >= 0x80) {
            out.write((int) (value & 0x7f) | 0x80);
            value >>>= 7;
        }
        out.write((int) value);
    }
}
