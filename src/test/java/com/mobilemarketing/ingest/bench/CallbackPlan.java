package com.mobilemarketing.ingest.bench;

import com.mobilemarketing.ingest.Signatures;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Every callback of a run, built and signed before the clock starts so that sending costs the load
 * generator nothing but a socket write: callback {@code i} is status {@code STATUSES[i % 3]} of
 * recipient {@code i / 3}, one WhatsApp status per request, as complete HTTP/1.1 request bytes.
 */
final class CallbackPlan {

    static final String[] STATUSES = {"sent", "delivered", "read"};

    private final List<String> providerIds;
    private final byte[][] requests;

    private CallbackPlan(List<String> providerIds, byte[][] requests) {
        this.providerIds = providerIds;
        this.requests = requests;
    }

    /** {@code count} requests to {@code path} on {@code host:port}, signed with {@code secret}. */
    static CallbackPlan build(List<String> providerIds, int count, String host, int port, String path, String secret) {
        if ((long) providerIds.size() * STATUSES.length < count) {
            throw new IllegalArgumentException("not enough recipients for " + count + " callbacks");
        }
        long timestamp = System.currentTimeMillis() / 1000;
        var head = "POST " + path + " HTTP/1.1\r\nHost: " + host + ":" + port
                + "\r\nContent-Type: application/json\r\nX-Hub-Signature-256: ";
        var requests = new byte[count][];
        IntStream.range(0, count).parallel().forEach(i -> {
            var body = ("{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"bench\",\"changes\":[{"
                            + "\"field\":\"messages\",\"value\":{\"messaging_product\":\"whatsapp\",\"statuses\":[{"
                            + "\"id\":\"" + providerIds.get(i / 3) + "\",\"status\":\"" + STATUSES[i % 3]
                            + "\",\"timestamp\":\"" + timestamp + "\",\"recipient_id\":\"48600000000\"}]}}]}]}")
                    .getBytes(StandardCharsets.UTF_8);
            var header = (head + Signatures.meta(secret, body) + "\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1);
            var request = new byte[header.length + body.length];
            System.arraycopy(header, 0, request, 0, header.length);
            System.arraycopy(body, 0, request, header.length, body.length);
            requests[i] = request;
        });
        return new CallbackPlan(providerIds, requests);
    }

    int size() {
        return requests.length;
    }

    byte[] request(int i) {
        return requests[i];
    }

    String providerId(int i) {
        return providerIds.get(i / 3);
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
