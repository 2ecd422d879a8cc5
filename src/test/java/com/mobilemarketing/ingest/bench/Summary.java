package com.mobilemarketing.ingest.bench;

import java.util.List;
import java.util.Locale;

/** One rate's figures of the load benchmark, for the table over several rates ({@code --rates}). */
record Summary(
        int offered,
        double acceptedPerSecond,
        double answerP95Millis,
        double lagP95Millis,
        double appMicros,
        double appMicrosWarm,
        double databaseMicros,
        double databaseMicrosWarm,
        double loadAverage,
        boolean passed) {

    static void print(IngestLoadBenchmark.Options options, List<Summary> summaries) {
        System.out.printf(
                "%n==== CPU per accepted callback, tier %s, %d s per rate ====%n%n", options.tier(), options.seconds());
        System.out.println("| offered/s | accepted/s | answer p95 | rollup lag p95 | app µs/callback (warm) "
                + "| PostgreSQL µs/callback (warm) | load average | checks |");
        System.out.println("|---:|---:|---:|---:|---:|---:|---:|---|");
        for (var s : summaries) {
            System.out.printf(
                    Locale.ROOT,
                    "| %,d | %,.0f | %.1f ms | %.1f s | %.0f (%.0f) | %.0f (%.0f) | %.1f | %s |%n",
                    s.offered(),
                    s.acceptedPerSecond(),
                    s.answerP95Millis(),
                    s.lagP95Millis() / 1000,
                    s.appMicros(),
                    s.appMicrosWarm(),
                    s.databaseMicros(),
                    s.databaseMicrosWarm(),
                    s.loadAverage(),
                    !s.passed() ? "FAILED" : options.recount() ? "passed" : "passed (not recounted)");
        }
    }
}
