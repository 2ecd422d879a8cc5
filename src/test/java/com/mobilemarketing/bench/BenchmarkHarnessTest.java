package com.mobilemarketing.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.mobilemarketing.AbstractDatabaseTest;
import com.mobilemarketing.analytics.RecipientFilter;
import com.mobilemarketing.analytics.RecipientsCsv;
import java.nio.file.Files;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** Smoke test of the benchmark harness on the small test data: every operation runs, SQL is captured and replays. */
class BenchmarkHarnessTest extends AbstractDatabaseTest {

    @Autowired
    private DataSource dataSource;

    @Autowired
    private ApplicationContext context;

    @TempDir
    java.nio.file.Path dir;

    @Test
    void everyOperationRunsAndItsSqlReplaysOverJdbc() throws Exception {
        var capture = new SqlCapture();
        var previous = Benchmark.addListener(db, capture);
        try {
            var today = LocalDate.now(clock.withZone(ZoneId.of("Europe/Warsaw")));
            var screens = Benchmark.screens(context);
            var subject = Benchmark.subject(db, screens, FLORA, today);
            var runner = new Runner(capture, dataSource, 5, 3);
            var started = System.nanoTime();
            var all = Workload.operations(screens, subject);
            // Every operation builds; one of each group runs, to keep the test quick.
            var ops = all.stream()
                    .filter(o -> all.stream()
                                    .filter(p -> p.group() == o.group())
                                    .findFirst()
                                    .get()
                            == o)
                    .toList();
            var results = runner.runAll(ops, r -> {});

            System.out.printf("harness smoke run: %d ms%n", (System.nanoTime() - started) / 1_000_000);
            assertThat(results).hasSize(ops.size()).hasSizeGreaterThanOrEqualTo(6);
            // Every source × (nine presets and the longest custom range), and the unique recipients
            // alone of every source × preset, and the channel overlap alone.
            assertThat(all).filteredOn(o -> o.group() == Target.STATS).hasSize(4 * 10 + 4 * 9 + 1);
            assertThat(all)
                    .filteredOn(o -> o.name().equals("reach: channel overlap"))
                    .hasSize(1);
            assertThat(all)
                    .filteredOn(o -> o.name().startsWith("reach: unique recipients"))
                    .hasSize(4 * 9);
            assertThat(all).filteredOn(o -> o.group() == Target.HEATMAP).hasSize(1);
            assertThat(all).filteredOn(o -> o.group() == Target.ALERTS).hasSize(1);
            assertThat(results).allSatisfy(r -> {
                assertThat(r.statements()).as(r.op().name()).isPositive();
                assertThat(r.warm().n()).isEqualTo(3);
                assertThat(r.raw().n()).isEqualTo(3);
                // Every statement filters by account, but the alert round's claim of the one global
                // alert_round row, which belongs to no account.
                assertThat(r.sql())
                        .filteredOn(s -> !s.sql().startsWith("update alert_round"))
                        .allSatisfy(s -> assertThat(s.sql()).contains("account_id"));
                assertThat(r.raw().p50()).isPositive();
            });

            var export = ExportProbe.measure(
                    "test",
                    FLORA,
                    subject.largestRecipients(),
                    dir.resolve("x.csv"),
                    CpuClock.of(dir),
                    out -> RecipientsCsv.write(
                            screens.recipients(), subject.largest(), RecipientFilter.all(), Benchmark.CSV_HEADER, out));
            assertThat(export.rows()).isEqualTo(subject.largestRecipients());
            assertThat(Files.readAllLines(dir.resolve("x.csv"))).hasSize((int) subject.largestRecipients() + 1);

            var header =
                    new Report.Header("T", "today", Machine.describe(), "PostgreSQL", "data", "generation", "e", "r");
            var markdown = Report.markdown(header, results, List.of(export), null, List.of());
            var docs = dir.resolve("benchmarks.md");
            Files.writeString(docs, "# Benchmarks\n\nhand-written\n");
            Report.writeInto(docs, "T", markdown);
            Report.writeInto(docs, "T", markdown);
            var text = Files.readString(docs);
            assertThat(text).contains("hand-written").contains("| stats panel |");
            assertThat(text.indexOf("<!-- results:T -->")).isEqualTo(text.lastIndexOf("<!-- results:T -->"));
        } finally {
            db.configuration().set(previous);
        }
    }
}
