package com.mobilemarketing.core.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL started inside the app when no external datasource URL is configured. Its data
 * directory survives restarts; tests ask for an ephemeral instance, started once per JVM and
 * shared by every Spring context of the test run.
 *
 * <p>The app connects as the non-superuser {@value #ROLE}, the owner of database {@value #ROLE}:
 * superusers bypass row-level security.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    public static final String ROLE = "dashboard";
    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);
    private static @Nullable EmbeddedDatabase shared;

    private final EmbeddedPostgres postgres;
    private final boolean ephemeral;

    private EmbeddedDatabase(EmbeddedPostgres postgres, boolean ephemeral) {
        this.postgres = postgres;
        this.ephemeral = ephemeral;
    }

    /** A persistent instance in {@code dataDirectory}; port 0 picks a free port. */
    public static EmbeddedDatabase persistent(Path dataDirectory, int port) {
        try {
            Files.createDirectories(dataDirectory);
            var builder = configure(EmbeddedPostgres.builder())
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false);
            if (port > 0) {
                builder.setPort(port);
            }
            return bootstrap(builder.start(), false);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dataDirectory, e);
        }
    }

    /** The throw-away instance of this JVM (tests, benchmarks). */
    public static synchronized EmbeddedDatabase ephemeral() {
        if (shared == null) {
            try {
                shared = bootstrap(configure(EmbeddedPostgres.builder()).start(), true);
            } catch (IOException e) {
                throw new UncheckedIOException("Could not start the embedded PostgreSQL", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(shared::stop));
        }
        return shared;
    }

    private static EmbeddedPostgres.Builder configure(EmbeddedPostgres.Builder builder) {
        return builder.setServerConfig("max_connections", "200")
                .setServerConfig("shared_buffers", "512MB")
                .setServerConfig("work_mem", "32MB")
                .setServerConfig("maintenance_work_mem", "512MB")
                .setServerConfig("max_wal_size", "4GB")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("timezone", "UTC")
                .setServerConfig("jit", "off");
    }

    private static EmbeddedDatabase bootstrap(EmbeddedPostgres postgres, boolean ephemeral) {
        try (var admin = postgres.getPostgresDatabase().getConnection();
                var statement = admin.createStatement()) {
            var roleExists = statement.executeQuery("select 1 from pg_roles where rolname = '" + ROLE + "'");
            if (!roleExists.next()) {
                statement.execute("create role " + ROLE + " login createdb password '" + ROLE + "'");
            }
            var dbExists = statement.executeQuery("select 1 from pg_database where datname = '" + ROLE + "'");
            if (!dbExists.next()) {
                statement.execute("create database " + ROLE + " owner " + ROLE);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not prepare the embedded database", e);
        }
        try (var db = postgres.getDatabase("postgres", ROLE).getConnection();
                var statement = db.createStatement()) {
            statement.execute("create extension if not exists pg_trgm");
        } catch (SQLException e) {
            throw new IllegalStateException("Could not prepare the embedded database", e);
        }
        var database = new EmbeddedDatabase(postgres, ephemeral);
        log.info("Embedded PostgreSQL is running: {} (user {}, password {})", database.jdbcUrl(), ROLE, ROLE);
        return database;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + ROLE;
    }

    public String username() {
        return ROLE;
    }

    public String password() {
        return ROLE;
    }

    @Override
    public void close() {
        if (!ephemeral) {
            stop();
        }
    }

    private void stop() {
        try {
            postgres.close();
        } catch (IOException e) {
            log.warn("Embedded PostgreSQL did not stop cleanly", e);
        }
    }
}
