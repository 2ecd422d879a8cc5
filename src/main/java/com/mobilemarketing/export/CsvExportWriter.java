package com.mobilemarketing.export;

import com.mobilemarketing.core.columns.MessageColumn;
import com.mobilemarketing.core.csv.CsvCells;
import com.mobilemarketing.core.io.Utf8Writer;
import com.mobilemarketing.core.metrics.MetricFormat;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DecimalFormatSymbols;
import java.text.NumberFormat;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * RFC 4180 CSV for spreadsheets: UTF-8 with a byte-order mark (without it Excel reads the file as
 * the system code page and breaks Polish letters), CRLF line ends, fields quoted only when needed,
 * and text that a spreadsheet would run as a formula made inert. Written the way Excel opens it
 * with the regional settings of the export's language: Polish Excel splits columns at ";" and
 * reads "67,8%" as a number, English Excel splits at "," and reads "67.8%". Rates are percentages
 * with one decimal, as on screen; an unknown figure is an empty cell. Written for CPU per row: no
 * lock per call ({@link Utf8Writer}), the text of each rate from 0 to 100 % formatted once.
 */
final class CsvExportWriter implements ExportWriter {

    /** Rates are cells to four decimals ({@link MetricFormat#cell}): 0 to 100 % are 10 001 texts. */
    private static final int RATE_STEPS = 10_000;

    private final Utf8Writer out;
    private final char separator;
    private final NumberFormat percent;
    private final String[] rateTexts = new String[RATE_STEPS + 1];

    CsvExportWriter(Path file, Locale locale) throws IOException {
        this.separator = separator(locale);
        this.percent = MetricFormat.percentFormat(locale);
        this.out = new Utf8Writer(Files.newOutputStream(file), 64 * 1024);
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
            write(cells.get(i));
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

    /**
     * Money as a plain number in the export's language ("1234,50"): no grouping, no currency sign.
     * Written digit by digit: a text of each amount with its point replaced was the largest part of
     * the writer's samples in a profile of the export.
     */
    private void amount(BigDecimal amount) throws IOException {
        var point = separator == ';' ? ',' : '.';
        if (amount.scale() >= 0 && amount.scale() <= 18 && amount.precision() <= 18) {
            out.writeDecimal(amount.unscaledValue().longValue(), amount.scale(), point);
        } else {
            out.write(amount.toPlainString().replace('.', point));
        }
    }

    /** The list separator of Excel in the language's usual region: ";" where the decimal sign is a comma. */
    static char separator(Locale locale) {
        var decimal = DecimalFormatSymbols.getInstance(locale).getDecimalSeparator();
        return decimal == ',' ? ';' : ',';
    }

    /**
     * One cell by its type, tested with {@code instanceof} in the order of how often an export meets
     * them: the dispatch of a pattern {@code switch} over these types stood out in a profile of the export.
     */
    private void write(@Nullable Object cell) throws IOException {
        if (cell == null) {
            return;
        }
        if (cell instanceof Long count) {
            out.writeDecimal(count);
        } else if (cell instanceof Double rate) {
            out.write(rate(rate));
        } else if (cell instanceof BigDecimal amount) {
            amount(amount);
        } else if (cell instanceof String text) {
            out.write(CsvCells.text(text));
        } else if (cell instanceof LocalDateTime time) {
            out.write(CsvCells.time(time));
        } else {
            out.write(CsvCells.text(cell.toString()));
        }
    }

    /**
     * The percentage of a rate; the same text {@code percent} gives, kept for the rates a file repeats.
     * Quoted where it holds the separator: from 1 000 % on, English groups thousands with it ("1,250.0%").
     */
    private String rate(double rate) {
        var step = Math.round(rate * RATE_STEPS);
        if (step < 0 || step > RATE_STEPS || step / (double) RATE_STEPS != rate) {
            return fenced(percent.format(rate));
        }
        var text = rateTexts[(int) step];
        if (text == null) {
            text = fenced(percent.format(rate));
            rateTexts[(int) step] = text;
        }
        return text;
    }

    private String fenced(String text) {
        return text.indexOf(separator) >= 0 ? '"' + text + '"' : text;
    }
}
