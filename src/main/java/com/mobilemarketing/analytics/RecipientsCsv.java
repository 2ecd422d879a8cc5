package com.mobilemarketing.analytics;

import com.mobilemarketing.core.csv.CsvCells;
import com.mobilemarketing.core.csv.CsvFile;
import com.mobilemarketing.core.time.LocalTimes;
import java.io.OutputStream;
import java.time.OffsetDateTime;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Writes a message's recipients as CSV (RFC 4180, UTF-8 with a byte order mark so spreadsheet
 * programs pick the encoding), row by row from the repository's cursor. Cells that a spreadsheet
 * would run as a formula get a leading apostrophe.
 */
public final class RecipientsCsv {

    private RecipientsCsv() {}

    /** Writes the header and every row; returns the number of recipient rows written. */
    public static long write(
            RecipientListRepository repository,
            MessageRef message,
            RecipientFilter filter,
            List<String> header,
            OutputStream out) {
        // Written on this thread, row by row: one zone's offsets remembered for the whole file.
        var times = new LocalTimes(message.timeZone());
        return CsvFile.<RecipientRow>write(
                out, header, sink -> repository.streamRecipients(message, filter, sink), row -> cells(row, times));
    }

    static List<String> cells(RecipientRow row, LocalTimes times) {
        return List.of(
                Long.toString(row.contactId()),
                row.name(),
                row.phone(),
                row.optedIn() == null ? "" : row.optedIn().toString(),
                row.status().name(),
                time(row.sentAt(), times),
                time(row.deliveredAt(), times),
                time(row.openedAt(), times),
                time(row.clickedAt(), times),
                time(row.failedAt(), times),
                row.errorCode() == null ? "" : row.errorCode(),
                row.errorPermanent() == null ? "" : (row.errorPermanent() ? "PERMANENT" : "TEMPORARY"));
    }

    private static String time(@Nullable OffsetDateTime time, LocalTimes times) {
        var local = times.local(time);
        return local == null ? "" : CsvCells.time(local);
    }
}
