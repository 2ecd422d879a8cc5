package com.mobilemarketing.core.db;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.function.Consumer;
import org.jooq.EnumType;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;

/**
 * The rows of a query read as PostgreSQL's binary {@code COPY} sends them: {@code copy (select ...)
 * to stdout (format binary)}. For exports of millions of rows: the server writes each value in its
 * binary form (no text formatting of numbers and timestamps), no cursor is fetched batch by batch,
 * and a row is read here in place, without an object per value. The select fixes each column's type;
 * the caller reads column {@code i} (from 0) with the method of that type.
 *
 * <p>Close it (try-with-resources): a copy left unread is cancelled, so the connection and its
 * transaction stay usable.
 */
public final class BinaryCopyRows implements AutoCloseable {

    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};

    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    /** 2000-01-01T00:00Z, PostgreSQL's epoch, in seconds of the Unix epoch. */
    private static final long PG_EPOCH_SECONDS = 946_684_800L;

    private final PGConnection connection;
    private final CopyOut copy;
    private byte[] buffer = new byte[1 << 16];
    private int position;
    private int limit;
    private int[] offsets = new int[32];
    private int[] lengths = new int[32];
    private int columns;
    private boolean finished;

    private BinaryCopyRows(PGConnection connection, CopyOut copy) {
        this.connection = connection;
        this.copy = copy;
    }

    /**
     * Runs {@code select} as a binary copy on the connection, inside its transaction, and hands each
     * row to {@code reader}, positioned on it. The select's values are written into it (jOOQ's {@code
     * renderInlined}: a copy takes no bind parameters). Without parallel workers for the rest of the
     * transaction: a cursor's select never had them, and for background work paid for in CPU each is
     * a process that first loads its caches.
     */
    public static void forEach(Connection connection, String select, Consumer<BinaryCopyRows> reader)
            throws SQLException {
        try (var statement = connection.createStatement()) {
            statement.execute("set local max_parallel_workers_per_gather = 0");
        }
        try (var rows = open(connection, select)) {
            while (rows.next()) {
                reader.accept(rows);
            }
        }
    }

    /**
     * Starts {@code copy (select) to stdout (format binary)} on the connection. The select cannot take
     * bind parameters: its values are written into it (jOOQ's {@code renderInlined}).
     */
    public static BinaryCopyRows open(Connection connection, String select) throws SQLException {
        if (!connection.getAutoCommit()) {
            // The driver begins a transaction with the first statement; when that statement is a
            // copy, it loses track of the begin's reply and the connection with it. A statement first.
            try (var statement = connection.createStatement()) {
                statement.execute("select");
            }
        }
        var pg = connection.unwrap(PGConnection.class);
        var copy = pg.getCopyAPI().copyOut("copy (" + select + ") to stdout (format binary)");
        var rows = new BinaryCopyRows(pg, copy);
        try {
            rows.readHeader();
        } catch (SQLException | RuntimeException e) {
            rows.close();
            throw e;
        }
        return rows;
    }

    private void readHeader() throws SQLException {
        require(SIGNATURE.length + 8);
        if (!Arrays.equals(buffer, position, position + SIGNATURE.length, SIGNATURE, 0, SIGNATURE.length)) {
            throw new IllegalStateException("not a binary COPY stream");
        }
        position += SIGNATURE.length + 4; // the flags: none is defined that changes the tuples
        var extension = readInt();
        require(extension);
        position += extension;
    }

    /** Moves to the next row; false after the last. */
    public boolean next() throws SQLException {
        if (finished) {
            return false;
        }
        compact();
        require(2);
        int count = readShort();
        if (count == -1) {
            finished = true;
            while (copy.readFromCopy() != null) {
                // the end of the stream: nothing follows the trailer
            }
            return false;
        }
        if (count > offsets.length) {
            offsets = new int[count];
            lengths = new int[count];
        }
        columns = count;
        for (var i = 0; i < count; i++) {
            require(4);
            var length = readInt();
            lengths[i] = length;
            if (length > 0) {
                require(length);
            }
            offsets[i] = position;
            position += Math.max(length, 0);
        }
        return true;
    }

    public boolean isNull(int column) {
        return length(column) < 0;
    }

    /** A {@code bigint}; 0 when it is null, as JDBC's {@code getLong}. */
    public long int8(int column) {
        var at = fixedSize(column, 8, "bigint");
        return at < 0 ? 0 : readLong(at);
    }

    /** A {@code boolean}; null when it is null. */
    public @Nullable Boolean bool(int column) {
        var at = fixedSize(column, 1, "boolean");
        return at < 0 ? null : buffer[at] != 0;
    }

    /** A {@code text} (or an enum's label, which a binary copy sends as its text). */
    public @Nullable String text(int column) {
        var length = length(column);
        return length < 0 ? null : new String(buffer, offsets[column], length, StandardCharsets.UTF_8);
    }

    /** An enum column's constant, found by its label's bytes: no text is made for it. */
    public <E extends Enum<E> & EnumType> @Nullable E label(int column, Labels<E> labels) {
        var length = length(column);
        if (length < 0) {
            return null;
        }
        var offset = offsets[column];
        for (var i = 0; i < labels.literals.length; i++) {
            var literal = labels.literals[i];
            if (Arrays.equals(buffer, offset, offset + length, literal, 0, literal.length)) {
                return labels.constants[i];
            }
        }
        throw new IllegalStateException("column " + column + " holds no label of "
                + labels.constants[0].getDeclaringClass().getSimpleName() + ": "
                + new String(buffer, offset, length, StandardCharsets.UTF_8));
    }

    /** The labels of a database enum as bytes, matched by {@link #label}. */
    public static final class Labels<E extends Enum<E> & EnumType> {

        private final E[] constants;
        private final byte[][] literals;

        private Labels(E[] constants) {
            this.constants = constants;
            this.literals = Arrays.stream(constants)
                    .map(c -> c.getLiteral().getBytes(StandardCharsets.UTF_8))
                    .toArray(byte[][]::new);
        }

        public static <E extends Enum<E> & EnumType> Labels<E> of(Class<E> type) {
            return new Labels<>(type.getEnumConstants());
        }
    }

    /** A {@code timestamptz} at UTC, as the driver returns it. */
    public @Nullable OffsetDateTime timestamptz(int column) {
        var at = fixedSize(column, 8, "timestamptz");
        if (at < 0) {
            return null;
        }
        var micros = readLong(at);
        if (micros == Long.MAX_VALUE || micros == Long.MIN_VALUE) {
            throw new IllegalStateException("column " + column + " is an infinite timestamp");
        }
        var instant = Instant.ofEpochSecond(
                PG_EPOCH_SECONDS + Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    /** Where a value of {@code bytes} bytes starts in the buffer; -1 for null; refused if it has another size. */
    private int fixedSize(int column, int bytes, String type) {
        var length = length(column);
        if (length < 0) {
            return -1;
        }
        if (length != bytes) {
            throw new IllegalStateException("column " + column + " is not a " + type + " (" + length + " bytes)");
        }
        return offsets[column];
    }

    private int length(int column) {
        if (column < 0 || column >= columns) {
            throw new IndexOutOfBoundsException("column " + column + " of " + columns);
        }
        return lengths[column];
    }

    /**
     * Stops a copy that was not read to its end: asks the server to cancel it and reads what it sent
     * until its error. The driver's own {@code cancelCopy} leaves those messages unread on the wire,
     * and the connection's next statement reads them as its reply. (If the copy ends by itself while
     * the cancel is on its way, a server waiting for the next statement ignores the cancel; one that
     * has already begun it would cancel that statement, as with the driver's {@code cancelCopy}, which
     * sends the same request. The window is the last rows of a copy.)
     */
    @Override
    public void close() throws SQLException {
        if (!copy.isActive()) {
            return;
        }
        connection.cancelQuery();
        try {
            while (copy.readFromCopy() != null) {
                // rows the server sent before the cancel reached it
            }
        } catch (SQLException e) {
            // "canceling statement due to user request": the copy ended; its transaction rolls back
        }
    }

    /** Makes room at the end of the buffer: between rows, when no offset points into it. */
    private void compact() {
        if (position == limit) {
            position = 0;
            limit = 0;
        } else if (position > buffer.length / 2) {
            System.arraycopy(buffer, position, buffer, 0, limit - position);
            limit -= position;
            position = 0;
        }
    }

    /** Reads messages of the copy until {@code bytes} are available from the position. */
    private void require(int bytes) throws SQLException {
        while (limit - position < bytes) {
            var chunk = copy.readFromCopy();
            if (chunk == null) {
                throw new IllegalStateException("the binary COPY stream ended inside a row");
            }
            if (limit + chunk.length > buffer.length) {
                buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, limit + chunk.length));
            }
            System.arraycopy(chunk, 0, buffer, limit, chunk.length);
            limit += chunk.length;
        }
    }

    private int readShort() {
        var value = (short) SHORT.get(buffer, position);
        position += 2;
        return value;
    }

    private int readInt() {
        var value = (int) INT.get(buffer, position);
        position += 4;
        return value;
    }

    private long readLong(int at) {
        return (long) LONG.get(buffer, at);
    }
}
