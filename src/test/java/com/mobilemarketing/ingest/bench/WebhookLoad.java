package com.mobilemarketing.ingest.bench;

import com.mobilemarketing.ingest.Signatures;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Webhooks posted alongside the provider callbacks at a steady rate of items: the shop's signed
 * batches of new orders, or SMS replies "STOP" through the gateway's signed incoming-message webhook.
 * Each request is retried until it is answered 2xx, as the sender would. An order's credit and an
 * opt-out's credit are committed with the 2xx, so the answer time is also the attribution lag.
 * Each sender thread writes complete requests over its own {@link KeepAliveConnection}: the load
 * generator shares the cores with the app, and {@code java.net.http.HttpClient} cost about 0.75 ms
 * of CPU per request.
 */
final class WebhookLoad {

    /** What one side did: items answered 2xx, requests refused or failed (then retried), answer times. */
    record Result(long itemsAnswered, long failures, long[] sortedAnswerNanos, double seconds) {}

    /** The next request of a sender thread (the whole HTTP/1.1 request), with its own random source. */
    @FunctionalInterface
    interface Requests {
        byte[] next(SplittableRandom random);
    }

    private final String name;
    private final InetSocketAddress address;
    private final Requests requests;
    private final int itemsPerSecond;
    private final int itemsPerRequest;
    private final int threads;
    private final AtomicLong answered = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final List<Long> answerNanos = new ArrayList<>();
    private final List<Thread> senders = new ArrayList<>();
    private volatile boolean running;
    private long started;
    private long stopped;

    private WebhookLoad(
            String name, String url, Requests requests, int itemsPerSecond, int itemsPerRequest, int threads) {
        var uri = URI.create(url);
        this.name = name;
        this.address = new InetSocketAddress(uri.getHost(), uri.getPort());
        this.requests = requests;
        this.itemsPerSecond = itemsPerSecond;
        this.itemsPerRequest = itemsPerRequest;
        this.threads = threads;
    }

    /** Signed batches of new orders ({@code <prefix><n>}, placed within the last hour) of random contacts. */
    static WebhookLoad orders(
            String prefix,
            String url,
            String secret,
            long firstContact,
            long contacts,
            int ordersPerSecond,
            int batch,
            int threads) {
        var nextOrder = new AtomicLong();
        Requests requests = random -> {
            var body = orderBatch(random, prefix, nextOrder, firstContact, contacts, batch)
                    .getBytes(StandardCharsets.UTF_8);
            return post(url, "application/json", "X-Signature-256", Signatures.meta(secret, body), body);
        };
        return new WebhookLoad("order", url, requests, ordersPerSecond, batch, threads);
    }

    /**
     * SMS replies "STOP" from the given phone numbers in turn, one per request as Twilio sends them,
     * each with a new {@code MessageSid} ({@code <prefix><n>}), signed like Twilio.
     */
    static WebhookLoad smsStops(
            String prefix, String url, String secret, List<String> phones, int repliesPerSecond, int threads) {
        var nextReply = new AtomicLong();
        Requests requests = random -> {
            var params = new TreeMap<String, List<String>>();
            long reply = nextReply.incrementAndGet();
            params.put("MessageSid", List.of(prefix + reply));
            // Each number once, in turn, while they last.
            params.put("From", List.of(phones.get((int) ((reply - 1) % phones.size()))));
            params.put("To", List.of("+48500000000"));
            params.put("Body", List.of("STOP"));
            var form = new StringBuilder();
            params.forEach((key, values) -> form.append(form.isEmpty() ? "" : "&")
                    .append(key)
                    .append('=')
                    .append(URLEncoder.encode(values.getFirst(), StandardCharsets.UTF_8)));
            return post(
                    url,
                    "application/x-www-form-urlencoded",
                    "X-Twilio-Signature",
                    Signatures.twilio(secret, url, params),
                    form.toString().getBytes(StandardCharsets.UTF_8));
        };
        return new WebhookLoad("opt-out", url, requests, repliesPerSecond, 1, threads);
    }

