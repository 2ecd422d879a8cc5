package com.mobilemarketing.ingest.bench;

import com.mobilemarketing.Application;
import com.mobilemarketing.core.db.Tenant;
import com.mobilemarketing.ingest.Signatures;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jooq.DSLContext;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Load benchmark of the callback path (not a test): starts the app on 127.0.0.1 with a throw-away
 * embedded database and the small demo data, creates WhatsApp messages with recipients, then posts
 * signed WhatsApp status callbacks (sent, delivered, read per recipient, every one unique) at a
 * target rate from a fixed number of threads for a fixed time, and stops by itself. It prints the
 * sustained callbacks/s, the p95 answer time, the rollup lag p95 (2xx answer to counters showing it)
 * and checks that no accepted callback was lost or counted twice.
 *
 * <p>Arguments (all optional): seconds (60), target rate per second (5000), threads (32).
 * See docs/ingest.md for the command.
 */
public final class IngestLoadBenchmark {

    private static final long ACCOUNT = 1;
    private static final String SECRET = "demo-secret-whatsapp-1";
    private static final String[] STATUSES = {"sent", "delivered", "read"};
    private static final long FIRST_MESSAGE = 800_000_000L;

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 5000;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 32;
        long planned = (long) seconds * rate;
        long recipientsNeeded = planned / 3 + 1;

