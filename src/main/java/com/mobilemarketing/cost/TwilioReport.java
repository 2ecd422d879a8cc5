package com.mobilemarketing.cost;

import com.mobilemarketing.core.db.PostgresText;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Reads Twilio's message log export (CSV, RFC 4180, UTF-8 with or without a byte order mark) one
 * row at a time, so a file of millions of rows takes the memory of one row. Columns are found by
 * their header names (case, blanks and underscores ignored): {@code Sid}, {@code Status},
 * {@code SentDate} or {@code DateSent}, {@code NumSegments} and {@code Price} must be there;
 * {@code PriceUnit}, {@code Direction}, {@code ErrorCode} and {@code To} are read when present; the
 * rest ({@code Body}, {@code From}, {@code AccountSid}, ...) is ignored. docs/cost.md lists the
 * status mapping. Any row that cannot be read refuses the whole file with its line number.
 */
public final class TwilioReport {

    /** More rows than this in one file are refused: a day of the largest gateway fits many times. */
    public static final long MAX_ROWS = 20_000_000;

    static final int MAX_FIELD = 4_096;
    private static final int MAX_SID = 64;
    private static final DateTimeFormatter PLAIN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** One outbound message the gateway sent; {@code price} is what it charged (positive), null while unpriced. */
    public record Row(
            long line,
            String sid,
            Instant sentAt,
            String status,
            String gatewayStatus,
            int segments,
            @Nullable BigDecimal price,
            @Nullable String priceUnit,
            @Nullable String errorCode,
            @Nullable String to) {}

    /** How many data rows the file had and how many of them were left out (inbound, not sent). */
    public record Counts(long read, long skipped) {}

    private enum Column {
        SID("sid"),
        STATUS("status"),
        SENT("sentdate", "datesent"),
        SEGMENTS("numsegments"),
        PRICE("price"),
        PRICE_UNIT("priceunit"),
        DIRECTION("direction"),
        ERROR_CODE("errorcode"),
        TO("to");

        private final List<String> names;

        Column(String... names) {
            this.names = List.of(names);
        }

        boolean required() {
            return ordinal() <= PRICE.ordinal();
        }
    }

    private TwilioReport() {}

    /**
     * The gateway's status as one of ours: the outcome (DELIVERED, FAILED), SENT while none is known,
     * or null for a message the gateway has not sent (queued, scheduled, canceled) or an inbound one.
     */
    static @Nullable String status(String gatewayStatus, long line) {
        return switch (gatewayStatus.strip().toLowerCase(Locale.ROOT)) {
            case "delivered", "read" -> "DELIVERED";
            case "failed", "undelivered" -> "FAILED";
            case "sent", "sending", "partially_delivered" -> "SENT";
            case "queued", "accepted", "scheduled", "canceled", "receiving", "received" -> null;
            default -> throw InvalidReportException.badFile("reconciliation.error.status", line, gatewayStatus);
        };
    }

    /** Reads every row into {@code sink}; refuses the file at the first problem. */
    public static Counts read(Reader reader, Consumer<Row> sink) {
        var cells = new CsvCursor(reader);
        var header = cells.next();
        if (header == null) {
            throw InvalidReportException.badFile("reconciliation.error.empty");
        }
        var index = columns(header);
        // The columns not read (the body above all) are scanned past, never made into strings.
        var kept = new boolean[header.size()];
        index.values().forEach(i -> kept[i] = true);
        cells.keepOnly(kept);
        long read = 0;
        long skipped = 0;
        List<String> record;
        while ((record = cells.next()) != null) {
            if (record.size() == 1 && record.getFirst().isBlank()) {
                continue;
            }
            read++;
            if (read > MAX_ROWS) {
                throw new InvalidReportException(413, "reconciliation.error.too-many", MAX_ROWS);
            }
            var row = row(record, index, cells.recordLine());
            if (row == null) {
                skipped++;
            } else {
                sink.accept(row);
            }
        }
        return new Counts(read, skipped);
    }

