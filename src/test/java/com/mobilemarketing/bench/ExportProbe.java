package com.mobilemarketing.bench;

import com.mobilemarketing.core.db.Tenant;
import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.LongConsumer;

/**
 * Export throughput: an export written to a file, with the live heap sampled (after a full GC,
 * time excluded) at a few points on the way.
 */
final class ExportProbe {

    /** rows/s excludes the GC pauses the probe itself causes; {@code cpuSeconds} includes {@code databaseSeconds}. */
    record Outcome(
            String name,
            long rows,
            double seconds,
            double cpuSeconds,
            double databaseSeconds,
            long fileBytes,
            long heapGrowthBytes) {
        double rowsPerSecond() {
            return rows / seconds;
        }

        /** Rows per CPU second of the JVM and the database together (NaN when the database's CPU is unknown). */
        double rowsPerCpuSecond() {
            return rows / cpuSeconds;
        }

        /** "123,456 (JVM 1.20 + PostgreSQL 0.40 CPU s)", or "—" when the database's CPU is unknown. */
        String cpu() {
            return Double.isNaN(cpuSeconds)
                    ? "—"
                    : String.format(
                            Locale.ROOT,
                            "%,.0f (JVM %.2f + PostgreSQL %.2f CPU s)",
                            rowsPerCpuSecond(),
                            cpuSeconds - databaseSeconds,
                            databaseSeconds);
        }
    }

    /** Something that streams rows to a file; the stream counts the lines it is given. */
    interface Exporter {
        long export(OutputStream out) throws IOException;
    }

    static Outcome measure(String name, long account, long expectedRows, Path file, CpuClock cpu, Exporter exporter) {
        var baseline = Heap.liveBytes();
        var cpuStart = cpu.seconds();
        var databaseStart = cpu.databaseSeconds();
        var cpuPaused = new double[] {0};
        var peak = new long[] {baseline};
        var paused = new long[] {0};
        var every = Math.max(50_000, expectedRows / 4);
        var start = System.nanoTime();
        long rows;
        try (var out = new LineCounting(new BufferedOutputStream(Files.newOutputStream(file), 64 * 1024), lines -> {
            if (lines % every == 0) {
                var before = System.nanoTime();
                var cpuBefore = cpu.seconds();
                peak[0] = Math.max(peak[0], Heap.liveBytes());
                paused[0] += System.nanoTime() - before;
                cpuPaused[0] += cpu.seconds() - cpuBefore;
            }
        })) {
            rows = Tenant.call(account, () -> {
                try {
                    return exporter.export(out);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var seconds = (System.nanoTime() - start - paused[0]) / 1e9;
        var cpuSeconds = cpu.seesDatabase() ? cpu.seconds() - cpuStart - cpuPaused[0] : Double.NaN;
        var databaseSeconds = cpu.databaseSeconds() - databaseStart;
        try {
            return new Outcome(name, rows, seconds, cpuSeconds, databaseSeconds, Files.size(file), peak[0] - baseline);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Calls back on every line written, so the probe can sample the heap part-way through. */
    private static final class LineCounting extends FilterOutputStream {
        private final LongConsumer onLine;
        private long lines;

        LineCounting(OutputStream out, LongConsumer onLine) {
            super(out);
            this.onLine = onLine;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            if (b == '\n') {
                onLine.accept(++lines);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            for (int i = off; i < off + len; i++) {
                if (b[i] == '\n') {
                    onLine.accept(++lines);
                }
            }
        }
    }
}
