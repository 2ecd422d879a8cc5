package com.mobilemarketing.ingest.bench;

import com.mobilemarketing.ingest.Signatures;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The shop's side of the load benchmark: signed batches of new orders of the demo's first account,
 * posted at a steady rate alongside the provider callbacks, each retried until it is answered 2xx
 * like a shop would. The credit of an order is committed with its 2xx, so the answer time is also
 * the attribution lag.
 */
final class OrderLoad {

    /** What the orders side did: orders answered 2xx, requests refused or failed (then retried), answer times. */
    record Result(long ordersAnswered, long failures, long[] sortedAnswerNanos, double seconds) {}

    private final String url;
    private final String secret;
    private final long firstContact;
    private final long contacts;
    private final int ordersPerSecond;
    private final int batch;
    private final int threads;
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final AtomicLong nextOrder = new AtomicLong();
    private final AtomicLong answered = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final List<Long> answerNanos = new ArrayList<>();
    private final List<Thread> senders = new ArrayList<>();
    private volatile boolean running;
    private long started;
    private long stopped;

    OrderLoad(
            String url, String secret, long firstContact, long contacts, int ordersPerSecond, int batch, int threads) {
        this.url = url;
        this.secret = secret;
        this.firstContact = firstContact;
        this.contacts = contacts;
        this.ordersPerSecond = ordersPerSecond;
        this.batch = batch;
        this.threads = threads;
    }

    void start() {
        running = true;
        started = System.nanoTime();
        // Each sender keeps its share of the rate: one batch every threads * batch / rate seconds.
        long periodNanos = (long) (1e9 * threads * batch / ordersPerSecond);
        for (int t = 0; t < threads; t++) {
            int seed = t;
            var thread =
                    Thread.ofPlatform().name("order-load-" + t).daemon(true).start(() -> send(seed, periodNanos));
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
            var body = body(random);
            var request = HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .header("X-Signature-256", Signatures.meta(secret, body.getBytes(StandardCharsets.UTF_8)))
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build();
            // Retried until answered 2xx, as a shop retries its webhook; a repeat is harmless.
            while (true) {
                long sent = System.nanoTime();
                try {
                    var response = client.send(request, HttpResponse.BodyHandlers.discarding());
                    if (response.statusCode() / 100 == 2) {
                        synchronized (answerNanos) {
                            answerNanos.add(System.nanoTime() - sent);
                        }
                        answered.addAndGet(batch);
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

    private String body(SplittableRandom random) {
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