    private static Map<Column, Integer> columns(List<String> header) {
        var byName = new HashMap<String, Integer>();
        for (int i = 0; i < header.size(); i++) {
            byName.putIfAbsent(
                    header.get(i).replace("_", "").replace(" ", "").strip().toLowerCase(Locale.ROOT), i);
        }
        var index = new HashMap<Column, Integer>();
        var missing = new ArrayList<String>();
        for (var column : Column.values()) {
            var found = column.names.stream()
                    .map(byName::get)
                    .filter(i -> i != null)
                    .findFirst();
            found.ifPresent(i -> index.put(column, i));
            if (found.isEmpty() && column.required()) {
                missing.add(column == Column.SENT ? "SentDate/DateSent" : name(column));
            }
        }
        if (!missing.isEmpty()) {
            throw InvalidReportException.badFile("reconciliation.error.columns", String.join(", ", missing));
        }
        return index;
    }

    private static String name(Column column) {
        return switch (column) {
            case SID -> "Sid";
            case STATUS -> "Status";
            case SEGMENTS -> "NumSegments";
            case PRICE -> "Price";
            default -> column.name();
        };
    }

    private static @Nullable Row row(List<String> record, Map<Column, Integer> index, long line) {
        var direction = cell(record, index, Column.DIRECTION);
        var gatewayStatus = cell(record, index, Column.STATUS);
        if (gatewayStatus == null) {
            throw InvalidReportException.badFile("reconciliation.error.value", line, "Status", "");
        }
        if (direction != null && direction.toLowerCase(Locale.ROOT).startsWith("inbound")) {
            return null;
        }
        var status = status(gatewayStatus, line);
        if (status == null) {
            return null;
        }
        var sid = cell(record, index, Column.SID);
        if (sid == null || sid.length() > MAX_SID || !allBetween(sid, '!', '~')) {
            throw InvalidReportException.badFile("reconciliation.error.value", line, "Sid", sid == null ? "" : sid);
        }
        var segments = cell(record, index, Column.SEGMENTS);
        var price = cell(record, index, Column.PRICE);
        var unit = cell(record, index, Column.PRICE_UNIT);
        if (unit != null && !(unit.length() == 3 && allLetters(unit))) {
            throw InvalidReportException.badFile("reconciliation.error.value", line, "PriceUnit", unit);
        }
        return new Row(
                line,
                sid,
                sentAt(cell(record, index, Column.SENT), line),
                status,
                gatewayStatus.strip(),
                segments(segments, line),
                price(price, line),
                unit == null ? null : unit.toUpperCase(Locale.ROOT),
                text(cell(record, index, Column.ERROR_CODE), line, "ErrorCode"),
                text(cell(record, index, Column.TO), line, "To"));
    }

    /** Free text that is stored: a NUL character, which PostgreSQL cannot store, refuses the file with its line. */
    private static @Nullable String text(@Nullable String value, long line, String column) {
        if (PostgresText.hasNul(value)) {
            throw InvalidReportException.badFile("reconciliation.error.value", line, column, value.replace('\0', '?'));
        }
        return value;
    }

    private static @Nullable String cell(List<String> record, Map<Column, Integer> index, Column column) {
        var i = index.get(column);
        if (i == null || i >= record.size()) {
            return null;
        }
        var value = record.get(i).strip();
        return value.isEmpty() ? null : value;
    }

    /** ISO 8601 with an offset, RFC 2822 as Twilio's API writes it, or "yyyy-MM-dd HH:mm:ss" in UTC. */
    static Instant sentAt(@Nullable String text, long line) {
        if (text == null) {
            throw InvalidReportException.badFile("reconciliation.error.value", line, "SentDate", "");
        }
        try {
            if (Character.isLetter(text.charAt(0))) {
                return ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant();
            }
            if (text.length() == 19 && text.charAt(10) == ' ') {
                return LocalDateTime.parse(text, PLAIN).toInstant(ZoneOffset.UTC);
            }
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw InvalidReportException.badFile("reconciliation.error.value", line, "SentDate", text);
        }
    }

    private static int segments(@Nullable String text, long line) {
        if (text == null || text.length() > 4 || !allBetween(text, '0', '9')) {
            throw InvalidReportException.badFile(
                    "reconciliation.error.value", line, "NumSegments", text == null ? "" : text);
        }
        return Integer.parseInt(text);
    }

