package com.mobilemarketing.ingest.bench;

import com.mobilemarketing.core.db.EmbeddedDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * A throw-away copy of a benchmark tier's database in the same server, made from it as a template
 * (a file copy, far quicker than loading the data again), so the load benchmark writes its messages
 * and events into the copy and the tier the query benchmark measures never changes.
 */
final class TierCopy {

    static final String NAME = "ingest_bench";

    private TierCopy() {}

    /** Drops an earlier copy, makes a new one; returns its JDBC URL. */
    static String create(EmbeddedDatabase database) throws SQLException {
        long start = System.nanoTime();
        try (var connection = superuser(database, "postgres");
                var statement = connection.createStatement()) {
            statement.execute("drop database if exists " + NAME);
            statement.execute("create database " + NAME + " template " + EmbeddedDatabase.ROLE + " owner "
                    + EmbeddedDatabase.ROLE + " strategy file_copy");
        }
        System.out.printf("Copied the tier into database %s in %.1f s%n", NAME, (System.nanoTime() - start) / 1e9);
        return url(database, NAME);
    }

    static void drop(EmbeddedDatabase database) throws SQLException {
        try (var connection = superuser(database, "postgres");
                var statement = connection.createStatement()) {
            statement.execute("drop database if exists " + NAME + " with (force)");
        }
    }

    static Connection superuser(EmbeddedDatabase database, String databaseName) throws SQLException {
        return DriverManager.getConnection(
                url(database, databaseName), EmbeddedDatabase.SUPERUSER, database.superuserPassword());
    }

    /** The database a JDBC URL names. */
    static String databaseName(String jdbcUrl) {
        return jdbcUrl.substring(jdbcUrl.lastIndexOf('/') + 1);
    }

    static String url(EmbeddedDatabase database, String databaseName) {
        var url = database.jdbcUrl();
        return url.substring(0, url.lastIndexOf('/') + 1) + databaseName;
    }
}
