package com.mobilemarketing.export;

import com.mobilemarketing.core.columns.MessageColumn;
import com.mobilemarketing.core.io.Utf8Writer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.Deflater;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.poi.ss.SpreadsheetVersion;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.jspecify.annotations.Nullable;

/**
 * XLSX: counts are numbers, rates are numbers shown as percentages, money is a number with two
 * decimals, times are dates; text cells are inline strings, never formulas. POI's streaming
 * workbook makes every part of the file but the sheet's rows (styles, the sheet with its header
 * row and frozen first row); the rows are written as the sheet's XML straight into the file's zip
 * entry, the same XML POI's streaming sheet writes for the same cells. Written for CPU per row:
 * through POI's cell objects (a map of cells per row, an "A1" reference and escaping per cell, a
 * compressed temporary file read back and compressed again) the sheet was three quarters of the
 * export thread. The zip is deflated at the fastest level (a little larger than the default).
 */
final class XlsxExportWriter implements ExportWriter {

    private static final String SHEET_ENTRY = "xl/worksheets/sheet1.xml";
    private static final String SHEET_DATA_END = "</sheetData>";
    private static final String EMPTY_SHEET_DATA = "<sheetData/>";
    private static final String DIMENSION = "<dimension ref=\"";

    /** Rates are cells to four decimals: the text of each of 0 to 100 % kept once written. */
    private static final int RATE_STEPS = 10_000;

    /** Whole numbers below this are written as POI writes their double ("123.0") without a double. */
    private static final long PLAIN_DOUBLE_LIMIT = 10_000_000;

    private final Path file;
    private final Workbook workbook;
    private final int headerStyle;
    private final int timeStyle;
    private final int rateStyle;
    private final int moneyStyle;
    private final String[] rateTexts = new String[RATE_STEPS + 1];
    private final List<String> columnNames = new ArrayList<>();
    private int rowIndex;
    private List<String> header = List.of();
    private long expectedRows = -1;
    private @Nullable Sheet sheet;

    XlsxExportWriter(Path file) {
        this.file = file;
        this.workbook = new Workbook();
        var helper = workbook.getCreationHelper();
        var header = workbook.createCellStyle();
        var bold = workbook.createFont();
        bold.setBold(true);
        header.setFont(bold);
        this.headerStyle = index(header);
        var time = workbook.createCellStyle();
        time.setDataFormat(helper.createDataFormat().getFormat("yyyy-mm-dd hh:mm:ss"));
        this.timeStyle = index(time);
        var rate = workbook.createCellStyle();
        rate.setDataFormat(helper.createDataFormat().getFormat("0.0%"));
        this.rateStyle = index(rate);
        var money = workbook.createCellStyle();
        money.setDataFormat(helper.createDataFormat().getFormat("#,##0.00"));
        this.moneyStyle = index(money);
    }

    private static int index(CellStyle style) {
        return style.getIndex() & 0xffff;
    }

    /** Kept until the first row: the sheet's dimension, before the rows, needs the row count. */
    @Override
    public void header(List<String> names) {
        header = List.copyOf(names);
    }

    @Override
    public void expectRows(long rows) {
        expectedRows = rows;
    }

    @Override
    public void row(List<MessageColumn.Kind> kinds, List<Object> cells) throws IOException {
        var out = open().out();
        beginRow(out);
        for (int i = 0; i < cells.size(); i++) {
            switch (cells.get(i)) {
                case null -> {}
                case Long count -> whole(out, i, 0, count);
                case Double rate -> rate(out, i, rate);
                case BigDecimal amount -> number(out, i, moneyStyle, amount.doubleValue());
                case LocalDateTime time -> number(out, i, timeStyle, DateUtil.getExcelDate(time, false));
                case Object value -> text(out, i, 0, value.toString());
            }
        }
        out.write("</row>\n");
    }

    @Override
    public void finish() throws IOException {
        open().finish();
    }

    @Override
    public void close() throws IOException {
        try {
            if (sheet != null) {
                sheet.zip().close();
            }
        } finally {
            // close() also removes POI's temporary sheet file.
            workbook.close();
        }
    }

