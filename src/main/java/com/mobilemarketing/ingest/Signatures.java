package com.mobilemarketing.ingest;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/** The providers' request signatures, computed and compared in constant time. */
public final class Signatures {

    /**
     * One instance per thread and algorithm: looking up the provider for every callback cost more
     * than the HMAC itself. A Mac is not thread-safe, a thread uses it for one call at a time.
     */
    private static final ThreadLocal<Mac> HMAC_SHA256 = ThreadLocal.withInitial(() -> newMac("HmacSHA256"));

    private static final ThreadLocal<Mac> HMAC_SHA1 = ThreadLocal.withInitial(() -> newMac("HmacSHA1"));

    private Signatures() {}

    /**
     * Twilio: Base64(HMAC-SHA1(secret, full URL + every POST parameter sorted by name, name and value
     * concatenated)).
     */
    public static String twilio(String secret, String url, Map<String, List<String>> params) {
        var data = new StringBuilder(url);
        for (var entry : new TreeMap<>(params).entrySet()) {
            for (var value : entry.getValue().stream().sorted().toList()) {
                data.append(entry.getKey()).append(value);
            }
        }
        return Base64.getEncoder()
                .encodeToString(hmac("HmacSHA1", secret, data.toString().getBytes(StandardCharsets.UTF_8)));
    }

    /** Meta (WhatsApp Cloud API): {@code sha256=} + hex HMAC-SHA256 of the raw body. */
    public static String meta(String secret, byte[] body) {
        return "sha256=" + HexFormat.of().formatHex(hmac("HmacSHA256", secret, body));
    }

    /** Viber: hex HMAC-SHA256 of the raw body. */
    public static String viber(String secret, byte[] body) {
        return HexFormat.of().formatHex(hmac("HmacSHA256", secret, body));
    }

    /** Constant-time comparison, so a forger learns nothing from answer times. */
    public static boolean matches(String expected, @Nullable String given) {
        if (given == null) {
            return false;
        }
        return MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.UTF_8), given.trim().getBytes(StandardCharsets.UTF_8));
    }

    static byte[] hmac(String algorithm, String secret, byte[] data) {
        var mac = switch (algorithm) {
            case "HmacSHA256" -> HMAC_SHA256.get();
            case "HmacSHA1" -> HMAC_SHA1.get();
            default -> newMac(algorithm);
        };
        try {
            // init resets the instance, so whatever it computed before does not leak into this result.
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), algorithm));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " is not available", e);
        }
    }

    private static Mac newMac(String algorithm) {
        try {
            return Mac.getInstance(algorithm);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " is not available", e);
        }
    }
}
