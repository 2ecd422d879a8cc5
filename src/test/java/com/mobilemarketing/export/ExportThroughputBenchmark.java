package com.mobilemarketing.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.mobilemarketing.bench.CpuClock;
import com.mobilemarketing.core.columns.MessageColumn;
import com.mobilemarketing.core.db.EmbeddedDatabase;
import com.mobilemarketing.core.db.Tenant;
import com.mobilemarketing.core.security.AppUser;
import com.mobilemarketing.core.time.DateRange;
import com.mobilemarketing.db.enums.ExportState;
import com.mobilemarketing.db.enums.MessageType;
import java.lang.management.ManagementFactory;
import java.time.LocalDate;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * A benchmark, not a timed test: exports N synthetic messages (all columns) as CSV and XLSX and
 * prints rows per second, rows per CPU second (this JVM and the PostgreSQL server together, read
 * from /proc, which a busy neighbour does not change) and the heap growth while the export ran. Run it with
 * {@code ./mvnw verify -Dtest=ExportThroughputBenchmark -Dexport.benchmark.rows=1000000}
 * (optionally {@code -Dexport.benchmark.formats=CSV}).
 */
@EnabledIfSystemProperty(named = "export.benchmark.rows", matches = "\\d+")
class ExportThroughputBenchmark extends ExportTestSupport {

    @Test
    void exportsManyRowsFastWithFlatMemory() throws Exception {
        var rows = Long.parseLong(System.getProperty("export.benchmark.rows"));
        var folder = folder(FLORA, 1, "Benchmark");
        asAllAccounts(() -> {
            db.execute("""
                    insert into message (account_id, name, content, channel, gateway_id, type, state, owner_id, sent_at)
                    select 1, 'Kampania testowa nr ' || g || ' — Łódź', 'x', 'SMS', 1, 'TEST', 'SENT', 1 + g % 3,
                           timestamptz '2019-06-15 12:00+02' - make_interval(secs => g % 3600)
                    from generate_series(1, ?) g
                    """, rows);
            db.execute("""
                    insert into message_stats (account_id, message_id, recipients, sent, delivered, opened, clicked, failed)
                    select account_id, id, 100, 100, 90, 0, 7, 3 from message
                    where account_id = 1 and sent_at::date = date '2019-06-15' and type = 'TEST'
                    on conflict do nothing
                    """);
            db.execute("analyze message");
            return null;
        });
        try {
            for (var format :
                    System.getProperty("export.benchmark.formats", "CSV,XLSX").split(",")) {
                measure(folder, ExportFormat.valueOf(format.strip()), rows);
            }
        } finally {
            asAllAccounts(
                    () -> db.execute(
                            "delete from message where account_id = 1 and type = 'TEST' and sent_at >= '2019-06-14' and sent_at < '2019-06-16'"));
        }
    }

    private void measure(long folder, ExportFormat format, long rows) throws Exception {
        // Old-generation occupancy is what an export could keep alive; young garbage comes and goes.
        var oldGen = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool ->
                        pool.getName().contains("Old Gen") || pool.getName().contains("Tenured"))
                .findFirst()
                .orElseThrow();
        System.gc();
        var baseline = oldGen.getUsage().getUsed();
        var peak = new AtomicLong(baseline);
        var running = new AtomicBoolean(true);
        var sampler = Thread.ofPlatform().daemon().start(() -> {
            while (running.get()) {
                peak.accumulateAndGet(oldGen.getUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        var database = EmbeddedDatabase.ephemeral(false);
        var cpu = CpuClock.ofServer(database.jdbcUrl(), EmbeddedDatabase.SUPERUSER, database.superuserPassword());
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
                                new DateRange(LocalDate.of(2019, 6, 15), LocalDate.of(2019, 6, 15)),
                                false,
                                format,
                                MessageColumn.ALL,
                                Locale.of("pl")),
                        "benchmark." + format.extension()));
        var status = awaitJob(FLORA, job, java.time.Duration.ofMinutes(30));
        var seconds = (System.nanoTime() - started) / 1e9;
        var cpuSeconds = cpu.seconds() - cpuStart;
        var databaseSeconds = cpu.databaseSeconds() - databaseStart;
        running.set(false);
        sampler.join();
        System.gc();
        var afterGc = oldGen.getUsage().getUsed();
        assertThat(status.state()).isEqualTo(ExportState.DONE);
        assertThat(status.rowsDone()).isEqualTo(rows);
        var size = java.nio.file.Files.size(fileOfJob(FLORA, job));
        System.out.printf(
                Locale.ROOT,
                "EXPORT BENCHMARK %s: %d rows in %.1f s = %.0f rows/s, %.0f rows per CPU second (%.1f CPU s: JVM %.1f + PostgreSQL %.1f), "
                        + "file %.1f MB, old-gen peak growth %.1f MB, after GC %.1f MB%n",
                format,
                rows,
                seconds,
                rows / seconds,
                cpu.seesDatabase() ? rows / cpuSeconds : Double.NaN,
                cpuSeconds,
                cpuSeconds - databaseSeconds,
                databaseSeconds,
                size / 1e6,
                (peak.get() - baseline) / 1e6,
                (afterGc - baseline) / 1e6);
    }
}