    /**
     * The file's zip, open at the sheet's rows: every part before them is written. POI writes the
     * workbook once without rows, with the frozen first row; its sheet XML is cut where the rows go.
     */
    private Sheet open() throws IOException {
        if (sheet != null) {
            return sheet;
        }
        workbook.createSheet("Export").createFreezePane(0, 1);
        var template = new ByteArrayOutputStream();
        workbook.write(template);
        var entries = new ArrayList<Entry>();
        try (var in = new ZipArchiveInputStream(new ByteArrayInputStream(template.toByteArray()))) {
            for (var entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                entries.add(new Entry(entry.getName(), in.readAllBytes()));
            }
        }
        var zip = workbook.archive(Files.newOutputStream(file));
        try {
            var next = 0;
            while (!entries.get(next).name().equals(SHEET_ENTRY)) {
                entries.get(next++).copyTo(zip);
            }
            var xml = dimension(openSheetData(new String(entries.get(next++).bytes(), StandardCharsets.UTF_8)));
            var rowsAt = xml.lastIndexOf(SHEET_DATA_END);
            zip.putArchiveEntry(new ZipArchiveEntry(SHEET_ENTRY));
            var out = new Utf8Writer(unclosable(zip), 64 * 1024);
            out.write(xml, 0, rowsAt);
            sheet = new Sheet(zip, out, xml.substring(rowsAt), entries.subList(next, entries.size()));
            if (!header.isEmpty()) {
                beginRow(out);
                for (int i = 0; i < header.size(); i++) {
                    text(out, i, headerStyle, header.get(i));
                }
                out.write("</row>\n");
            }
            return sheet;
        } catch (IOException | RuntimeException e) {
            zip.close();
            throw e;
        }
    }

    /** POI's sheet XML opened up where the rows go: before the end of its sheet data. */
    private static String openSheetData(String xml) {
        if (xml.contains(SHEET_DATA_END)) {
            return xml;
        }
        if (!xml.contains(EMPTY_SHEET_DATA)) {
            throw new IllegalStateException("No sheet data in POI's sheet XML");
        }
        return xml.replace(EMPTY_SHEET_DATA, "<sheetData>" + SHEET_DATA_END);
    }

    /**
     * The sheet's cells as POI's streaming sheet gives them ({@code A1:AC200001}): the header's
     * columns and the rows told by {@link #expectRows}. Untold, POI's template's stays.
     */
    private String dimension(String xml) {
        if (expectedRows < 0 || header.isEmpty()) {
            return xml;
        }
        var start = xml.indexOf(DIMENSION);
        if (start < 0) {
            return xml;
        }
        var end = xml.indexOf('"', start + DIMENSION.length());
        var cells = new CellRangeAddress(0, Math.toIntExact(expectedRows), 0, header.size() - 1);
        return xml.substring(0, start + DIMENSION.length()) + cells.formatAsString() + xml.substring(end);
    }

    private static OutputStream unclosable(OutputStream out) {
        return new FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
    }

    private void beginRow(Utf8Writer out) throws IOException {
        rowIndex++;
        out.write("<row r=\"");
        out.writeDecimal(rowIndex);
        out.write("\">\n");
    }

    /** {@code <c r="B7" s="3"}: the cell's reference and, unless the default, its style. */
    private void beginCell(Utf8Writer out, int column, int style) throws IOException {
        out.write("<c r=\"");
        out.write(columnName(column));
        out.writeDecimal(rowIndex);
        out.write('"');
        if (style != 0) {
            out.write(" s=\"");
            out.writeDecimal(style);
            out.write('"');
        }
    }

    private String columnName(int column) {
        while (columnNames.size() <= column) {
            columnNames.add(CellReference.convertNumToColString(columnNames.size()));
        }
        return columnNames.get(column);
    }

    /** A count: a number cell of its value as a double, as POI writes it ("123.0"). */
    private void whole(Utf8Writer out, int column, int style, long value) throws IOException {
        if (value <= -PLAIN_DOUBLE_LIMIT || value >= PLAIN_DOUBLE_LIMIT) {
            number(out, column, style, (double) value);
            return;
        }
        beginCell(out, column, style);
        out.write(" t=\"n\"><v>");
        out.writeDecimal(value);
        out.write(".0</v></c>");
    }

