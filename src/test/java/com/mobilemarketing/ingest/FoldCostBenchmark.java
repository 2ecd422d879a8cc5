package com.mobilemarketing.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.mobilemarketing.bench.CpuClock;
import com.mobilemarketing.core.db.EmbeddedDatabase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A benchmark, not a timed test: the CPU of PostgreSQL's backends per folded report, read from /proc
 * (which a busy neighbour does not change), for the fold's statements alone: no HTTP, no group commit,
 * the tests' database without a durable WAL. The server's other processes (autovacuum, the
 * checkpointer, the WAL writer) are printed apart. Each round sends one WhatsApp message to N contacts of the tests'
 * account, stores its "sent" reports, folds them, then its "delivered" and its "read" reports, each
 * phase folded in the app's batches and measured on its own, as the reports of a campaign arrive in
 * separate batches. Beside each phase, what storing its reports in the event log cost (in chunks of
 * 2 000, where the group commit writes a few dozen). The "sent" and "delivered" reports carry WhatsApp's pricing object unless
 * {@code -Dfold.benchmark.pricing=false}. The load benchmark's runs spread by ten per cent on a busy
 * machine; this one compares two builds' fold to a few. Run it with {@code ./mvnw verify
 * -Dtest=FoldCostBenchmark -Dsurefire.failIfNoSpecifiedTests=false -DskipITs
 * -Dfold.benchmark.recipients=5000} (at most the account's 6 000 contacts; {@code -Dfold.benchmark.rounds=}
 * 6, the first of which warms the JIT and the caches and is not in the summary).
 */
@EnabledIfSystemProperty(named = "fold.benchmark.recipients", matches = "\\d+")
class FoldCostBenchmark extends IngestTestSupport {

    private static final String[] PHASES = {StatusEvent.SENT, StatusEvent.DELIVERED, "read"};

    @Autowired
    private IngestRepository repository;

    @Test
    void printsPostgresCpuPerFoldedReport() {
        var recipients = Integer.getInteger("fold.benchmark.recipients");
        var rounds = Integer.getInteger("fold.benchmark.rounds", 6);
        var pricing = !"false".equals(System.getProperty("fold.benchmark.pricing"));
        var database = EmbeddedDatabase.ephemeral(false);
        var cpu = CpuClock.ofServer(database.jdbcUrl(), EmbeddedDatabase.SUPERUSER, database.superuserPassword());
        assertThat(cpu.seesDatabase()).isTrue();
        var perPhase = new double[PHASES.length];
        double storing = 0;
        double other = 0;
        // The benchmark folds by itself: the background fold would take part of a phase before it is measured.
        folder.stop();
        try {
            for (int round = 1; round <= rounds; round++) {
                var sentAt = clock.instant().minusSeconds(7_200L * round);
                var message = createMessage("WHATSAPP", recipients, sentAt, true);
                var line = new StringBuilder(String.format(Locale.ROOT, "FOLD BENCHMARK round %d:", round));
                for (int phase = 0; phase < PHASES.length; phase++) {
                    var stored = Seconds.of(cpu);
                    store(reports(
                            message.providerIds(), PHASES[phase], sentAt.plusSeconds(10L * (phase + 1)), pricing));
                    var start = Seconds.of(cpu);
                    var stats = folder.foldPending();
                    var end = Seconds.of(cpu);
                    var micros = (end.backends() - start.backends()) * 1e6 / recipients;
                    var otherMicros = (end.others() - start.others()) * 1e6 / recipients;
                    var storeMicros = (start.backends() - stored.backends()) * 1e6 / recipients;
                    assertThat(stats.folded()).isEqualTo(recipients);
                    line.append(String.format(
                            Locale.ROOT,
                            " %s %.0f µs (other processes %.0f; stored in %.0f)",
                            PHASES[phase],
                            micros,
                            otherMicros,
                            storeMicros));
                    if (round > 1) {
                        perPhase[phase] += micros / (rounds - 1);
                        storing += storeMicros / (rounds - 1) / PHASES.length;
                        other += otherMicros / (rounds - 1) / PHASES.length;
                    }
                }
                System.out.println(line);
            }
        } finally {
            folder.start();
        }
        assertThat(counterDifferences()).isZero();
        System.out.printf(
                Locale.ROOT,
                "FOLD BENCHMARK %d recipients, pricing objects %s, mean of rounds 2-%d: PostgreSQL's backends µs per folded report: "
                        + "sent %.1f, delivered %.1f, read %.1f, all three %.1f; stored (the event log's insert) %.1f; "
                        + "other processes during the folds %.1f%n",
                recipients,
                pricing ? "on" : "off",
                rounds,
                perPhase[0],
                perPhase[1],
                perPhase[2],
                (perPhase[0] + perPhase[1] + perPhase[2]) / 3,
                storing,
                other);
    }

    /**
     * CPU seconds so far of the app's backends (the processes of its role), where the fold's statements
     * run, and of the server's other processes (autovacuum, the checkpointer, the WAL writer), from one
     * reading of /proc: a round those fall into can be told from one where the statements cost more.
     */
    private record Seconds(double backends, double others) {
        static Seconds of(CpuClock cpu) {
            double backends = 0;
            double others = 0;
            for (var process : cpu.databaseSecondsByProcess().entrySet()) {
                if (process.getKey().contains("postgres: " + EmbeddedDatabase.ROLE + " ")) {
                    backends += process.getValue();
                } else {
                    others += process.getValue();
                }
            }
            return new Seconds(backends, others);
        }
    }

    /** One report of {@code status} per recipient; "sent" and "delivered" with a marketing pricing object. */
    private static List<StatusEvent> reports(List<String> providerIds, String status, Instant at, boolean pricing) {
        var priced = pricing && !"read".equals(status);
        var reports = new ArrayList<StatusEvent>(providerIds.size());
        for (var providerId : providerIds) {
            reports.add(new StatusEvent(
                    FLORA,
                    StatusEvent.WHATSAPP,
                    providerId,
                    status,
                    at,
                    null,
                    null,
                    priced ? CallbackParsers.pricingCategory("marketing") : null,
                    priced ? Boolean.TRUE : null));
        }
        return reports;
    }

    private void store(List<StatusEvent> reports) {
        for (int from = 0; from < reports.size(); from += 2_000) {
            var chunk = reports.subList(from, Math.min(reports.size(), from + 2_000));
            asAllAccounts(() -> repository.insertEvents(chunk));
        }
    }
}
