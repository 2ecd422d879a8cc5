package com.mobilemarketing.export;

import com.mobilemarketing.core.columns.MessageColumn;
import com.mobilemarketing.core.io.Utf8Writer;
import java.io.File;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.xssf.model.SharedStringsTable;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.streaming.SheetDataWriter;
import org.jspecify.annotations.Nullable;

/**
 * XLSX through POI's streaming workbook: only a window of rows stays in memory, the rest goes to
 * a compressed temporary file until the workbook is written. Counts are numbers, rates are
 * numbers shown as percentages, money is a number with two decimals, times are dates; text cells are never formulas.
 * Written for CPU per row: the sheet's XML goes through a writer without a lock per call, and both
 * its temporary file and the finished file are compressed at deflate's fastest level (the file is
 * a little larger; compressing twice at the default level was most of the export's CPU).
 */
final class XlsxExportWriter implements ExportWriter {

    /** Rows kept in memory before POI flushes them to its temporary file. */
    private static final int WINDOW = 200;

    private final Path file;
    private final SXSSFWorkbook workbook;
    private final SXSSFSheet sheet;
    /**
     * The workbook's default style, set on counts and text: a cell without a style asks the sheet's
     * column definitions (XML beans, slow) for one on every write, and gets this one.
     */
    private final CellStyle plainStyle;

    private final CellStyle headerStyle;
    private final CellStyle timeStyle;
    private final CellStyle rateStyle;
    private final CellStyle moneyStyle;
    private int rowIndex;

    XlsxExportWriter(Path file) {
        this.file = file;
        this.workbook = new FastWorkbook(WINDOW);
        this.sheet = workbook.createSheet("Export");
        this.plainStyle = workbook.getCellStyleAt(0);
        var helper = workbook.getCreationHelper();
        this.headerStyle = workbook.createCellStyle();
        var bold = workbook.createFont();
        bold.setBold(true);
        headerStyle.setFont(bold);
        this.timeStyle = workbook.createCellStyle();
        timeStyle.setDataFormat(helper.createDataFormat().getFormat("yyyy-mm-dd hh:mm:ss"));
        this.rateStyle = workbook.createCellStyle();
        rateStyle.setDataFormat(helper.createDataFormat().getFormat("0.0%"));
        this.moneyStyle = workbook.createCellStyle();
        moneyStyle.setDataFormat(helper.createDataFormat().getFormat("#,##0.00"));
    }

    @Override
    public void header(List<String> names) {
        var row = sheet.createRow(rowIndex++);
        for (int i = 0; i < names.size(); i++) {
            var cell = row.createCell(i);
            cell.setCellValue(names.get(i));
            cell.setCellStyle(headerStyle);
        }
        sheet.createFreezePane(0, 1);
    }

    @Override
    public void row(List<MessageColumn.Kind> kinds, List<Object> cells) {
        var row = sheet.createRow(rowIndex++);
        for (int i = 0; i < cells.size(); i++) {
            var value = cells.get(i);
            if (value == null) {
                continue;
            }
            var cell = row.createCell(i);
            switch (value) {
                case Long count -> {
                    cell.setCellValue(count);
                    cell.setCellStyle(plainStyle);
                }
                case Double rate -> {
                    cell.setCellValue(rate);
                    cell.setCellStyle(rateStyle);
                }
                case BigDecimal amount -> {
                    cell.setCellValue(amount.doubleValue());
                    cell.setCellStyle(moneyStyle);
                }
                case LocalDateTime time -> {
                    cell.setCellValue(time);
                    cell.setCellStyle(timeStyle);
                }
                default -> {
                    cell.setCellValue(value.toString());
                    cell.setCellStyle(plainStyle);
                }
            }
        }
    }

    @Override
    public void finish() throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            workbook.write(out);
        }
    }

    @Override
    public void close() throws IOException {
        // close() also removes POI's temporary sheet files.
        workbook.close();
    }

    /** POI's streaming workbook with a lock-free sheet writer and the fastest deflate level. */
    private static final class FastWorkbook extends SXSSFWorkbook {

        FastWorkbook(int window) {
            super(window);
        }

        @Override
        protected SheetDataWriter createSheetDataWriter() throws IOException {
            return new FastSheetDataWriter(getSharedStringSource());
        }

        @Override
        protected ZipArchiveOutputStream createArchiveOutputStream(OutputStream out) {
            var zip = super.createArchiveOutputStream(out);
            zip.setLevel(Deflater.BEST_SPEED);
            return zip;
        }
    }

    /** The sheet's rows in a temporary file, gzipped at the fastest level. */
    private static final class FastSheetDataWriter extends SheetDataWriter {

        FastSheetDataWriter(@Nullable SharedStringsTable strings) throws IOException {
            super(strings);
        }

        @Override
        public Writer createWriter(File file) throws IOException {
            var out = new FileOutputStream(file);
            try {
                return new Utf8Writer(decorateOutputStream(out), 64 * 1024);
            } catch (IOException | RuntimeException e) {
                out.close();
                throw e;
            }
        }

        @Override
        protected OutputStream decorateOutputStream(FileOutputStream file) throws IOException {
            return new GZIPOutputStream(file, 64 * 1024) {
                {
                    def.setLevel(Deflater.BEST_SPEED);
                }
            };
        }

        @Override
        protected InputStream decorateInputStream(FileInputStream file) throws IOException {
            return new GZIPInputStream(file, 64 * 1024);
        }
    }
}
