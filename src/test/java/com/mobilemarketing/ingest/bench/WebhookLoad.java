package com.mobilemarketing.ingest.bench;

import com.mobilemarketing.ingest.Signatures;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
 */
final class WebhookLoad {

    /** What one side did: items answered 2xx, requests refused or failed (then retried), answer times. */
    record Result(long itemsAnswered, long failures, long[] sortedAnswerNanos, double seconds) {}

    /** The next request of a sender thread, with its own random source. */
    @FunctionalInterface
    interface Requests {
        HttpRequest next(SplittableRandom random);
    }

    private final String name;
    private final Requests requests;
    private final int itemsPerSecond;
    private final int itemsPerRequest;
    private final int threads;
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final AtomicLong answered = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final List<Long> answerNanos = new ArrayList<>();
    private final List<Thread> senders = new ArrayList<>();
    private volatile boolean running;
    private long started;
    private long stopped;

    private WebhookLoad(String name, Requests requests, int itemsPerSecond, int itemsPerRequest, int threads) {
        this.name = name;
        this.requests = requests;
        this.itemsPerSecond = itemsPerSecond;
        this.itemsPerRequest = itemsPerRequest;
        this.threads = threads;
    }

    /** Signed batches of new orders ({@code BENCH-<n>}, placed within the last hour) of random contacts. */
    static WebhookLoad orders(
            String url, String secret, long firstContact, long contacts, int ordersPerSecond, int batch, int threads) {
        var nextOrder = new AtomicLong();
        Requests requests = random -> {
            var body = orderBatch(random, nextOrder, firstContact, contacts, batch);
            return HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .header("X-Signature-256", Signatures.meta(secret, body.getBytes(StandardCharsets.UTF_8)))
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build();
        };
        return new WebhookLoad("order", requests, ordersPerSecond, batch, threads);
    }

    /**
     * SMS replies "STOP" from random phone numbers of the account, one per request as Twilio sends
     * them, each with a new {@code MessageSid} ({@code SMBENCH-<n>}), signed like Twilio.
     */
    static WebhookLoad smsStops(String url, String secret, List<String> phones, int repliesPerSecond, int threads) {
        var nextReply = new AtomicLong();
        Requests requests = random -> {
            var params = new TreeMap<String, List<String>>();
            params.put("MessageSid", List.of("SMBENCH-" + nextReply.incrementAndGet()));
            params.put("From", List.of(phones.get(random.nextInt(phones.size()))));
            params.put("To", List.of("+48500000000"));
            params.put("Body", List.of("STOP"));
            var form = new StringBuilder();
            params.forEach((key, values) -> form.append(form.isEmpty() ? "" : "&")
                    .append(key)
                    .append('=')
                    .append(URLEncoder.encode(values.getFirst(), StandardCharsets.UTF_8)));
            return HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("X-Twilio-Signature", Signatures.twilio(secret, url, params))
                    .POST(HttpRequest.BodyPublishers.ofString(form.toString()))
                    .build();
        };
        return new WebhookLoad("opt-out", requests, repliesPerSecond, 1, threads);
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
                    var response = client.send(request, HttpResponse.BodyHandlers.discarding());
                    if (response.statusCode() / 100 == 2) {
                        synchronized (answerNanos) {
                            answerNanos.add(System.nanoTime() - sent);
                        }
                        answered.addAndGet(itemsPerRequest);
                        break;
                    }
                } catch (java.io.IOException e) {
                    // The app is restarting or overloaded: retry.
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                failures.incrementAndGet();
                sleep(200);
            }
        }
    }

    private static String orderBatch(
            SplittableRandom random, AtomicLong nextOrder, long firstContact, long contacts, int batch) {
        var placed = Instant.now().minusSeconds(random.nextInt(3600));
        var orders = new StringBuilder("[");
        for (int i = 0; i < batch; i++) {
            if (i > 0) {
                orders.append(',');
            }
            orders.append("{\"orderId\":\"BENCH-")
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