        System.out.printf("Starting the app (embedded database, small demo data) ...%n");
        ConfigurableApplicationContext app = SpringApplication.run(
                Application.class,
                "--server.port=0",
                "--server.address=127.0.0.1",
                "--app.embedded-db.ephemeral=true",
                "--app.demo.enabled=true",
                "--app.demo.size=small",
                "--logging.level.root=warn",
                "--server.tomcat.threads.max=" + Math.max(threads + 8, 50),
                "--vaadin.launch-browser=false");
        try {
            int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
            var db = app.getBean(DSLContext.class);
            int messages = prepare(db, recipientsNeeded);
            var url = URI.create("http://127.0.0.1:" + port + "/callbacks/whatsapp/" + ACCOUNT);
            System.out.printf(
                    "Posting signed WhatsApp callbacks to %s: %d s at %d/s with %d threads (%d messages)%n",
                    url, seconds, rate, threads, messages);
            run(db, url, seconds, rate, threads);
        } finally {
            app.close();
        }
        System.exit(0);
    }

    /** WhatsApp messages of Flora with every contact as recipient, provider ids B<message>-<contact>. */
    private static int prepare(DSLContext db, long recipientsNeeded) {
        return Tenant.allAccounts(() -> {
            long contacts = db.fetchSingle("select count(*) from contact where account_id = ?", ACCOUNT)
                    .get(0, Long.class);
            int messages = (int) ((recipientsNeeded + contacts - 1) / contacts);
            for (int i = 0; i < messages; i++) {
                long id = FIRST_MESSAGE + i;
                db.execute(
                        "insert into message (account_id, id, name, content, channel, type, state, owner_id, audience_size, sent_at) "
                                + "values (?, ?, 'Benchmark ' || ?, 'Benchmark', 'WHATSAPP', 'BULK', 'SENT', 1, ?, now() - interval '1 minute')",
                        ACCOUNT,
                        id,
                        i,
                        contacts);
                db.execute(
                        "insert into message_recipient (account_id, message_id, contact_id, provider_message_id, sent_at) "
                                + "select account_id, ?, id, 'B' || ? || '-' || id, now() - interval '1 minute' from contact where account_id = ?",
                        id,
                        id,
                        ACCOUNT);
            }
            return messages;
        });
    }

    private static void run(DSLContext db, URI url, int seconds, int rate, int threads) throws Exception {
        var recipients = Tenant.allAccounts(() -> db.fetch(
                        "select provider_message_id from message_recipient where account_id = ? and message_id >= ? "
                                + "order by message_id, contact_id",
                        ACCOUNT,
                        FIRST_MESSAGE)
                .getValues(0, String.class));
        var http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        var sequence = new AtomicLong();
        var accepted = new AtomicLong();
        var refused = new AtomicLong();
        var errors = new AtomicLong();
        long total = (long) seconds * rate;
        long start = System.nanoTime() + 200_000_000L;
        long end = start + seconds * 1_000_000_000L;
        var latencies = new long[threads][];
        // Probes: every 1500th callback, its 2xx time; the lag sampler finds when the recipient shows it.
        Map<String, long[]> probes = new ConcurrentHashMap<>();
        var workers = new ArrayList<Thread>();
        for (int t = 0; t < threads; t++) {
            int index = t;
            latencies[t] = new long[(int) (total / threads + rate)];
            workers.add(Thread.ofPlatform().name("load-" + t).start(() -> {
                int n = 0;
                while (true) {
                    long i = sequence.getAndIncrement();
                    long due = start + i * 1_000_000_000L / rate;
                    // Bounded by the plan and by the clock: behind schedule, it still stops at the end.
                    if (i >= total || due >= end || System.nanoTime() >= end) {
                        break;
                    }
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        java.util.concurrent.locks.LockSupport.parkNanos(wait);
                    }
                    var providerId = recipients.get((int) (i / 3));
                    var status = STATUSES[(int) (i % 3)];
                    var body = ("{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"bench\",\"changes\":[{"
                                    + "\"field\":\"messages\",\"value\":{\"messaging_product\":\"whatsapp\",\"statuses\":[{\"id\":\"%s\","
                                    + "\"status\":\"%s\",\"timestamp\":\"%d\",\"recipient_id\":\"48600000000\"}]}}]}]}")
                            .formatted(providerId, status, System.currentTimeMillis() / 1000)
                            .getBytes(StandardCharsets.UTF_8);
                    var request = HttpRequest.newBuilder(url)
                            .header("Content-Type", "application/json")
                            .header("X-Hub-Signature-256", Signatures.meta(SECRET, body))
                            .timeout(Duration.ofSeconds(30))
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                            .build();
                    long sent = System.nanoTime();
                    try {
                        var response = http.send(request, HttpResponse.BodyHandlers.discarding());
                        long answered = System.nanoTime();
                        if (response.statusCode() == 200) {
                            accepted.incrementAndGet();
                            if (n < latencies[index].length) {
                                latencies[index][n++] = answered - sent;
                            }
                            if (i % 1500 == 1) { // a "delivered" event (i % 3 == 1)
                                probes.put(providerId, new long[] {answered, 0});
                            }
                        } else {
                            refused.incrementAndGet();
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                }
                latencies[index] = Arrays.copyOf(latencies[index], n);
            }));
        }
        // Rollup lag sampler: the recipient's delivered_at appears in the same transaction as the counters.
        var sampler = Thread.ofPlatform().name("lag-sampler").start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                var open = probes.entrySet().stream()
                        .filter(e -> e.getValue()[1] == 0)
                        .map(Map.Entry::getKey)
                        .toList();
                if (!open.isEmpty()) {
                    var seen = Tenant.allAccounts(() -> db.fetch(
                                    "select provider_message_id from message_recipient where account_id = ? "
                                            + "and provider_message_id = any(?) and delivered_at is not null",
                                    ACCOUNT,
                                    open.toArray(String[]::new))
                            .getValues(0, String.class));
                    long now = System.nanoTime();
                    seen.forEach(id -> probes.get(id)[1] = now);
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        for (var worker : workers) {
            worker.join();
        }
        long elapsed = System.nanoTime() - start;
        // Let the fold drain, then compare.
        long drainStart = System.nanoTime();
        long lastReport = 0;
        for (long left; (left = pending(db)) > 0 && System.nanoTime() - drainStart < 120_000_000_000L; ) {
            if (System.nanoTime() - lastReport > 10_000_000_000L) {
                System.out.printf("draining: %d events still to fold%n", left);
                lastReport = System.nanoTime();
            }
            Thread.sleep(200);
        }
        Thread.sleep(500);
        sampler.interrupt();
        sampler.join();

        var all =
                Arrays.stream(latencies).flatMapToLong(Arrays::stream).sorted().toArray();
        var lags = probes.values().stream()
                .filter(p -> p[1] > 0)
                .mapToLong(p -> p[1] - p[0])
                .sorted()
                .toArray();
        long stored = Tenant.allAccounts(() -> db.fetchSingle(
                        "select count(*) from delivery_event where account_id = ? and provider_message_id like 'B%'",
                        ACCOUNT)
                .get(0, Long.class));
        var counters = Tenant.allAccounts(() -> db.fetchSingle(
                """
                select coalesce(sum(s.sent), 0), coalesce(sum(s.delivered), 0), coalesce(sum(s.opened), 0),
                       (select count(*) from message_recipient r where r.account_id = ? and r.message_id >= ? and r.delivered_at is not null),
                       (select count(*) from message_recipient r where r.account_id = ? and r.message_id >= ? and r.opened_at is not null),
                       (select count(*) from (select provider_message_id from delivery_event
                                              where account_id = ? and provider_message_id like 'B%%' and status in ('delivered', 'read')
                                              group by provider_message_id) d),
                       (select count(*) from delivery_event where account_id = ? and provider_message_id like 'B%%' and status = 'read')
                from message_stats s where s.account_id = ? and s.message_id >= ?
                """, ACCOUNT, FIRST_MESSAGE, ACCOUNT, FIRST_MESSAGE, ACCOUNT, ACCOUNT, ACCOUNT, FIRST_MESSAGE));
        long differences = Tenant.allAccounts(() -> db.fetchSingle("""
                select (select count(*) from (select * from stats_daily where account_id = 1 except select * from stats_daily_recount where account_id = 1) a)
                     + (select count(*) from (select * from stats_daily_recount where account_id = 1 except select * from stats_daily where account_id = 1) b)
                     + (select count(*) from (select account_id, message_id, recipients, sent, delivered, opened, clicked, failed
                                              from message_stats where account_id = 1 except select * from message_stats_recount where account_id = 1) c)
                """).get(0, Long.class));

        System.out.printf("%n==== Ingest load benchmark ====%n");
        System.out.printf("duration            %.1f s, threads %d, target %d/s%n", elapsed / 1e9, threads, rate);
        System.out.printf(
                "accepted (2xx)      %d   refused %d   errors %d%n", accepted.get(), refused.get(), errors.get());
        System.out.printf("sustained           %.0f callbacks/s%n", accepted.get() / (elapsed / 1e9));
        System.out.printf(
                "answer time         p50 %.1f ms, p95 %.1f ms, p99 %.1f ms%n",
                pct(all, 50), pct(all, 95), pct(all, 99));
        System.out.printf(
                "rollup lag          p50 %.0f ms, p95 %.0f ms, max %.0f ms (%d probes)%n",
                pct(lags, 50), pct(lags, 95), lags.length == 0 ? 0.0 : lags[lags.length - 1] / 1e6, lags.length);
        System.out.printf(
                "delivery_event rows %d (accepted %d): %s%n",
                stored, accepted.get(), stored == accepted.get() ? "none lost, none extra" : "MISMATCH");
        System.out.printf(
                "recipients delivered %d = counters %d (events with delivered/read for %d recipients); "
                        + "opened %d = counters %d (read events %d)%n",
                counters.get(3, Long.class),
                counters.get(1, Long.class),
                counters.get(5, Long.class),
                counters.get(4, Long.class),
                counters.get(2, Long.class),
                counters.get(6, Long.class));
        boolean countsOk = counters.get(3, Long.class).equals(counters.get(1, Long.class))
                && counters.get(1, Long.class).equals(counters.get(5, Long.class))
                && counters.get(2, Long.class).equals(counters.get(6, Long.class));
        System.out.printf(
                "counters vs recount  %d differences; counts %s%n", differences, countsOk ? "exact" : "WRONG");
        System.out.printf("still unfolded      %d%n", pending(db));
    }

    private static long pending(DSLContext db) {
        return Tenant.allAccounts(() -> db.fetchSingle("select count(*) from delivery_event where folded_at is null")
                .get(0, Long.class));
    }

    private static double pct(long[] sortedNanos, int percentile) {
        if (sortedNanos.length == 0) {
            return 0;
        }
        int index = (int) Math.min(sortedNanos.length - 1, Math.ceil(percentile / 100.0 * sortedNanos.length) - 1);
        return sortedNanos[Math.max(0, index)] / 1e6;
    }

    private IngestLoadBenchmark() {}
}
