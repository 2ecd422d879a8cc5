package com.mobilemarketing.ingest.bench;

import com.mobilemarketing.ingest.Signatures;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Every callback of a run, built and signed before the clock starts so that sending costs the load
 * generator nothing but a socket write; one WhatsApp status per request, as complete HTTP/1.1
 * request bytes.
 *
 * <p>Recipients come in waves of {@code wave} (one second of callbacks at the target rate): first
 * the "sent" of every recipient of the wave, then their "delivered", then their "read". So, as
 * with a real provider, a recipient's statuses arrive about a second apart and land in different
 * fold batches, instead of three in a row that one batch would fold as a single update.
 */
final class CallbackPlan {

    static final String[] STATUSES = {"sent", "delivered", "read"};
    /** The pricing object of a "sent" or "delivered" status with {@code --pricing}. */
    static final String PRICING =
            ",\"pricing\":{\"billable\":true,\"pricing_model\":\"PMP\",\"category\":\"marketing\"}";

    private final List<String> providerIds;
    private final int wave;
    private final byte[][] requests;

    private CallbackPlan(List<String> providerIds, int wave, byte[][] requests) {
        this.providerIds = providerIds;
        this.wave = wave;
        this.requests = requests;
    }

    /** Recipients needed for {@code count} callbacks in waves of {@code wave}. */
    static long recipientsNeeded(long count, int wave) {
        long perWave = 3L * wave;
        return (count + perWave - 1) / perWave * wave;
    }

    /** {@code count} requests to {@code path} on {@code host:port}, signed with {@code secret}. */
    static CallbackPlan build(
            List<String> providerIds, int count, int wave, String host, int port, String path, String secret) {
        return build(providerIds, count, wave, host, port, path, secret, false);
    }

    /**
     * As above; with {@code pricing} the "sent" and "delivered" statuses carry WhatsApp's pricing
     * object (billable, marketing), as the provider's own do, and the fold reprices their recipients.
     */
    static CallbackPlan build(
            List<String> providerIds,
            int count,
            int wave,
            String host,
            int port,
            String path,
            String secret,
            boolean pricing) {
        if (providerIds.size() < recipientsNeeded(count, wave)) {
            throw new IllegalArgumentException("not enough recipients for " + count + " callbacks");
        }
        long timestamp = System.currentTimeMillis() / 1000;
        var head = "POST " + path + " HTTP/1.1\r\nHost: " + host + ":" + port
                + "\r\nContent-Type: application/json\r\nX-Hub-Signature-256: ";
        var requests = new byte[count][];
        var plan = new CallbackPlan(providerIds, wave, requests);
        IntStream.range(0, count).parallel().forEach(i -> {
            var body = ("{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"bench\",\"changes\":[{"
                            + "\"field\":\"messages\",\"value\":{\"messaging_product\":\"whatsapp\",\"statuses\":[{"
                            + "\"id\":\"" + plan.providerId(i) + "\",\"status\":\"" + STATUSES[plan.status(i)]
                            + "\",\"timestamp\":\"" + timestamp + "\",\"recipient_id\":\"48600000000\""
                            + (pricing && plan.status(i) < 2 ? PRICING : "") + "}]}}]}]}")
                    .getBytes(StandardCharsets.UTF_8);
            var header = (head + Signatures.meta(secret, body) + "\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1);
            var request = new byte[header.length + body.length];
            System.arraycopy(header, 0, request, 0, header.length);
            System.arraycopy(body, 0, request, header.length, body.length);
            requests[i] = request;
        });
        return plan;
    }

    int size() {
        return requests.length;
    }

    byte[] request(int i) {
        return requests[i];
    }

    /** The recipient (position in the provider id list) of callback {@code i}. */
    int recipient(int i) {
        return i / (3 * wave) * wave + i % wave;
    }

    /** The status (index into {@link #STATUSES}) of callback {@code i}. */
    int status(int i) {
        return i % (3 * wave) / wave;
    }

    /** The callback of a recipient and status, or -1 when it is not part of the plan. */
    int index(int recipient, int status) {
        long i = (long) recipient / wave * 3 * wave + (long) status * wave + recipient % wave;
        return i < requests.length ? (int) i : -1;
    }

    List<String> providerIds() {
        return providerIds;
    }

    String providerId(int i) {
        return providerIds.get(recipient(i));
    }

    /** About one callback in 1500 is a rollup lag probe: a "delivered" one. */
    boolean isProbe(int i) {
        return status(i) == 1 && recipient(i) % 500 == 0;
    }

    static int statusIndex(String status) {
        for (int s = 0; s < STATUSES.length; s++) {
            if (STATUSES[s].equals(status)) {
                return s;
            }
        }
        return -1;
    }

    long bytes() {
        long total = 0;
        for (var r : requests) {
            total += r.length;
        }
        return total;
    }
}
