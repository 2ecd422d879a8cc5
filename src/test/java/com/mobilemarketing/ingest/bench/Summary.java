package com.mobilemarketing.ingest.bench;

import com.mobilemarketing.bench.HandOff;
import java.util.List;
import java.util.Locale;

/**
 * One rate's figures of the load benchmark, for the table over several rates ({@code --rates}). The
 * app's warm figure includes its JIT compiler's threads, shown apart: compilation is a fresh JVM's
 * one-off cost, which a long-running app has paid; what is left of it after the warm-ups shows here.
 */
record Summary(
        int offered,
        double acceptedPerSecond,
        double answerP95Millis,
        double lagP95Millis,
        double appMicros,
        double appMicrosWarm,
        double jitMicrosWarm,
        double databaseMicros,
        double databaseMicrosWarm,
        double loadAverage,
        HandOff.Cost machine,
        boolean passed) {

    static void print(IngestLoadBenchmark.Options options, List<Summary> summaries) {
        System.out.printf(
                "%n==== CPU per accepted callback, tier %s, %d s per rate ====%n%n", options.tier(), options.seconds());
        System.out.println(
                "| offered/s | accepted/s | answer p95 | rollup lag p95 | app µs/callback (warm; of it JIT) "
                        + "| PostgreSQL µs/callback (warm) | load average | machine's hand-off µs, back to back / after 10 ms | checks |");
        System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        for (var s : summaries) {
            System.out.printf(
                    Locale.ROOT,
                    "| %,d | %,.0f | %.1f ms | %.1f s | %.0f (%.0f; %.0f) | %.0f (%.0f) | %.1f | %.0f / %.0f | %s |%n",
                    s.offered(),
                    s.acceptedPerSecond(),
                    s.answerP95Millis(),
                    s.lagP95Millis() / 1000,
                    s.appMicros(),
                    s.appMicrosWarm(),
                    s.jitMicrosWarm(),
                    s.databaseMicros(),
                    s.databaseMicrosWarm(),
                    s.loadAverage(),
                    s.machine().backToBack(),
                    s.machine().afterPause(),
                    !s.passed() ? "FAILED" : options.recount() ? "passed" : "passed (not recounted)");
        }
    }
}
