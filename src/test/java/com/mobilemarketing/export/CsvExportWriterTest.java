package com.mobilemarketing.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CSV format's rules without a database. */
class CsvExportWriterTest {

    @Test
    void writesABomAHeaderAndTypedValues(@TempDir Path dir) throws Exception {
        var file = dir.resolve("x.csv");
        try (var writer = new CsvExportWriter(file)) {
            writer.header(List.of("Nazwa", "Wysłane", "Współczynnik", "Data"));
            writer.row(List.of(), Arrays.asList("Łódź", 12L, 0.8125, LocalDateTime.of(2026, 3, 29, 2, 30, 5)));
            writer.row(List.of(), Arrays.asList("=x", null, null, null));
            writer.finish();
        }
        var bytes = Files.readAllBytes(file);
        assertThat(bytes).startsWith(0xEF, 0xBB, 0xBF);
        assertThat(Files.readString(file))
                .isEqualTo("\uFEFFNazwa,Wysłane,Współczynnik,Data\r\nŁódź,12,0.8125,2026-03-29 02:30:05\r\n'=x,,,\r\n");
    }

    @Test
    void ratesAreFractionsWithFourDecimals() {
        assertThat(ExportWorker.rate(1, 3)).isEqualTo(0.3333);
        assertThat(ExportWorker.rate(0, 0)).isNull();
        assertThat(ExportWorker.rate(5, 5)).isEqualTo(1.0);
    }
}
