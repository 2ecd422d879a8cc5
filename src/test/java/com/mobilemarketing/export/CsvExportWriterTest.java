package com.mobilemarketing.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CSV format's rules without a database. */
class CsvExportWriterTest {

    @Test
    void polishExcelGetsSemicolonsAndDecimalCommas(@TempDir Path dir) throws Exception {
        var file = dir.resolve("x.csv");
        try (var writer = new CsvExportWriter(file, Locale.of("pl"))) {
            writer.header(List.of("Nazwa", "Wysłane", "Wskaźnik", "Data"));
            writer.row(List.of(), Arrays.asList("Łódź; Kraków", 12L, 0.8126, LocalDateTime.of(2026, 3, 29, 2, 30, 5)));
            writer.row(List.of(), Arrays.asList("=x", null, null, null));
            writer.finish();
        }
        var bytes = Files.readAllBytes(file);
        assertThat(bytes).startsWith(0xEF, 0xBB, 0xBF);
        assertThat(Files.readString(file))
                .isEqualTo(
                        "\uFEFFNazwa;Wysłane;Wskaźnik;Data\r\n\"Łódź; Kraków\";12;81,3%;2026-03-29 02:30:05\r\n'=x;;;\r\n");
    }

    @Test
    void englishExcelGetsCommasAndDecimalPoints(@TempDir Path dir) throws Exception {
        var file = dir.resolve("x.csv");
        try (var writer = new CsvExportWriter(file, Locale.ENGLISH)) {
            writer.header(List.of("Name", "Sent", "Rate"));
            writer.row(List.of(), Arrays.asList("Lodz, Krakow", 1234L, 1.0));
            writer.finish();
        }
        assertThat(Files.readString(file)).isEqualTo("\uFEFFName,Sent,Rate\r\n\"Lodz, Krakow\",1234,100.0%\r\n");
    }

    @Test
    void ratesAndTimesAreWhatTheFormattersWrite(@TempDir Path dir) throws Exception {
        var file = dir.resolve("x.csv");
        var rates = new java.util.ArrayList<Object>();
        for (int step = 0; step <= 10_000; step++) {
            rates.add(step / 10_000.0);
        }
        rates.addAll(List.of(12.3456, 0.12345, -0.05, 1.00005, 0.0625, 0.1235, 0.9995));
        var times = List.<Object>of(
                LocalDateTime.of(2026, 1, 2, 3, 4, 5),
                LocalDateTime.of(999, 12, 31, 23, 59, 59),
                LocalDateTime.of(10_000, 1, 1, 0, 0));
        try (var writer = new CsvExportWriter(file, Locale.of("pl"))) {
            writer.row(List.of(), rates);
            writer.row(List.of(), rates);
            writer.row(List.of(), times);
            writer.finish();
        }
        var lines = Files.readString(file).substring(1).split("\r\n");
        var percent = com.mobilemarketing.core.metrics.MetricFormat.percentFormat(Locale.of("pl"));
        var expectedRates = rates.stream().map(percent::format).toList();
        assertThat(List.of(lines[0].split(";"))).isEqualTo(expectedRates);
        assertThat(List.of(lines[1].split(";"))).isEqualTo(expectedRates);
        var time = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);
        assertThat(List.of(lines[2].split(";")))
                .isEqualTo(
                        times.stream().map(t -> time.format((LocalDateTime) t)).toList());
    }

    @Test
    void moneyIsThePlainAmountWithTheLanguagesDecimalSign(@TempDir Path dir) throws Exception {
        var amounts = List.<Object>of(
                new BigDecimal("1234.50"),
                new BigDecimal("0.0938"),
                new BigDecimal("-0.60"),
                BigDecimal.ZERO.setScale(2),
                new BigDecimal("1500"),
                new BigDecimal("1E+3"),
                new BigDecimal("123456789012345678901234.5"));
        for (var locale : List.of(Locale.of("pl"), Locale.ENGLISH)) {
            var file = dir.resolve(locale + ".csv");
            try (var writer = new CsvExportWriter(file, locale)) {
                writer.row(List.of(), amounts);
                writer.finish();
            }
            var separator = CsvExportWriter.separator(locale);
            var point = separator == ';' ? "," : ".";
            var expected = amounts.stream()
                    .map(a -> ((BigDecimal) a).toPlainString().replace(".", point))
                    .collect(java.util.stream.Collectors.joining(String.valueOf(separator)));
            assertThat(Files.readString(file)).isEqualTo("\uFEFF" + expected + "\r\n");
        }
    }
}
