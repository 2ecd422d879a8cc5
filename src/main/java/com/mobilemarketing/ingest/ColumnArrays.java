package com.mobilemarketing.ingest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * The parameters of a statement that takes its rows as arrays, one per column ({@code unnest}), set
 * in order from the next parameter on: the statement text is the same for any batch size, so
 * PostgreSQL plans it once per connection. Plain JDBC: on the ingest paths, rendering and binding
 * through jOOQ cost more CPU than the statement itself.
 */
final class ColumnArrays<T> {

    private final Connection connection;
    private final PreparedStatement statement;
    private final List<T> rows;
    private int parameter;

    ColumnArrays(Connection connection, PreparedStatement statement, int firstParameter, List<T> rows) {
        this.connection = connection;
        this.statement = statement;
        this.parameter = firstParameter;
        this.rows = rows;
    }

    ColumnArrays<T> bigints(Function<? super T, Long> value) throws SQLException {
        return column("bigint", Long[]::new, value);
    }

    ColumnArrays<T> integers(Function<? super T, Integer> value) throws SQLException {
        return column("integer", Integer[]::new, value);
    }

    ColumnArrays<T> texts(Function<? super T, String> value) throws SQLException {
        return column("text", String[]::new, value);
    }

    ColumnArrays<T> booleans(Function<? super T, Boolean> value) throws SQLException {
        return column("boolean", Boolean[]::new, value);
    }

    private <V> ColumnArrays<T> column(String type, IntFunction<V[]> arrays, Function<? super T, V> value)
            throws SQLException {
        var values = arrays.apply(rows.size());
        for (int i = 0; i < values.length; i++) {
            values[i] = value.apply(rows.get(i));
        }
        statement.setArray(parameter++, connection.createArrayOf(type, values));
        return this;
    }
}
