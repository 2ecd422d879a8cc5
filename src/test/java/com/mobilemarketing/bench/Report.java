package com.mobilemarketing.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** The result table as Markdown, printed and kept in docs/benchmarks.md between per-tier markers. */
final class Report {

    record Header(
            String tier,
            String date,
            Machine machine,
            String postgres,
            String data,
            String generation,
            String exporter,
            String repositories) {}

    private Report() {}

    static String markdown(
            Header header,
            List<Result> results,
            List<ExportProbe.Outcome> exports,
            SessionMemory.@Nullable Outcome sessions,
            List<String> notes) {
        var md = new StringBuilder();
        md.append("### Tier ")
                .append(header.tier())
                .append(" — measured ")
                .append(header.date())
                .append("\n\n");
        md.append("- Machine: ")
                .append(header.machine().cores())
                .append(" cores (")
                .append(header.machine().cpu())
                .append("), ")
                .append(header.machine().memory())
                .append(" RAM; ")
                .append(header.machine().jvm())
                .append("\n");
        md.append("- Database: ").append(header.postgres()).append("\n");
        md.append("- Data: ").append(header.data()).append("\n");
        md.append("- Generation: ").append(header.generation()).append("\n");
        md.append("- Timed through: ").append(header.repositories()).append("\n\n");
        md.append(
                "| group | operation | target p95 | first call | p50 | p95 | p99 | n | raw SQL p50 | overhead | verdict |\n");
        md.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (var r : results) {
            md.append("| ")
                    .append(r.op().group().label)
                    .append(" | ")
                    .append(r.op().name())
                    .append(" | ")
                    .append(Double.isNaN(r.op().group().p95Millis) ? "—" : "≤ " + ms(r.op().group().p95Millis))
                    .append(" | ")
                    .append(ms(r.coldMillis()))
                    .append(" | ")
                    .append(ms(r.warm().p50()))
                    .append(" | ")
                    .append(ms(r.warm().p95()))
                    .append(" | ")
                    .append(ms(r.warm().p99()))
                    .append(" | ")
                    .append(r.warm().n())
                    .append(" | ")
                    .append(r.raw().n() == 0 ? "—" : ms(r.raw().p50()))
                    .append(" | ")
                    .append(
                            r.raw().n() == 0
                                    ? "—"
                                    : String.format(
                                            Locale.ROOT, "%.2f× (%+.2f ms)", r.overheadRatio(), r.overheadMillis()))
                    .append(" | ")
                    .append(verdict(r))
                    .append(" |\n");
        }
        if (!exports.isEmpty()) {
            md.append(
                    "\n| export | rows | seconds | rows/s (target ≥ 100 000) | rows per CPU second (target ≥ 150 000; JVM + PostgreSQL) | file | live heap growth (target ≤ 64 MiB) | verdict |\n");
            md.append("|---|---:|---:|---:|---:|---:|---:|---|\n");
            for (var e : exports) {
                // CPU per row where the database's CPU is known: wall-clock rows/s on shared cores measures the
                // neighbours.
                var fast =
                        Double.isNaN(e.cpuSeconds()) ? e.rowsPerSecond() >= 100_000 : e.rowsPerCpuSecond() >= 150_000;
                var ok = fast && e.heapGrowthBytes() <= 64L << 20;
                md.append("| ")
                        .append(e.name())
                        .append(" | ")
                        .append(String.format(Locale.ROOT, "%,d", e.rows()))
                        .append(" | ")
                        .append(String.format(Locale.ROOT, "%.2f", e.seconds()))
                        .append(" | ")
                        .append(String.format(Locale.ROOT, "%,.0f", e.rowsPerSecond()))
                        .append(" | ")
                        .append(e.cpu())
                        .append(" | ")
                        .append(Heap.mib(e.fileBytes()))
                        .append(" | ")
                        .append(Heap.mib(Math.max(0, e.heapGrowthBytes())))
                        .append(" | ")
                        .append(ok ? "ok" : "**missed**")
                        .append(" |\n");
            }
        }
        if (sessions != null) {
            md.append("\nMemory per signed-in dashboard session: **")
                    .append(String.format(Locale.ROOT, "%.0f KiB", sessions.perSessionBytes() / 1024.0))
                    .append("** (")
                    .append(sessions.sessions())
                    .append(" sessions held at once; live heap ")
                    .append(Heap.mib(sessions.baselineBytes()))
                    .append(" → ")
                    .append(Heap.mib(sessions.withSessionsBytes()))
                    .append("; target ≤ 1 MiB: ")
                    .append(sessions.perSessionBytes() <= 1 << 20 ? "ok" : "**missed**")
                    .append(")\n");
            if (!sessions.topClasses().isBlank()) {
                md.append("\nLargest growth per session by class: ")
                        .append(sessions.topClasses().replace("|", "\\|"))
                        .append("\n");
            }
        }
        if (!notes.isEmpty()) {
            md.append("\n");
            notes.forEach(n -> md.append("- ").append(n).append("\n"));
        }
        return md.toString();
    }

    private static String verdict(Result r) {
        var target = r.meetsTarget() ? "ok" : "**missed**";
        var overhead = r.meetsOverhead() ? "" : ", **overhead**";
        return target + overhead;
    }

    static String ms(double millis) {
        if (Double.isNaN(millis)) {
            return "—";
        }
        return String.format(Locale.ROOT, millis < 10 ? "%.2f ms" : "%.1f ms", millis);
    }

    /** Replaces (or appends) the block of one tier in the Markdown file, keeping the hand-written text. */
    static void writeInto(Path file, String tier, String block) throws IOException {
        var start = "<!-- results:" + tier + " -->";
        var end = "<!-- /results:" + tier + " -->";
        var text = Files.exists(file) ? Files.readString(file) : "# Benchmarks\n\n";
        var replacement = start + "\n" + block + end;
        var from = text.indexOf(start);
        var to = text.indexOf(end);
        if (from >= 0 && to > from) {
            text = text.substring(0, from) + replacement + text.substring(to + end.length());
        } else {
            text = text + (text.endsWith("\n") ? "\n" : "\n\n") + replacement + "\n";
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, text);
    }
}
