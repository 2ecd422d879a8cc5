package com.mobilemarketing.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.mobilemarketing.bench.CpuClock;
import com.mobilemarketing.bench.OldGenProbe;
import com.mobilemarketing.core.columns.MessageColumn;
import com.mobilemarketing.core.db.EmbeddedDatabase;
import com.mobilemarketing.core.db.Tenant;
import com.mobilemarketing.core.security.AppUser;
import com.mobilemarketing.core.time.DateRange;
import com.mobilemarketing.db.enums.ExportState;
import com.mobilemarketing.db.enums.MessageType;
import com.mobilemarketing.ingest.bench.Statements;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * A benchmark, not a timed test: exports N synthetic messages (all columns) as CSV and XLSX and
 * prints rows per second, rows per CPU second (this JVM and the PostgreSQL server together, read
 * from /proc, which a busy neighbour does not change) and the heap growth while the export ran. Run it with
 * {@code ./mvnw verify -Dtest=ExportThroughputBenchmark -Dexport.benchmark.rows=1000000}
 * (optionally {@code -Dexport.benchmark.formats=CSV}; {@code -Dexport.benchmark.warmup=} rows exported
 * first, unmeasured, so the JIT has compiled the export's code: default 50 000; with {@code -Dexport.benchmark.statements=true}
 * the database loads pg_stat_statements and the run prints what it spent per exported row). Give its
 * JVM a fixed heap, {@code -DargLine="-Xms1g -Xmx1g"}, as a server's is: otherwise the collection
 * before each pass (for the heap growth) shrinks the heap, and G1's marking of the smaller heap during
 * the export counts as the export's CPU (a quarter of the JVM's figure in a warm pass).
 */
@EnabledIfSystemProperty(named = "export.benchmark.rows", matches = "\\d+")
class ExportThroughputBenchmark extends ExportTestSupport {

    private static final boolean STATEMENTS = Boolean.getBoolean("export.benchmark.statements");
    private static final LocalDate MEASURED = LocalDate.of(2019, 6, 15);
    private static final LocalDate WARM_UP = LocalDate.of(2019, 6, 14);

    /** The first caller of the shared embedded database sets its server settings: before the app context. */
    @BeforeAll
    static void loadStatementStatistics() {
        if (STATEMENTS) {
            EmbeddedDatabase.ephemeral(false, Statements.SERVER_CONFIG);
        }
    }

    @Test
    void exportsManyRowsFastWithFlatMemory() throws Exception {
        var rows = Long.parseLong(System.getProperty("export.benchmark.rows"));
        var warmUpRows = Long.getLong("export.benchmark.warmup", Math.min(rows, 50_000));
        var heap = java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        if (heap.getInit() != heap.getMax()) {
            System.out.printf(
                    "EXPORT BENCHMARK note: the heap is not fixed (%d MB at start, up to %d MB); give -DargLine=\"-Xms1g -Xmx1g\" "
                            + "or the JVM's figure includes G1 marking a heap the benchmark's collections shrank%n",
                    heap.getInit() >> 20, heap.getMax() >> 20);
        }
        var folder = folder(FLORA, 1, "Benchmark");
        insertMessages(MEASURED, rows);
        insertMessages(WARM_UP, warmUpRows);
        settle();
        if (STATEMENTS) {
            explain();
        }
        try {
            for (var format :
                    System.getProperty("export.benchmark.formats", "CSV,XLSX").split(",")) {
                // A JVM that has not compiled the export's code yet would charge the JIT to the rows.
                if (warmUpRows > 0) {
                    measure(folder, ExportFormat.valueOf(format.strip()), WARM_UP, warmUpRows, "warm-up");
                }
                measure(folder, ExportFormat.valueOf(format.strip()), MEASURED, rows, "measured");
            }
        } finally {
            asAllAccounts(
                    () -> db.execute(
                            "delete from message where account_id = 1 and type = 'TEST' and sent_at >= '2019-06-14' and sent_at < '2019-06-16'"));
        }
    }

    /** {@code rows} test messages sent around noon of {@code day}, each with counters. */
    private void insertMessages(LocalDate day, long rows) {
        asAllAccounts(() -> {
            db.execute("""
                    insert into message (account_id, name, content, channel, gateway_id, type, state, owner_id, sent_at)
                    select 1, 'Kampania testowa nr ' || g || ' — Łódź', 'x', 'SMS', 1, 'TEST', 'SENT', 1 + g % 3,
                           (?::date + time '12:00') at time zone 'Europe/Warsaw' - make_interval(secs => g % 3600)
                    from generate_series(1, ?) g
                    """, day, rows);
            db.execute("""
                    insert into message_stats (account_id, message_id, recipients, sent, delivered, opened, clicked, failed)
                    select account_id, id, 100, 100, 90, 0, 7, 3 from message
                    where account_id = 1 and type = 'TEST'
                      and sent_at >= (?::date + time '09:00') at time zone 'Europe/Warsaw'
                      and sent_at < (?::date + time '13:00') at time zone 'Europe/Warsaw'
                    on conflict do nothing
                    """, day, day);
            return null;
        });
    }

