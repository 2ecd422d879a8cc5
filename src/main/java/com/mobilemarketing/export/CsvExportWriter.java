package com.mobilemarketing.export;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * RFC 4180 CSV for spreadsheets: UTF-8 with a byte-order mark (without it Excel reads the file as
 * the system code page and breaks Polish letters), CRLF line ends, fields quoted only when needed,
 * and text that a spreadsheet would run as a formula made inert.
 */
final class CsvExportWriter implements ExportWriter {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    private final BufferedWriter out;

    CsvExportWriter(Path file) throws IOException {
        this.out = new BufferedWriter(
                new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8), 64 * 1024);
        out.write('\uFEFF');
    }

    @Override
    public void header(List<String> names) throws IOException {
        for (int i = 0; i < names.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(field(neutralise(names.get(i))));
        }
        out.write("\r\n");
    }

    @Override
    public void row(List<ExportColumn.Kind> kinds, List<Object> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(format(cells.get(i)));
        }
        out.write("\r\n");
    }

    @Override
    public void finish() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }

    private static String format(Object cell) {
        return switch (cell) {
            case null -> "";
            case Long count -> count.toString();
            case Double rate -> BigDecimal.valueOf(rate).stripTrailingZeros().toPlainString();
            case LocalDateTime time -> TIME.format(time);
            case String text -> field(neutralise(text));
            default -> field(neutralise(cell.toString()));
        };
    }

    /**
     * Spreadsheets run a cell that starts with = + - @ (or a tab / carriage return that precedes
     * one) as a formula: "=HYPERLINK(...)" in a message name must stay text. A leading apostrophe
     * is the OWASP-recommended neutraliser and shows the original text.
     */
    static String neutralise(String text) {
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            return "'" + text;
        }
        return text;
    }

    static String field(String text) {
        var needsQuotes = text.indexOf(',') >= 0
                || text.indexOf('"') >= 0
                || text.indexOf('\n') >= 0
                || text.indexOf('\r') >= 0
                || text.indexOf(';') >= 0
                || (!text.isEmpty() && (Character.isWhitespace(text.charAt(0))
                        || Character.isWhitespace(text.charAt(text.length() - 1))));
        return needsQuotes ? '"' + text.replace("\"", "\"\"") + '"' : text;
    }
}
