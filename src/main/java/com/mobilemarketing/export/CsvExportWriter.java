package com.mobilemarketing.export;

import com.mobilemarketing.core.columns.MessageColumn;
import com.mobilemarketing.core.csv.CsvCells;
import com.mobilemarketing.core.metrics.MetricFormat;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DecimalFormatSymbols;
import java.text.NumberFormat;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * RFC 4180 CSV for spreadsheets: UTF-8 with a byte-order mark (without it Excel reads the file as
 * the system code page and breaks Polish letters), CRLF line ends, fields quoted only when needed,
 * and text that a spreadsheet would run as a formula made inert. Written the way Excel opens it
 * with the regional settings of the export's language: Polish Excel splits columns at ";" and
 * reads "67,8%" as a number, English Excel splits at "," and reads "67.8%". Rates are percentages
 * with one decimal, as on screen; an unknown figure is an empty cell.
 */
final class CsvExportWriter implements ExportWriter {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    private final BufferedWriter out;
    private final char separator;
    private final NumberFormat percent;

    CsvExportWriter(Path file, Locale locale) throws IOException {
        this.separator = separator(locale);
        this.percent = MetricFormat.percentFormat(locale);
        this.out = new BufferedWriter(
                new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8), 64 * 1024);
        out.write(CsvCells.BOM);
    }

    @Override
    public void header(List<String> names) throws IOException {
        for (int i = 0; i < names.size(); i++) {
            if (i > 0) {
                out.write(separator);
            }
            out.write(CsvCells.text(names.get(i)));
        }
        out.write(CsvCells.LINE_END);
    }

    @Override
    public void row(List<MessageColumn.Kind> kinds, List<Object> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.write(separator);
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

    /** Money as a plain number in the export's language ("1234,50"): no grouping, no currency sign. */
    private String amount(BigDecimal amount) {
        var text = amount.toPlainString();
        return separator == ';' ? text.replace('.', ',') : text;
    }

    /** The list separator of Excel in the language's usual region: ";" where the decimal sign is a comma. */
    static char separator(Locale locale) {
        var decimal = DecimalFormatSymbols.getInstance(locale).getDecimalSeparator();
        return decimal == ',' ? ';' : ',';
    }

    private String format(@Nullable Object cell) {
        return switch (cell) {
            case null -> "";
            case Long count -> count.toString();
            case Double rate -> percent.format(rate);
            case BigDecimal amount -> amount(amount);
            case LocalDateTime time -> TIME.format(time);
            case String text -> CsvCells.text(text);
            default -> CsvCells.text(cell.toString());
        };
    }
}
