package com.mobilemarketing.export;

import com.mobilemarketing.core.columns.MessageColumn;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Writes one export file row by row. Cells are typed: {@link String}, {@link Long} (a count),
 * {@link Double} (a rate, as a fraction), {@link java.time.LocalDateTime} (local time of the
 * account) or null (empty).
 */
public interface ExportWriter extends AutoCloseable {

    void header(List<String> names) throws IOException;

    void row(List<MessageColumn.Kind> kinds, List<Object> cells) throws IOException;

    /**
     * How many rows are coming, told after the header and before the first row where it is known:
     * XLSX writes the sheet's dimension before its rows.
     */
    default void expectRows(long rows) {}

    /** Completes the file; only a finished file may be published. */
    void finish() throws IOException;

    @Override
    void close() throws IOException;

    /** {@code locale}: the language of the export, which decides the CSV dialect. */
    static ExportWriter open(ExportFormat format, Path file, Locale locale) throws IOException {
        return switch (format) {
            case CSV -> new CsvExportWriter(file, locale);
            case XLSX -> new XlsxExportWriter(file);
        };
    }
}
