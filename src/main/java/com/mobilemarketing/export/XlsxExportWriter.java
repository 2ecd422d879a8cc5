package com.mobilemarketing.export;

import com.mobilemarketing.core.columns.MessageColumn;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * XLSX through POI's streaming workbook: only a window of rows stays in memory, the rest goes to
 * a compressed temporary file until the workbook is written. Counts are numbers, rates are
 * numbers shown as percentages, money is a number with two decimals, times are dates; text cells are never formulas.
 */
final class XlsxExportWriter implements ExportWriter {

    /** Rows kept in memory before POI flushes them to its temporary file. */
    private static final int WINDOW = 200;

    private final Path file;
    private final SXSSFWorkbook workbook;
    private final SXSSFSheet sheet;
    private final CellStyle headerStyle;
    private final CellStyle timeStyle;
    private final CellStyle rateStyle;
    private final CellStyle moneyStyle;
    private int rowIndex;

    XlsxExportWriter(Path file) {
        this.file = file;
        this.workbook = new SXSSFWorkbook(WINDOW);
        workbook.setCompressTempFiles(true);
        this.sheet = workbook.createSheet("Export");
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
                case Long count -> cell.setCellValue(count);
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
                default -> cell.setCellValue(value.toString());
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
}
