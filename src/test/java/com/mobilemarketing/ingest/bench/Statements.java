package com.mobilemarketing.ingest.bench;

import com.mobilemarketing.core.db.EmbeddedDatabase;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;

/**
 * What the database spent its time on during the load ({@code --statements}): pg_stat_statements
 * of the benchmark's database, reset before the load and read after it, the statements that took
 * the most planning and execution time first, per unit of work (an accepted callback, an exported row),
 * with the pages each read from outside the buffer cache and what each wrote to the WAL: whole pages
 * (the first change to a page after a checkpoint writes a full image of it) and megabytes.
 */
public final class Statements {

    /**
     * The server settings that load pg_stat_statements, statements inside functions and triggers
     * included (an order batch is one function call), and time the reads of pages from outside
     * the database's buffers (which at the L tier are much of a statement's time, and no CPU);
     * nothing else differs from the app's database.
     */
    public static final Map<String, String> SERVER_CONFIG = Map.of(
            "shared_preload_libraries",
            "pg_stat_statements",
            "pg_stat_statements.track_planning",
            "on",
            "pg_stat_statements.track",
            "all",
            "track_io_timing",
            "on");

    private final EmbeddedDatabase database;
    private final String databaseName;

    private Statements(EmbeddedDatabase database, String databaseName) {
        this.database = database;
        this.databaseName = databaseName;
    }

    public static Statements reset(String jdbcUrl, EmbeddedDatabase database) throws SQLException {
        var name = TierCopy.databaseName(jdbcUrl);
        try (var connection = TierCopy.superuser(database, name);
                var statement = connection.createStatement()) {
            statement.execute("create extension if not exists pg_stat_statements");
            statement.execute("select pg_stat_statements_reset()");
        }
        return new Statements(database, name);
    }

    void print(long callbacks) throws SQLException {
        print(callbacks, "callback");
    }

    public void print(long units, String unit) throws SQLException {
        try (var connection = TierCopy.superuser(database, databaseName);
                var statement = connection.createStatement();
                var result = statement.executeQuery("""
                        select calls, total_plan_time, total_exec_time, rows,
                               left(regexp_replace(query, '\\s+', ' ', 'g'), 160),
                               shared_blks_read, shared_blk_read_time, wal_fpi, wal_bytes
                        from pg_stat_statements
                        where dbid = (select oid from pg_database where datname = current_database())
                        order by total_plan_time + total_exec_time desc
                        limit 25
                        """)) {
            System.out.printf("%nTop statements by planning + execution time (pg_stat_statements):%n");
            System.out.printf(
                    "%10s %10s %10s %12s %10s %10s %10s %10s %8s  %s%n",
                    "calls",
                    "plan ms",
                    "exec ms",
                    "rows",
                    "µs/" + unit,
                    "pages read",
                    "read ms",
                    "WAL pages",
                    "WAL MB",
                    "query");
            while (result.next()) {
                double plan = result.getDouble(2);
                double exec = result.getDouble(3);
                System.out.printf(
                        Locale.ROOT,
                        "%10d %10.0f %10.0f %12d %10.1f %10d %10.0f %10d %8.1f  %s%n",
                        result.getLong(1),
                        plan,
                        exec,
                        result.getLong(4),
                        (plan + exec) * 1000 / Math.max(1, units),
                        result.getLong(6),
                        result.getDouble(7),
                        result.getLong(8),
                        result.getBigDecimal(9).doubleValue() / (1 << 20),
                        result.getString(5));
            }
        }
    }
}
