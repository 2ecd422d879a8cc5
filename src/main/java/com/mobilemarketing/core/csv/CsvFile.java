package com.mobilemarketing.core.csv;

import com.mobilemarketing.core.io.Utf8Writer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A CSV file we hand out, written row by row as a source streams its rows (RFC 4180, UTF-8 with a
 * byte order mark so spreadsheet programs pick the encoding, cells made safe by {@link CsvCells}).
 */
public final class CsvFile {

    private CsvFile() {}

    /**
     * Writes the header, then one line per row that {@code source} hands to the sink it is given;
     * returns the number of rows written.
     */
    public static <T> long write(
            OutputStream out, List<String> header, Consumer<Consumer<T>> source, Function<T, List<String>> cells) {
        var writer = new Utf8Writer(out, 64 * 1024);
        var rows = new long[1];
        try {
            writer.write(CsvCells.BOM);
            line(writer, header);
            source.accept(row -> {
                try {
                    line(writer, cells.apply(row));
                    rows[0]++;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows[0];
    }

    private static void line(Writer writer, List<String> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                writer.write(',');
            }
            writer.write(CsvCells.text(cells.get(i)));
        }
        writer.write(CsvCells.LINE_END);
    }
}
