package com.mobilemarketing.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.mobilemarketing.core.columns.MessageColumn;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The XLSX writer writes the sheet's XML itself: every part of its file is what POI's streaming
 * workbook writes for the same cells through its cell objects (the writer's former way), and the
 * file reads back as the CSV of the same rows.
 */
class XlsxExportWriterTest {

    private static final List<MessageColumn.Kind> KINDS = List.of(
            MessageColumn.Kind.TEXT,
            MessageColumn.Kind.COUNT,
            MessageColumn.Kind.RATE,
            MessageColumn.Kind.MONEY,
            MessageColumn.Kind.TIME,
            MessageColumn.Kind.TEXT);

    @TempDir
    Path dir;

    private static List<List<Object>> rows() {
        var rows = new ArrayList<List<Object>>();
        var texts = List.of(
                "Kampania nr 1 — Łódź",
                "",
                " spacja na początku",
                "na końcu\t",
                "<b>\"cudzysłów\" & 'apostrof'</b>",
                "wiersz\r\ndrugi",
                "twarda\u00a0spacja",
                "emoji 😀 i zażółć gęślą jaźń",
                "=SUM(A1:A2)",
                "sterujące \u0001\u001f\ufffe\uffff koniec");
        var amounts = List.of(
                new BigDecimal("0.00"), new BigDecimal("1234.50"), new BigDecimal("0.0938"), new BigDecimal("-12.34"));
        var counts = List.of(0L, 1L, 7L, 9_999_999L, 10_000_000L, 123_456_789_012L, -5L, -10_000_001L);
        var rates = List.of(0.0, 1.0, 0.5, 0.9, 0.0001, 0.6778, 0.3333, 1.25, 12.5, 1.0 / 3);
        for (int i = 0; i < 40; i++) {
            var row = new ArrayList<Object>();
            row.add(texts.get(i % texts.size()));
            row.add(i % 5 == 4 ? null : counts.get(i % counts.size()));
            row.add(i % 6 == 5 ? null : rates.get(i % rates.size()));
            row.add(i % 7 == 6 ? null : amounts.get(i % amounts.size()));
            row.add(i % 3 == 2 ? null : LocalDateTime.of(2026, 1 + i % 12, 1 + i % 28, i % 24, i % 60, (7 * i) % 60));
            row.add(i % 2 == 0 ? "Anna Kowalska" : null);
            rows.add(row);
        }
        return rows;
    }

    private static List<String> header() {
        return List.of(
                "Nazwa",
                "Wysłane",
                "Dostarczalność",
                "Przychód (atrybucja: ostatnie kliknięcie, 5 dni)",
                "Data wysyłki",
                "Autor");
    }

    @Test
    void everyPartIsWhatPoisCellsWrite() throws Exception {
        var written = dir.resolve("written.xlsx");
        try (var writer = new XlsxExportWriter(written)) {
            writer.header(header());
            writer.expectRows(rows().size());
            for (var row : rows()) {
                writer.row(KINDS, row);
            }
            writer.finish();
        }
        var reference = dir.resolve("reference.xlsx");
        writeThroughPoisCells(reference, header(), rows());

        var expected = entries(reference);
        var actual = entries(written);
        assertThat(actual.keySet()).containsExactlyElementsOf(expected.keySet());
        assertThat(actual).containsKey("xl/worksheets/sheet1.xml");
        for (var name : expected.keySet()) {
            if (name.equals("docProps/core.xml")) {
                continue; // the time the file was made
            }
            assertThat(new String(actual.get(name), java.nio.charset.StandardCharsets.UTF_8))
                    .as(name)
                    .isEqualTo(new String(expected.get(name), java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    @Test
    void readsBackAsTheCsvOfTheSameRows() throws Exception {
        var xlsx = dir.resolve("rows.xlsx");
        var csv = dir.resolve("rows.csv");
        // Control characters are the one difference: XML cannot carry them, so the sheet has "?".
        var rows = rows().stream()
                .filter(r -> !r.get(0).toString().startsWith("sterujące"))
                .toList();
        for (var format : List.of(ExportFormat.XLSX, ExportFormat.CSV)) {
            try (var writer = ExportWriter.open(format, format == ExportFormat.XLSX ? xlsx : csv, Locale.ENGLISH)) {
                writer.header(header());
                for (var row : rows) {
                    writer.row(KINDS, row);
                }
                writer.finish();
            }
        }
        var fromXlsx = ExportTestSupport.readXlsx(xlsx);
        var fromCsv = ExportTestSupport.readCsv(csv, ',');
        assertThat(fromXlsx).hasSameSizeAs(fromCsv).hasSize(rows.size() + 1);
        assertThat(fromXlsx.get(0)).isEqualTo(fromCsv.get(0));
        for (int r = 1; r < fromCsv.size(); r++) {
            for (int i = 0; i < KINDS.size(); i++) {
                ExportTestSupport.assertSameCell(
                        KINDS.get(i), fromXlsx.get(r).get(i), fromCsv.get(r).get(i), Locale.ENGLISH);
            }
        }
    }

    private static Map<String, byte[]> entries(Path file) throws IOException {
        var entries = new LinkedHashMap<String, byte[]>();
        try (var in = new ZipArchiveInputStream(Files.newInputStream(file))) {
            for (var entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                entries.put(entry.getName(), in.readAllBytes());
            }
        }
        return entries;
    }

    /** The former writer: POI's streaming sheet, cell by cell, with the same styles in the same order. */
    private static void writeThroughPoisCells(Path file, List<String> header, List<List<Object>> rows)
            throws IOException {
        try (var workbook = new SXSSFWorkbook(200)) {
            SXSSFSheet sheet = workbook.createSheet("Export");
            CellStyle plain = workbook.getCellStyleAt(0);
            var helper = workbook.getCreationHelper();
            var headerStyle = workbook.createCellStyle();
            var bold = workbook.createFont();
            bold.setBold(true);
            headerStyle.setFont(bold);
            var timeStyle = workbook.createCellStyle();
            timeStyle.setDataFormat(helper.createDataFormat().getFormat("yyyy-mm-dd hh:mm:ss"));
            var rateStyle = workbook.createCellStyle();
            rateStyle.setDataFormat(helper.createDataFormat().getFormat("0.0%"));
            var moneyStyle = workbook.createCellStyle();
            moneyStyle.setDataFormat(helper.createDataFormat().getFormat("#,##0.00"));
            var index = 0;
            var first = sheet.createRow(index++);
            for (int i = 0; i < header.size(); i++) {
                var cell = first.createCell(i);
                cell.setCellValue(header.get(i));
                cell.setCellStyle(headerStyle);
            }
            sheet.createFreezePane(0, 1);
            for (var values : rows) {
                var row = sheet.createRow(index++);
                for (int i = 0; i < values.size(); i++) {
                    var value = values.get(i);
                    if (value == null) {
                        continue;
                    }
                    var cell = row.createCell(i);
                    switch (value) {
                        case Long count -> {
                            cell.setCellValue(count);
                            cell.setCellStyle(plain);
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
                            cell.setCellStyle(plain);
                        }
                    }
                }
            }
            try (OutputStream out = Files.newOutputStream(file)) {
                workbook.write(out);
            }
        }
    }
}
