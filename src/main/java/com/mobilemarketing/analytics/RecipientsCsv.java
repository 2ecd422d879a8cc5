package com.mobilemarketing.analytics;

import com.mobilemarketing.core.csv.CsvCells;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Writes a message's recipients as CSV (RFC 4180, UTF-8 with a byte order mark so spreadsheet
 * programs pick the encoding), row by row from the repository's cursor. Cells that a spreadsheet
 * would run as a formula get a leading apostrophe.
 */
public final class RecipientsCsv {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private RecipientsCsv() {}

    /** Writes the header and every row; returns the number of recipient rows written. */
    public static long write(
            AnalyticsRepository repository,
            MessageRef message,
            RecipientFilter filter,
            List<String> header,
            OutputStream out) {
        var writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
        var rows = new long[1];
        try {
            writer.write(CsvCells.BOM);
            writeLine(writer, header);
            repository.streamRecipients(message, filter, row -> {
                try {
                    writeLine(writer, cells(row, message.timeZone()));
                    rows[0]++;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows[0];
    }

    static List<String> cells(RecipientRow row, ZoneId zone) {
        return List.of(
                Long.toString(row.contactId()),
                row.name(),
                row.phone(),
                row.optedIn() == null ? "" : row.optedIn().toString(),
                row.status().name(),
                time(row.sentAt(), zone),
                time(row.deliveredAt(), zone),
                time(row.openedAt(), zone),
                time(row.clickedAt(), zone),
                time(row.failedAt(), zone),
                row.errorCode() == null ? "" : row.errorCode(),
                row.errorPermanent() == null ? "" : (row.errorPermanent() ? "PERMANENT" : "TEMPORARY"));
    }

    private static String time(@Nullable OffsetDateTime time, ZoneId zone) {
        return time == null ? "" : TIME.format(time.atZoneSameInstant(zone));
    }

    private static void writeLine(Writer writer, List<String> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                writer.write(',');
            }
            writer.write(CsvCells.text(cells.get(i)));
        }
        writer.write(CsvCells.LINE_END);
    }
}