    /** Whether every character of {@code text} is within {@code first..last}. */
    private static boolean allBetween(String text, char first, char last) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < first || c > last) {
                return false;
            }
        }
        return true;
    }

    private static boolean allLetters(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z')) {
                return false;
            }
        }
        return true;
    }

    /** Twilio writes charges as negative amounts ("-0.00750"); the charge is its size, exact to a millionth. */
    private static @Nullable BigDecimal price(@Nullable String text, long line) {
        if (text == null) {
            return null;
        }
        try {
            var value = new BigDecimal(text).abs();
            if (value.stripTrailingZeros().scale() > 6 || value.compareTo(BigDecimal.valueOf(1000)) > 0) {
                throw InvalidReportException.badFile("reconciliation.error.value", line, "Price", text);
            }
            return value;
        } catch (NumberFormatException e) {
            throw InvalidReportException.badFile("reconciliation.error.value", line, "Price", text);
        }
    }

    /** RFC 4180 records from a character stream: quoted fields may hold separators, quotes ("") and line breaks. */
    static final class CsvCursor {

        private final Reader reader;
        private final char[] buffer = new char[64 * 1024];
        private int position;
        private int limit;
        private long line = 1;
        private long recordLine;
        private boolean first = true;
        private final StringBuilder field = new StringBuilder();
        /** Which fields become strings; the others are read past and given as "". Null: all. */
        private boolean @Nullable [] kept;

        private boolean keeping = true;
        /** The current field's length, also of a field read past. */
        private int length;

        CsvCursor(Reader reader) {
            this.reader = reader;
        }

        /** From the next record on, only the fields at the positions marked true become strings. */
        void keepOnly(boolean[] kept) {
            this.kept = kept;
        }

        /** The line the last record started on (1 = the header). */
        long recordLine() {
            return recordLine;
        }

        private int read() {
            if (position == limit) {
                try {
                    limit = reader.read(buffer, 0, buffer.length);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                position = 0;
                if (limit <= 0) {
                    limit = 0;
                    return -1;
                }
            }
            return buffer[position++];
        }

        private void unread() {
            position--;
        }

        /** The next record's fields, or null at the end of the file. */
        @Nullable
        List<String> next() {
            int c = read();
            if (first) {
                first = false;
                if (c == '\uFEFF') {
                    c = read();
                }
            }
            if (c == -1) {
                return null;
            }
            recordLine = line;
            var fields = new ArrayList<String>(16);
            field.setLength(0);
            length = 0;
            keeping = keeps(0);
            boolean quoted = false;
            boolean wasQuoted = false;
            while (true) {
                if (quoted) {
                    if (c == -1) {
                        throw InvalidReportException.badFile("reconciliation.error.quote", recordLine);
                    }
                    if (c == '"') {
                        int after = read();
                        if (after == '"') {
                            append('"');
                        } else {
                            quoted = false;
                            c = after;
                            continue;
                        }
                    } else {
                        if (c == '\n') {
                            line++;
                        }
                        append((char) c);
                    }
                } else if (c == ',') {
                    fields.add(keeping ? field.toString() : "");
                    field.setLength(0);
                    length = 0;
                    keeping = keeps(fields.size());
                    wasQuoted = false;
                } else if (c == '\r' || c == '\n' || c == -1) {
                    if (c == '\r') {
                        int after = read();
                        if (after != '\n' && after != -1) {
                            unread();
                        }
                    }
                    if (c != -1) {
                        line++;
                    }
                    fields.add(keeping ? field.toString() : "");
                    return fields;
                } else if (c == '"' && length == 0 && !wasQuoted) {
                    quoted = true;
                    wasQuoted = true;
                } else if (c == '"') {
                    throw InvalidReportException.badFile("reconciliation.error.quote", recordLine);
                } else {
                    append((char) c);
                }
                c = read();
            }
        }

        private boolean keeps(int position) {
            return kept == null || position >= kept.length || kept[position];
        }

        /** Adds to the field when it is kept; a field read past still may not be longer than the limit. */
        private void append(char c) {
            if (length++ >= MAX_FIELD) {
                throw InvalidReportException.badFile("reconciliation.error.field", recordLine, MAX_FIELD);
            }
            if (keeping) {
                field.append(c);
            }
        }
    }
}
