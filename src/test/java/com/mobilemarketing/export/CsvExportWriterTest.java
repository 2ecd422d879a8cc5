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
    void neutralisesEveryFormulaStart() {
        assertThat(CsvExportWriter.neutralise("=1+2")).isEqualTo("'=1+2");
        assertThat(CsvExportWriter.neutralise("+1")).isEqualTo("'+1");
        assertThat(CsvExportWriter.neutralise("-1")).isEqualTo("'-1");
        assertThat(CsvExportWriter.neutralise("@x")).isEqualTo("'@x");
        assertThat(CsvExportWriter.neutralise("\t=x")).isEqualTo("'\t=x");
        assertThat(CsvExportWriter.neutralise("Promocja -20%")).isEqualTo("Promocja -20%");
        assertThat(CsvExportWriter.neutralise("")).isEmpty();
    }

    @Test
    void quotesOnlyWhereNeeded() {
        assertThat(CsvExportWriter.field("Róże")).isEqualTo("Róże");
        assertThat(CsvExportWriter.field("a,b")).isEqualTo("\"a,b\"");
        assertThat(CsvExportWriter.field("a;b")).isEqualTo("\"a;b\"");
        assertThat(CsvExportWriter.field("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(CsvExportWriter.field("two\nlines")).isEqualTo("\"two\nlines\"");
        assertThat(CsvExportWriter.field(" padded")).isEqualTo("\" padded\"");
    }

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
        assertThat(Files.readString(file)).isEqualTo(
                "\uFEFFNazwa,Wysłane,Współczynnik,Data\r\nŁódź,12,0.8125,2026-03-29 02:30:05\r\n'=x,,,\r\n");
    }

    @Test
    void ratesAreFractionsOfSentWithFourDecimals() {
        assertThat(ExportWorker.rate(1, 3)).isEqualTo(0.3333);
        assertThat(ExportWorker.rate(0, 0)).isNull();
        assertThat(ExportWorker.rate(5, 5)).isEqualTo(1.0);
    }
}
