package com.mobilemarketing.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.mobilemarketing.AbstractDatabaseTest;
import com.mobilemarketing.core.db.EmbeddedDatabase;
import com.mobilemarketing.core.db.Tenant;
import com.mobilemarketing.cost.GatewayReportRepository;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A benchmark, not a timed test: writes one day of a large gateway as Twilio's message log export
 * (N rows, quoted bodies with commas and quotes), imports it into Flora's callback gateway through the
 * same streaming import as the upload and the endpoint, and prints rows per second, the CPU seconds
 * of this JVM and of the PostgreSQL server (read from /proc, which a busy neighbour does not change),
 * the old-generation heap growth while it ran, the same file again (a duplicate) and the time of the
 * day's reconciliation figures. Run it with
 * {@code ./mvnw verify -Dtest=GatewayReportImportBenchmark -Dreconciliation.benchmark.rows=1000000
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@EnabledIfSystemProperty(named = "reconciliation.benchmark.rows", matches = "\\d+")
class GatewayReportImportBenchmark extends AbstractDatabaseTest {

    private static final long GATEWAY = 1;
    private static final LocalDate DAY = LocalDate.of(2018, 1, 15);

    @Autowired
    private GatewayReportRepository reports;

    @Test
    void importsADayOfTheLargestGatewayFastWithFlatMemory() throws Exception {
        var rows = Long.parseLong(System.getProperty("reconciliation.benchmark.rows"));
        var file = Files.createTempFile("gateway-report-benchmark", ".csv");
        try {
            write(file, rows);
            var heap = OldGenProbe.start();
            var database = EmbeddedDatabase.ephemeral(false);
            var cpu = CpuClock.ofServer(database.jdbcUrl(), EmbeddedDatabase.SUPERUSER, database.superuserPassword());
            var cpuStart = cpu.seconds();
            var databaseStart = cpu.databaseSeconds();
            var started = System.nanoTime();
            var result = importFile(file);
            var seconds = (System.nanoTime() - started) / 1e9;
            var cpuSeconds = cpu.seconds() - cpuStart;
            var databaseSeconds = cpu.databaseSeconds() - databaseStart;
            var growth = heap.stop();
            assertThat(result.added()).isEqualTo(rows);

            var againStarted = System.nanoTime();
            var again = importFile(file);
            var againSeconds = (System.nanoTime() - againStarted) / 1e9;
            assertThat(again.duplicate()).isTrue();

            var viewStarted = System.nanoTime();
            var day = Tenant.call(FLORA, () -> reports.reconciliation(FLORA, GATEWAY, DAY));
            var counts = Tenant.call(FLORA, () -> reports.differenceCounts(FLORA, GATEWAY, DAY));
            var viewSeconds = (System.nanoTime() - viewStarted) / 1e9;
            assertThat(day.gateway().sent()).isEqualTo(rows);

            System.out.printf(
                    Locale.ROOT,
                    "RECONCILIATION IMPORT BENCHMARK: %d rows (%.1f MB) in %.1f s = %.0f rows/s, %.0f rows per CPU second "
                            + "(%.1f CPU s: JVM %.1f + PostgreSQL %.1f), old-gen peak growth %.1f MB, after GC %.1f MB; "
                            + "the same file again %.1f s (duplicate); the day's figures and difference counts %.1f s (%s)%n",
                    rows,
                    Files.size(file) / 1e6,
                    seconds,
                    rows / seconds,
                    cpu.seesDatabase() ? rows / cpuSeconds : Double.NaN,
                    cpuSeconds,
                    cpuSeconds - databaseSeconds,
                    databaseSeconds,
                    growth.peakBytes() / 1e6,
                    growth.afterGcBytes() / 1e6,
                    againSeconds,
                    viewSeconds,
                    counts);
        } finally {
            Files.deleteIfExists(file);
            asAllAccounts(() -> {
                db.execute(
                        "delete from gateway_report_row where account_id = ? and gateway_id = ? and day = ?::date",
                        FLORA,
                        GATEWAY,
                        DAY);
                return db.execute(
                        "delete from gateway_report where account_id = ? and file_name = 'benchmark.csv'", FLORA);
            });
        }
    }

    private GatewayReportRepository.ImportResult importFile(Path file) throws IOException {
        try (var in = Files.newInputStream(file)) {
            return Tenant.call(
                    FLORA,
                    () -> reports.importTwilio(
                            FLORA, GATEWAY, null, "benchmark.csv", in, OffsetDateTime.now(clock), () -> {}));
        }
    }

    /** The gateway's day: delivered mostly, some undelivered and sent, one to three parts, Polish bodies. */
    private static void write(Path file, long rows) throws IOException {
        var start = Instant.parse("2018-01-15T06:00:00Z");
        try (var out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("\uFEFFFrom,To,Body,Status,SentDate,ApiVersion,NumSegments,ErrorCode,AccountSid,Sid,Direction,"
                    + "Price,PriceUnit\r\n");
            for (long i = 0; i < rows; i++) {
                var status = i % 20 == 0 ? "undelivered" : i % 50 == 1 ? "sent" : "delivered";
                var parts = 1 + (int) (i % 3);
                out.write("SKLEP,+4860");
                out.write(String.format(Locale.ROOT, "%07d", i % 10_000_000));
                out.write(",\"Cześć, \"\"Anno\"\"! Rabat -20% tylko dziś: https://sklep.example.pl/r/");
                out.write(Long.toString(i, 36));
                out.write("\",");
                out.write(status);
                out.write(',');
                out.write(start.plusMillis(i * 43).toString());
                out.write(",2010-04-01,");
                out.write(Integer.toString(parts));
                out.write(status.equals("undelivered") ? ",30003," : ",,");
                out.write("AC00000000000000000000000000000000,SMbench");
                out.write(String.format(Locale.ROOT, "%026d", i));
                out.write(",outbound-api,");
                out.write(java.math.BigDecimal.valueOf(-7L * parts, 2).toPlainString());
                out.write(",PLN\r\n");
            }
        }
    }
}
