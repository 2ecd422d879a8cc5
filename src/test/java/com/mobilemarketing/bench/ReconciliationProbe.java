package com.mobilemarketing.bench;

import com.mobilemarketing.core.db.Tenant;
import com.mobilemarketing.cost.GatewayReportRepository;
import com.mobilemarketing.cost.GatewayReportRepository.Difference;
import com.mobilemarketing.demo.DemoDataGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import org.jooq.DSLContext;

/**
 * The reconciliation of the tier's largest gateway day: the demo's report of that day (our recipients
 * as Twilio would list them, with the planted differences) is written untimed, imported through the
 * app's import (wall time, CPU of the JVM and of PostgreSQL, old-generation heap growth), then the
 * page is timed as it opens (the day's figures and the difference counts) and with the first page of
 * its largest kind of difference. A rerun deletes what the last run imported (and vacuums the table)
 * first, so every run imports the day anew.
 */
final class ReconciliationProbe {

    private static final int RUNS = 5;

    private ReconciliationProbe() {}

    /** One line for the report's notes. */
    static String measure(
            DSLContext db, GatewayReportRepository reports, DemoDataGenerator generator, long account, CpuClock cpu)
            throws InterruptedException {
        var largest = Tenant.call(account, () -> db.fetchSingle("""
                select m.gateway_id, (m.sent_at at time zone a.time_zone)::date as day, sum(m.audience_size)
                from message m
                join account a on a.id = m.account_id
                join sms_gateway g on g.account_id = m.account_id and g.id = m.gateway_id and g.supports_callbacks
                where m.account_id = ? and m.state = 'SENT'
                group by 1, 2
                order by 3 desc
                limit 1
                """, account));
        long gateway = largest.get(0, Long.class);
        var day = largest.get(1, LocalDate.class);
        var fileName = "benchmark-" + day + ".csv";
        Tenant.call(account, () -> {
            // Only what an earlier run imported: other reports of the day stay as they are.
            db.execute(
                    "delete from gateway_report_row where account_id = ? and gateway_id = ? and report_id in "
                            + "(select id from gateway_report where account_id = ? and gateway_id = ? and file_name = ?)",
                    account,
                    gateway,
                    account,
                    gateway,
                    fileName);
            return db.execute(
                    "delete from gateway_report where account_id = ? and gateway_id = ? and file_name = ?",
                    account,
                    gateway,
                    fileName);
        });
        // A rerun imports into a table without the dead rows of the last run, as the first run did.
        db.execute("vacuum gateway_report_row");
        var file = generator.writeGatewayReport(account, gateway, day);
        try {
            var heap = OldGenProbe.start();
            var cpuStart = cpu.seconds();
            var databaseStart = cpu.databaseSeconds();
            var started = System.nanoTime();
            GatewayReportRepository.ImportResult imported;
            try (var in = Files.newInputStream(file)) {
                imported = Tenant.call(
                        account,
                        () -> reports.importTwilio(
                                account, gateway, null, fileName, in, OffsetDateTime.now(), () -> {}));
            }
            var seconds = (System.nanoTime() - started) / 1e9;
            var cpuSeconds = cpu.seconds() - cpuStart;
            var databaseSeconds = cpu.databaseSeconds() - databaseStart;
            var growth = heap.stop();
            // As the autovacuum daemon does soon after a million new rows: the page is timed with them known.
            db.execute("analyze gateway_report_row");

            var figures = new double[RUNS];
            Map<Difference, Long> counts = Map.of();
            for (int i = 0; i < RUNS; i++) {
                var start = System.nanoTime();
                counts = Tenant.call(account, () -> {
                    reports.reconciliation(account, gateway, day);
                    return reports.differenceCounts(account, gateway, day);
                });
                figures[i] = (System.nanoTime() - start) / 1e6;
            }
            var kind = counts.entrySet().stream()
                    .max(Map.Entry.comparingByValue())
                    .map(Map.Entry::getKey)
                    .orElse(Difference.STATUS);
            var page = new double[RUNS];
            for (int i = 0; i < RUNS; i++) {
                var start = System.nanoTime();
                Tenant.call(account, () -> reports.differences(account, gateway, day, kind, 0, Workload.PAGE));
                page[i] = (System.nanoTime() - start) / 1e6;
            }
            return String.format(
                    Locale.ROOT,
                    "Reconciliation of the largest gateway day (%s, gateway %d): %,d report rows (%.0f MB) imported in "
                            + "%.1f s = %,.0f rows/s, %,.0f rows per CPU second (JVM %.1f + PostgreSQL %.1f CPU s), "
                            + "old-generation heap growth %.1f MB; the page's figures and difference counts first %s, "
                            + "then median %s of %d; the first page of %s (%,d) first %s, then median %s; differences %s.",
                    day,
                    gateway,
                    imported.read(),
                    Files.size(file) / 1e6,
                    seconds,
                    imported.read() / seconds,
                    imported.read() / cpuSeconds,
                    cpuSeconds - databaseSeconds,
                    databaseSeconds,
                    growth.peakBytes() / 1e6,
                    Report.ms(figures[0]),
                    Report.ms(median(figures)),
                    RUNS - 1,
                    kind,
                    counts.getOrDefault(kind, 0L),
                    Report.ms(page[0]),
                    Report.ms(median(page)),
                    new java.util.TreeMap<>(counts));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            // a temporary file: if it cannot be deleted now, the system cleans it up
            file.toFile().delete();
        }
    }

    /** The median of the runs after the first. */
    private static double median(double[] runs) {
        var warm = Arrays.stream(runs, 1, runs.length)
                .boxed()
                .sorted(Comparator.naturalOrder())
                .toList();
        return warm.get(warm.size() / 2);
    }
}
