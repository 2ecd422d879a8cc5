package com.mobilemarketing.export;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes one export file row by row. Cells are typed: {@link String}, {@link Long} (a count),
 * {@link Double} (a rate, as a fraction), {@link java.time.LocalDateTime} (local time of the
 * account) or null (empty).
 */
public interface ExportWriter extends AutoCloseable {

    void header(List<String> names) throws IOException;

    void row(List<ExportColumn.Kind> kinds, List<Object> cells) throws IOException;

    /** Completes the file; only a finished file may be published. */
    void finish() throws IOException;

    @Override
    void close() throws IOException;

    static ExportWriter open(ExportFormat format, Path file) throws IOException {
        return switch (format) {
            case CSV -> new CsvExportWriter(file);
            case XLSX -> new XlsxExportWriter(file);
        };
    }
}
