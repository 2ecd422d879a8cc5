package com.mobilemarketing.core.db;

import org.jooq.DSLContext;
import org.postgresql.PGConnection;

/**
 * Binary results for the statements of a long read, such as an export's cursor: PostgreSQL sends
 * counts and times as bytes instead of formatting each one as text, and the driver reads them
 * without parsing. The driver asks for binary results only for a statement prepared on the server,
 * which by default happens on its fifth run; a threshold of -1 prepares it on its first. Open it in
 * a try-with-resources around the read, inside the read's transaction: closing it puts the pooled
 * connection's threshold back.
 */
public final class BinaryResults implements AutoCloseable {

    private final PGConnection connection;
    private final int threshold;

    private BinaryResults(PGConnection connection) {
        this.connection = connection;
        this.threshold = connection.getPrepareThreshold();
        connection.setPrepareThreshold(-1);
    }

    /** Binary results for the statements {@code tx} runs on its transaction's connection from now on. */
    public static BinaryResults on(DSLContext tx) {
        return new BinaryResults(tx.connectionResult(c -> c.unwrap(PGConnection.class)));
    }

    @Override
    public void close() {
        connection.setPrepareThreshold(threshold);
    }
}
