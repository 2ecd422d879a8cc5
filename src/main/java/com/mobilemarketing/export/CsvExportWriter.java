package com.mobilemarketing.export;

import com.mobilemarketing.core.csv.CsvCells;
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
        out.write(CsvCells.BOM);
    }

    @Override
    public void header(List<String> names) throws IOException {
        for (int i = 0; i < names.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(CsvCells.text(names.get(i)));
        }
        out.write(CsvCells.LINE_END);
    }

    @Override
    public void row(List<ExportColumn.Kind> kinds, List<Object> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(format(cells.get(i)));
        }
        out.write(CsvCells.LINE_END);
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
            case String text -> CsvCells.text(text);
            default -> CsvCells.text(cell.toString());
        };
    }
}
