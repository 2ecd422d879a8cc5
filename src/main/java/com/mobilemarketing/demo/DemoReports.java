package com.mobilemarketing.demo;

import com.mobilemarketing.core.metrics.Cost;
import com.mobilemarketing.cost.GatewayReportRepository;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The demo's gateway report: one day of the account's first callback gateway as Twilio would export
 * it, with a few planted differences so that the reconciliation page always has something to show:
 * two of our messages missing from the report, two with the other outcome, one billed one part more,
 * one charged 0,01 more, and two messages the report has and we do not. It goes through the real
 * import, so a later start that writes the same file changes nothing.
 */
final class DemoReports {

    static final String HEADER =
            "From,To,Body,Status,SentDate,ApiVersion,NumSegments,ErrorCode,AccountSid,Sid,Direction,Price,PriceUnit";
    private static final DateTimeFormatter SENT = DateTimeFormatter.ISO_OFFSET_DATE_TIME;
    private static final String ACCOUNT_SID = "AC" + "0".repeat(32);

    /** One of our recipients of the day, as the report writes it. */
    record Sent(
            String sid,
            OffsetDateTime sentAt,
            String status,
            int parts,
            @Nullable Long costMicros,
            String phone) {}

    private final BufferedWriter out;
    private final String currency;
    private int index;

    private DemoReports(BufferedWriter out, String currency) {
        this.out = out;
        this.currency = currency;
    }

    /** A temporary file to write the report into (a large demo day does not fit a string comfortably). */
    static Path newFile() {
        try {
            return Files.createTempFile("gateway-report", ".csv");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the report of {@code rows} (ordered by sid) into {@code file}, with the planted differences. */
    static void write(Path file, long accountId, LocalDate day, String currency, Iterable<Sent> rows) {
        try (var writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            var report = new DemoReports(writer, currency);
            writer.write(HEADER);
            writer.write("\r\n");
            OffsetDateTime last = day.atStartOfDay().atOffset(ZoneOffset.UTC);
            for (var row : rows) {
                report.plant(row);
                last = row.sentAt();
            }
            for (int n = 0; n < 2; n++) {
                var sid = "SM"
                        + HexFormat.of()
                                .formatHex(UUID.nameUUIDFromBytes(("demo-unknown:" + accountId + ":" + day + ":" + n)
                                                .getBytes(StandardCharsets.UTF_8))
                                        .toString()
                                        .replace("-", "")
                                        .getBytes(StandardCharsets.US_ASCII))
                                .substring(0, 32);
                report.line(sid, last, "delivered", "", 1, 70_000L, "+48600000" + (100 + n));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void plant(Sent row) throws IOException {
        var at = index++;
        if (at < 2) {
            return;
        }
        var status = switch (row.status()) {
            case "DELIVERED" -> "delivered";
            case "FAILED" -> "undelivered";
            default -> "sent";
        };
        var parts = row.parts();
        var cost = row.costMicros();
        if (at < 4) {
            status = status.equals("delivered") ? "undelivered" : "delivered";
        } else if (at == 4) {
            cost = cost == null ? null : cost / Math.max(1, parts) * (parts + 1);
            parts++;
        } else if (at == 5 && cost != null) {
            cost = cost + 10_000;
        }
        line(row.sid(), row.sentAt(), status, status.equals("undelivered") ? "30003" : "", parts, cost, row.phone());
    }

    private void line(
            String sid,
            OffsetDateTime sentAt,
            String status,
            String errorCode,
            int parts,
            @Nullable Long cost,
            String to)
            throws IOException {
        var price = cost == null ? "" : Cost.amount(cost).negate().toPlainString();
        out.write(String.join(
                ",",
                "SKLEP",
                to,
                "\"Demo, \"\"planted\"\" report\"",
                status,
                SENT.format(sentAt.withOffsetSameInstant(ZoneOffset.UTC)),
                "2010-04-01",
                Integer.toString(parts),
                errorCode,
                ACCOUNT_SID,
                sid,
                "outbound-api",
                price,
                currency));
        out.write("\r\n");
    }

    /** Imports the file into the gateway's report and deletes it. */
    static GatewayReportRepository.ImportResult importFile(
            GatewayReportRepository reports,
            long accountId,
            long gatewayId,
            LocalDate day,
            Path file,
            OffsetDateTime now) {
        try (var in = Files.newInputStream(file)) {
            return reports.importTwilio(accountId, gatewayId, null, "demo-twilio-" + day + ".csv", in, now, () -> {});
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // a temporary file; the system cleans it up
            }
        }
    }
}
