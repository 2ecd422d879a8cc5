package com.mobilemarketing.cost;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.postgresql.copy.CopyIn;

/** Staging rows as CSV for COPY, sent in chunks: quoted text, unquoted empty for null. */
final class ReportCopyBuffer {

    /** Rows go to PostgreSQL in chunks of this many bytes: the memory of an import does not grow with the file. */
    private static final int COPY_CHUNK = 256 * 1024;

    private final CopyIn copy;
    private final StringBuilder text = new StringBuilder(COPY_CHUNK + 8_192);

    ReportCopyBuffer(CopyIn copy) {
        this.copy = copy;
    }

    void write(TwilioReport.Row row) {
        text.append(row.line()).append(',');
        quoted(row.sid());
        text.append(',').append(row.sentAt()).append(',').append(row.status()).append(',');
        quoted(row.gatewayStatus());
        text.append(',').append(row.segments()).append(',');
        if (row.price() != null) {
            text.append(row.price().toPlainString());
        }
        text.append(',');
        if (row.priceUnit() != null) {
            text.append(row.priceUnit().toUpperCase(Locale.ROOT));
        }
        text.append(',');
        quoted(row.errorCode());
        text.append(',');
        quoted(row.to());
        text.append('\n');
        if (text.length() >= COPY_CHUNK) {
            flush();
        }
    }

    private void quoted(@Nullable String value) {
        if (value == null) {
            return;
        }
        text.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"') {
                text.append('"');
            }
            text.append(c);
        }
        text.append('"');
    }

    void flush() {
        if (text.isEmpty()) {
            return;
        }
        var bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        try {
            copy.writeToCopy(bytes, 0, bytes.length);
        } catch (SQLException e) {
            throw new UncheckedIOException(new IOException(e));
        }
        text.setLength(0);
    }
}
