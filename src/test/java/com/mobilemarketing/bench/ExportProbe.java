package com.mobilemarketing.bench;

import static com.mobilemarketing.db.Tables.CONTACT;
import static com.mobilemarketing.db.Tables.MESSAGE_RECIPIENT;

import com.mobilemarketing.core.db.Tenant;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.LongConsumer;
import org.jooq.DSLContext;

/**
 * Export throughput: every recipient of one message streamed through a server-side cursor into a
 * CSV file, with the live heap sampled (after a full GC, time excluded) at a few points on the way.
 */
final class ExportProbe {

    /** rows/s excludes the GC pauses the probe itself causes. */
    record Outcome(String name, long rows, double seconds, long fileBytes, long heapGrowthBytes) {
        double rowsPerSecond() {
            return rows / seconds;
        }
    }

    /** Something that streams {@code rows} rows to a writer and reports progress per row. */
    interface Exporter {
        long export(Writer out, LongConsumer progress) throws IOException;
    }

    static Outcome measure(String name, long account, long expectedRows, Path file, Exporter exporter) {
        var baseline = Heap.liveBytes();
        var peak = new long[] {baseline};
        var paused = new long[] {0};
        var every = Math.max(50_000, expectedRows / 4);
        var start = System.nanoTime();
        long rows;
        try (var out = Files.newBufferedWriter(file)) {
            rows = Tenant.call(account, () -> {
                try {
                    return exporter.export(out, n -> {
                        if (n % every == 0) {
                            var before = System.nanoTime();
                            peak[0] = Math.max(peak[0], Heap.liveBytes());
                            paused[0] += System.nanoTime() - before;
                        }
                    });
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var seconds = (System.nanoTime() - start - paused[0]) / 1e9;
        try {
            return new Outcome(name, rows, seconds, Files.size(file), peak[0] - baseline);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The stand-in export: recipients of one message with contact and state times, 5 000 rows per fetch. */
    static Exporter standIn(DSLContext db, long account, long message) {
        return (out, progress) -> db.transactionResult(trx -> {
            var r = MESSAGE_RECIPIENT;
            long n = 0;
            try (var cursor = trx.dsl()
                    .select(CONTACT.FIRST_NAME, CONTACT.LAST_NAME, CONTACT.PHONE, CONTACT.EMAIL, r.SENT_AT,
                            r.DELIVERED_AT, r.OPENED_AT, r.CLICKED_AT, r.FAILED_AT, r.ERROR_CODE)
                    .from(r)
                    .join(CONTACT).on(CONTACT.ACCOUNT_ID.eq(r.ACCOUNT_ID).and(CONTACT.ID.eq(r.CONTACT_ID)))
                    .where(r.ACCOUNT_ID.eq(account).and(r.MESSAGE_ID.eq(message)))
                    .fetchSize(5_000)
                    .fetchLazy()) {
                out.write("first_name,last_name,phone,email,sent_at,delivered_at,opened_at,clicked_at,failed_at,error_code\n");
                var line = new StringBuilder(256);
                for (var row : cursor) {
                    line.setLength(0);
                    for (int i = 0; i < row.size(); i++) {
                        if (i > 0) {
                            line.append(',');
                        }
                        var value = row.get(i);
                        if (value != null) {
                            csv(line, value.toString());
                        }
                    }
                    line.append('\n');
                    out.append(line);
                    progress.accept(++n);
                }
            }
            return n;
        });
    }

    private static void csv(StringBuilder line, String value) {
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0) {
            line.append(value);
        } else {
            line.append('"').append(value.replace("\"", "\"\"")).append('"');
        }
    }
}