    /** A complete HTTP/1.1 POST with its signature header, as the sender would put it on the wire. */
    static byte[] post(String url, String contentType, String signatureHeader, String signature, byte[] body) {
        var uri = URI.create(url);
        var head = ("POST " + uri.getRawPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                        + "\r\nContent-Type: " + contentType + "\r\n" + signatureHeader + ": " + signature
                        + "\r\nContent-Length: " + body.length + "\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        var request = new byte[head.length + body.length];
        System.arraycopy(head, 0, request, 0, head.length);
        System.arraycopy(body, 0, request, head.length, body.length);
        return request;
    }

    void start() {
        running = true;
        started = System.nanoTime();
        // Each sender keeps its share of the rate: one batch every threads * batch / rate seconds.
        long periodNanos = (long) (1e9 * threads * itemsPerRequest / itemsPerSecond);
        for (int t = 0; t < threads; t++) {
            int seed = t;
            var thread =
                    Thread.ofPlatform().name(name + "-load-" + t).daemon(true).start(() -> send(seed, periodNanos));
            senders.add(thread);
        }
    }

    /** Stops sending new batches (those in flight finish); {@link #stop} then waits for them. */
    void pause() {
        if (running) {
            running = false;
            stopped = System.nanoTime();
        }
    }

    Result stop() throws InterruptedException {
        pause();
        for (var thread : senders) {
            thread.join(Duration.ofSeconds(60));
        }
        long[] sorted;
        synchronized (answerNanos) {
            sorted = answerNanos.stream().mapToLong(Long::longValue).sorted().toArray();
        }
        return new Result(answered.get(), failures.get(), sorted, (stopped - started) / 1e9);
    }

    private void send(int seed, long periodNanos) {
        try (var connection = new KeepAliveConnection(address, 30_000)) {
            send(seed, periodNanos, connection);
        }
    }

    private void send(int seed, long periodNanos, KeepAliveConnection connection) {
        var random = new SplittableRandom(seed);
        long next = System.nanoTime() + random.nextLong(periodNanos);
        while (running) {
            long now = System.nanoTime();
            if (now < next) {
                sleep((next - now) / 1_000_000);
                continue;
            }
            next += periodNanos;
            var request = requests.next(random);
            // Retried until answered 2xx, as a shop or a gateway retries its webhook; a repeat is harmless.
            while (true) {
                long sent = System.nanoTime();
                try {
                    if (connection.exchange(request) / 100 == 2) {
                        synchronized (answerNanos) {
                            answerNanos.add(System.nanoTime() - sent);
                        }
                        answered.addAndGet(itemsPerRequest);
                        break;
                    }
                } catch (IOException e) {
                    // The app is restarting or overloaded: retry (the connection reconnects).
                }
                if (Thread.currentThread().isInterrupted()) {
                    return;
                }
                failures.incrementAndGet();
                sleep(200);
            }
        }
    }

    private static String orderBatch(
            SplittableRandom random, String prefix, AtomicLong nextOrder, long firstContact, long contacts, int batch) {
        var placed = Instant.now().minusSeconds(random.nextInt(3600));
        var orders = new StringBuilder("[");
        for (int i = 0; i < batch; i++) {
            if (i > 0) {
                orders.append(',');
            }
            orders.append("{\"orderId\":\"")
                    .append(prefix)
                    .append(nextOrder.incrementAndGet())
                    .append("\",\"status\":\"placed\",\"placedAt\":\"")
                    .append(placed.minusSeconds(i))
                    .append("\",\"value\":")
                    .append(20 + random.nextInt(500))
                    .append(".99,\"currency\":\"PLN\",\"contactId\":")
                    .append(firstContact + random.nextLong(contacts))
                    .append('}');
        }
        return orders.append(']').toString();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(Math.max(1, millis));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