    /** The plans of the export's two statements (as the account's user, row-level security on). */
    private void explain() {
        var range = "m.list_time >= timestamptz '2019-06-14 22:00Z' and m.list_time < timestamptz '2019-06-15 22:00Z'";
        for (var sql : List.of(
                "select count(*) from message m where m.account_id = 1 and m.type = 'TEST' and " + range,
                "select m.id, m.name, m.sent_at, s.sent, s.delivered, r.orders, c.cost_micros, o.opt_outs from message m"
                        + " left join message_stats s on s.account_id = m.account_id and s.message_id = m.id"
                        + " left join message_revenue r on r.account_id = m.account_id and r.message_id = m.id"
                        + " left join message_cost c on c.account_id = m.account_id and c.message_id = m.id"
                        + " left join message_opt_out o on o.account_id = m.account_id and o.message_id = m.id"
                        + " where m.account_id = 1 and m.type = 'TEST' and " + range
                        + " order by m.list_time desc, m.id desc")) {
            System.out.println("EXPLAIN " + sql);
            Tenant.call(FLORA, () -> db.fetch("explain (analyze, buffers) " + sql))
                    .forEach(r -> System.out.println("  " + r.get(0)));
        }
    }

    /**
     * Vacuums and analyzes what was just inserted, as a database in use would have it: otherwise
     * autovacuum works through the new rows during the measurement and its CPU counts as the export's.
     */
    private static void settle() throws SQLException {
        var database = EmbeddedDatabase.ephemeral(false);
        try (var connection = DriverManager.getConnection(
                        database.jdbcUrl(), EmbeddedDatabase.SUPERUSER, database.superuserPassword());
                var statement = connection.createStatement()) {
            statement.execute("vacuum (analyze) message, message_stats");
        }
    }

    private void measure(long folder, ExportFormat format, LocalDate day, long rows, String run) throws Exception {
        var heap = OldGenProbe.start();
        var database = EmbeddedDatabase.ephemeral(false);
        var cpu = CpuClock.ofServer(database.jdbcUrl(), EmbeddedDatabase.SUPERUSER, database.superuserPassword());
        var statements = STATEMENTS ? Statements.reset(database.jdbcUrl(), database) : null;
        var processesBefore = cpu.databaseSecondsByProcess();
        var cpuStart = cpu.seconds();
        var databaseStart = cpu.databaseSeconds();
        var anna = new AppUser(1, FLORA, "anna", "Anna Kowalska", AppUser.Role.MARKETER, "pl", AppUser.PLATFORM_ZONE);
        var started = System.nanoTime();
        var job = Tenant.call(
                FLORA,
                () -> service.startExport(
                        anna,
                        new ExportService.ExportRequest(
                                folder,
                                MessageType.TEST,
                                new DateRange(day, day),
                                false,
                                format,
                                MessageColumn.ALL,
                                Locale.of("pl")),
                        "benchmark." + format.extension()));
        // Every 250 ms: the tests' 20 ms poll cost this JVM about 0.2 CPU s in a 4 s export, counted as the export's.
        var status = awaitJob(FLORA, job, java.time.Duration.ofMinutes(30), java.time.Duration.ofMillis(250));
        var seconds = (System.nanoTime() - started) / 1e9;
        var cpuSeconds = cpu.seconds() - cpuStart;
        var databaseSeconds = cpu.databaseSeconds() - databaseStart;
        var growth = heap.stop();
        assertThat(status.state()).isEqualTo(ExportState.DONE);
        assertThat(status.rowsDone()).isEqualTo(rows);
        var size = java.nio.file.Files.size(fileOfJob(FLORA, job));
        System.out.printf(
                Locale.ROOT,
                "EXPORT BENCHMARK %s %s: %d rows in %.1f s = %.0f rows/s, %.0f rows per CPU second (%.1f CPU s: JVM %.1f + PostgreSQL %.1f), "
                        + "file %.1f MB, old-gen peak growth %.1f MB, after GC %.1f MB%n",
                format,
                run,
                rows,
                seconds,
                rows / seconds,
                cpu.seesDatabase() ? rows / cpuSeconds : Double.NaN,
                cpuSeconds,
                cpuSeconds - databaseSeconds,
                databaseSeconds,
                size / 1e6,
                growth.peakBytes() / 1e6,
                growth.afterGcBytes() / 1e6);
        if (statements != null) {
            statements.print(rows, "row");
            System.out.println("PostgreSQL processes by CPU seconds in the export:");
            cpu.databaseSecondsByProcess().entrySet().stream()
                    .map(e -> Map.entry(e.getKey(), e.getValue() - processesBefore.getOrDefault(e.getKey(), 0.0)))
                    .filter(e -> e.getValue() > 0)
                    .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                    .limit(8)
                    .forEach(e -> System.out.printf(Locale.ROOT, "%8.2f  %s%n", e.getValue(), e.getKey()));
        }
    }
}
