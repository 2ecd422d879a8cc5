package com.mobilemarketing.cost;

import com.mobilemarketing.core.csv.CsvFile;
import com.mobilemarketing.core.metrics.Cost;
import com.mobilemarketing.cost.GatewayReportRepository.Difference;
import com.mobilemarketing.cost.GatewayReportRepository.DifferenceRow;
import java.io.OutputStream;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The "Who?" list of one kind of difference as CSV (RFC 4180, UTF-8 with a byte order mark, cells a
 * spreadsheet would run as formulas neutralised), row by row from the repository's cursor. Amounts
 * are plain decimals of the account's currency, unknown ones empty cells.
 */
public final class ReconciliationCsv {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private ReconciliationCsv() {}

    /** Writes the header and every difference of the kind; returns the number of rows written. */
    public static long write(
            GatewayReportRepository repository,
            long accountId,
            long gatewayId,
            LocalDate day,
            Difference kind,
            ZoneId zone,
            List<String> header,
            OutputStream out) {
        return CsvFile.<DifferenceRow>write(
                out,
                header,
                sink -> repository.streamDifferences(accountId, gatewayId, day, kind, sink),
                row -> cells(row, zone));
    }

    static List<String> cells(DifferenceRow row, ZoneId zone) {
        var cells = new ArrayList<String>(12);
        cells.add(row.category().name());
        cells.add(text(row.sid()));
        cells.add(row.messageId() == null ? "" : row.messageId().toString());
        cells.add(text(row.messageName()));
        cells.add(text(row.contactName()));
        cells.add(text(row.phone()));
        cells.add(TIME.format(row.sentAt().atZoneSameInstant(zone)));
        cells.add(text(row.ourStatus()));
        cells.add(text(row.gatewayStatus()));
        cells.add(row.ourParts() == null ? "" : row.ourParts().toString());
        cells.add(row.gatewayParts() == null ? "" : row.gatewayParts().toString());
        cells.add(amount(row.ourMicros()));
        cells.add(amount(row.gatewayMicros()));
        return cells;
    }

    private static String text(@Nullable String value) {
        return Objects.requireNonNullElse(value, "");
    }

    private static String amount(@Nullable Long micros) {
        return micros == null ? "" : Cost.amount(micros).stripTrailingZeros().toPlainString();
    }
}