    /** A rate, its text kept for the rates a file repeats. */
    private void rate(Utf8Writer out, int column, double rate) throws IOException {
        var step = Math.round(rate * RATE_STEPS);
        if (step < 0 || step > RATE_STEPS || step / (double) RATE_STEPS != rate) {
            number(out, column, rateStyle, rate);
            return;
        }
        var text = rateTexts[(int) step];
        if (text == null) {
            text = Double.toString(rate);
            rateTexts[(int) step] = text;
        }
        beginCell(out, column, rateStyle);
        out.write(" t=\"n\"><v>");
        out.write(text);
        out.write("</v></c>");
    }

    /** A number cell as POI writes its double; POI makes an error cell of what is no number. */
    private void number(Utf8Writer out, int column, int style, double value) throws IOException {
        beginCell(out, column, style);
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            out.write(" t=\"e\"><v>");
            out.write(Double.isNaN(value) ? "#NUM!" : "#DIV/0!");
        } else {
            out.write(" t=\"n\"><v>");
            out.write(Double.toString(value));
        }
        out.write("</v></c>");
    }

    /** An inline string cell, escaped as POI's streaming sheet escapes it. */
    private void text(Utf8Writer out, int column, int style, String text) throws IOException {
        if (text.length() > SpreadsheetVersion.EXCEL2007.getMaxTextLength()) {
            throw new IllegalArgumentException("The maximum length of cell contents (text) is "
                    + SpreadsheetVersion.EXCEL2007.getMaxTextLength() + " characters");
        }
        beginCell(out, column, style);
        out.write(" t=\"inlineStr\"><is><t");
        if (!text.isEmpty()
                && (Character.isWhitespace(text.charAt(0)) || Character.isWhitespace(text.charAt(text.length() - 1)))) {
            out.write(" xml:space=\"preserve\"");
        }
        out.write('>');
        escaped(out, text);
        out.write("</t></is></c>");
    }

    /**
     * XML's five characters as entities, line breaks, tabs and the no-break space as character
     * references, other control characters (and U+FFFE, U+FFFF) as "?", which XML cannot carry.
     */
    private static void escaped(Utf8Writer out, String text) throws IOException {
        var from = 0;
        for (int i = 0; i < text.length(); i++) {
            var c = text.charAt(i);
            String replacement;
            switch (c) {
                case '<' -> replacement = "&lt;";
                case '>' -> replacement = "&gt;";
                case '&' -> replacement = "&amp;";
                case '"' -> replacement = "&quot;";
                case '\n' -> replacement = "&#xa;";
                case '\r' -> replacement = "&#xd;";
                case '\t' -> replacement = "&#x9;";
                case '\u00a0' -> replacement = "&#xa0;";
                default -> {
                    if (c >= ' ' && c < '\ufffe') {
                        continue;
                    }
                    replacement = "?";
                }
            }
            out.write(text, from, i - from);
            out.write(replacement);
            from = i + 1;
        }
        out.write(text, from, text.length() - from);
    }

    /** One part of the file as POI wrote it. */
    private record Entry(String name, byte[] bytes) {

        void copyTo(ZipArchiveOutputStream zip) throws IOException {
            zip.putArchiveEntry(new ZipArchiveEntry(name));
            zip.write(bytes);
            zip.closeArchiveEntry();
        }
    }

    /** The open file: its zip inside the sheet entry, the sheet XML after the rows, the parts after the sheet. */
    private record Sheet(ZipArchiveOutputStream zip, Utf8Writer out, String rest, List<Entry> after) {

        void finish() throws IOException {
            out.write(rest);
            out.flush();
            zip.closeArchiveEntry();
            for (var entry : after) {
                entry.copyTo(zip);
            }
            zip.finish();
            zip.close();
        }
    }

    /** POI's streaming workbook, its zip deflated at the fastest level. */
    private static final class Workbook extends SXSSFWorkbook {

        Workbook() {
            super(1);
        }

        ZipArchiveOutputStream archive(OutputStream out) {
            return createArchiveOutputStream(out);
        }

        @Override
        protected ZipArchiveOutputStream createArchiveOutputStream(OutputStream out) {
            var zip = super.createArchiveOutputStream(out);
            zip.setLevel(Deflater.BEST_SPEED);
            return zip;
        }
    }
}
