package com.mobilemarketing.core.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL started inside the app when no external datasource URL is configured. Its data
 * directory survives restarts; tests ask for an ephemeral instance, started once per JVM and
 * shared by every Spring context of the test run.
 *
 * <p>The app connects as the non-superuser {@value #ROLE}, the owner of database {@value #ROLE}:
 * superusers bypass row-level security. Every connection needs a password (SCRAM-SHA-256, also
 * over the local socket): the superuser {@value #SUPERUSER} and {@value #ROLE} get random passwords,
 * kept in the data directory in {@value #PASSWORD_FILE} (libpq's password file format, readable only
 * by the app's user). A data directory of an older version (password-less "trust" access, fixed
 * password) gets its passwords and {@code pg_hba.conf} on its first start with this version.
 *
 * <p>Durable (the default) means {@code fsync}, {@code synchronous_commit} and {@code
 * full_page_writes} on, so a committed transaction survives an OS crash or a power loss; only tests
 * and benchmarks that throw their data away turn it off.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    public static final String ROLE = "dashboard";
    public static final String SUPERUSER = "postgres";
    /** The passwords, in the data directory; {@code PGPASSFILE=<data-dir>/pgpass psql ...} uses it. */
    public static final String PASSWORD_FILE = "pgpass";

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);
    private static final Set<PosixFilePermission> OWNER_ONLY =
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    private static final String PG_HBA = """
            # Written by the app at every start of its embedded PostgreSQL: every connection needs a
            # password (SCRAM-SHA-256), also over the local socket. The passwords are in the file pgpass.
            local   all   all                  scram-sha-256
            host    all   all   127.0.0.1/32   scram-sha-256
            host    all   all   ::1/128        scram-sha-256
            """;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static @Nullable EmbeddedDatabase shared;

    /** The passwords of the superuser and of the app's role. */
    public record Credentials(String superuserPassword, String appPassword) {

        static Credentials random() {
            return new Credentials(randomPassword(), randomPassword());
        }

        String pgpass() {
            // Host, port and database "*": the file serves psql whatever port the instance got.
            return "*:*:*:" + SUPERUSER + ":" + superuserPassword + "\n" + "*:*:*:" + ROLE + ":" + appPassword + "\n";
        }

        static Credentials parse(String pgpass, Path file) {
            var passwords = new HashMap<String, String>();
            for (var line : pgpass.split("\n")) {
                var fields = line.strip().split(":", 5);
                if (fields.length == 5) {
                    passwords.put(fields[3], fields[4]);
                }
            }
            var superuser = passwords.get(SUPERUSER);
            var app = passwords.get(ROLE);
            if (superuser == null || app == null) {
                throw new IllegalStateException(file + " lacks the password of " + SUPERUSER + " or " + ROLE);
            }
            return new Credentials(superuser, app);
        }
    }

    private final EmbeddedPostgres postgres;
    private final Credentials credentials;
    private final boolean ephemeral;

    private EmbeddedDatabase(EmbeddedPostgres postgres, Credentials credentials, boolean ephemeral) {
        this.postgres = postgres;
        this.credentials = credentials;
        this.ephemeral = ephemeral;
    }

    /** A persistent instance in {@code dataDirectory}; port 0 picks a free port. */
    public static EmbeddedDatabase persistent(Path dataDirectory, int port, boolean durable) {
        return persistent(dataDirectory, port, durable, Map.of());
    }

    /** As above, with more server settings (e.g. a benchmark's {@code shared_preload_libraries}). */
    public static EmbeddedDatabase persistent(
            Path dataDirectory, int port, boolean durable, Map<String, String> serverConfig) {
        try {
            Files.createDirectories(dataDirectory);
            var credentials = readCredentials(dataDirectory).orElseGet(Credentials::random);
            var builder = configure(EmbeddedPostgres.builder(), credentials, durable, serverConfig)
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false);
            if (port > 0) {
                builder.setPort(port);
            }
            return bootstrap(builder.start(), credentials, false);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dataDirectory, e);
        }
    }

    /**
     * The throw-away instance of this JVM (tests, benchmarks); the first caller decides whether it
     * is durable.
     */
    public static EmbeddedDatabase ephemeral(boolean durable) {
        return ephemeral(durable, Map.of());
    }

    /** As above, with more server settings for the first caller. */
    public static synchronized EmbeddedDatabase ephemeral(boolean durable, Map<String, String> serverConfig) {
        if (shared == null) {
            var credentials = Credentials.random();
            try {
                shared = bootstrap(
                        configure(EmbeddedPostgres.builder(), credentials, durable, serverConfig)
                                .start(),
                        credentials,
                        true);
            } catch (IOException e) {
                throw new UncheckedIOException("Could not start the embedded PostgreSQL", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(shared::stop));
        }
        return shared;
    }

    /** The passwords kept in an embedded database's data directory, if it has them. */
    public static Optional<Credentials> readCredentials(Path dataDirectory) {
        var file = dataDirectory.resolve(PASSWORD_FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            restrictToOwner(file);
            return Optional.of(Credentials.parse(Files.readString(file, StandardCharsets.UTF_8), file));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + file, e);
        }
    }

    private static EmbeddedPostgres.Builder configure(
            EmbeddedPostgres.Builder builder,
            Credentials credentials,
            boolean durable,
            Map<String, String> serverConfig) {
        var onOff = durable ? "on" : "off";
        builder.setServerConfig("max_connections", "200")
                .setServerConfig("shared_buffers", "512MB")
                .setServerConfig("work_mem", "32MB")
                .setServerConfig("maintenance_work_mem", "512MB")
                .setServerConfig("max_wal_size", "4GB")
                // The embedded server starts with fsync off unless told otherwise (postgres -F).
                .setServerConfig("fsync", onOff)
                .setServerConfig("synchronous_commit", onOff)
                .setServerConfig("full_page_writes", onOff)
                .setServerConfig("listen_addresses", "localhost")
                .setServerConfig("password_encryption", "scram-sha-256")
                .setServerConfig("timezone", "UTC")
                .setServerConfig("jit", "off");
        // The caller's settings last: they may replace the defaults above (a benchmark's buffers).
        serverConfig.forEach(builder::setServerConfig);
        return builder
                // Start-up checks and the bootstrap connect as the superuser, with its password.
                .setConnectConfig("password", credentials.superuserPassword())
                .setDataDirectoryCustomizer(dataDirectory -> prepareDataDirectory(dataDirectory, credentials));
    }

    /**
     * Runs after initdb, before the server starts. Keeps the passwords in the data directory; a
     * directory that had them already gets its password-only {@code pg_hba.conf} back before the
     * server starts. A new or older directory gets it in {@link #bootstrap}, once the roles have
     * their passwords.
     */
    private static void prepareDataDirectory(File dataDirectory, Credentials credentials) {
        var directory = dataDirectory.toPath();
        var file = directory.resolve(PASSWORD_FILE);
        try {
            if (Files.exists(file)) {
                writePgHba(directory);
            } else {
                writeOwnerOnly(file, credentials.pgpass());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not prepare " + directory, e);
        }
    }

    private static EmbeddedDatabase bootstrap(EmbeddedPostgres postgres, Credentials credentials, boolean ephemeral) {
        try (var admin = postgres.getPostgresDatabase().getConnection();
                var statement = admin.createStatement()) {
            // Passwords are base64url: nothing in them needs quoting.
            statement.execute("alter role " + SUPERUSER + " password '" + credentials.superuserPassword() + "'");
            var roleExists = statement.executeQuery("select 1 from pg_roles where rolname = '" + ROLE + "'");
            if (roleExists.next()) {
                statement.execute(
                        "alter role " + ROLE + " login nosuperuser password '" + credentials.appPassword() + "'");
            } else {
                statement.execute(
                        "create role " + ROLE + " login createdb password '" + credentials.appPassword() + "'");
            }
            var dbExists = statement.executeQuery("select 1 from pg_database where datname = '" + ROLE + "'");
            if (!dbExists.next()) {
                statement.execute("create database " + ROLE + " owner " + ROLE);
            }
            Path dataDirectory;
            try (var result = statement.executeQuery("show data_directory")) {
                result.next();
                dataDirectory = Path.of(result.getString(1));
            }
            if (writePgHba(dataDirectory)) {
                statement.execute("select pg_reload_conf()");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not prepare the embedded database", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the embedded database's pg_hba.conf", e);
        }
        try (var db = postgres.getDatabase(SUPERUSER, ROLE).getConnection();
                var statement = db.createStatement()) {
            statement.execute("create extension if not exists pg_trgm");
        } catch (SQLException e) {
            throw new IllegalStateException("Could not prepare the embedded database", e);
        }
        var database = new EmbeddedDatabase(postgres, credentials, ephemeral);
        log.info(
                "Embedded PostgreSQL is running: {} (user {}; passwords in the data directory's file {})",
                database.jdbcUrl(),
                ROLE,
                PASSWORD_FILE);
        return database;
    }

    /** Writes the password-only pg_hba.conf; true when it changed. */
    private static boolean writePgHba(Path dataDirectory) throws IOException {
        var file = dataDirectory.resolve("pg_hba.conf");
        if (Files.exists(file) && Files.readString(file, StandardCharsets.UTF_8).equals(PG_HBA)) {
            return false;
        }
        Files.writeString(file, PG_HBA, StandardCharsets.UTF_8);
        return true;
    }

    private static void writeOwnerOnly(Path file, String content) throws IOException {
        try {
            if (Files.getFileAttributeView(file.getParent(), PosixFileAttributeView.class) != null) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            } else {
                Files.createFile(file);
            }
        } catch (FileAlreadyExistsException e) {
            // Written by an earlier start that stopped before the server came up: overwrite.
            restrictToOwner(file);
        }
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    private static void restrictToOwner(Path file) throws IOException {
        var view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (view != null && !view.readAttributes().permissions().equals(OWNER_ONLY)) {
            view.setPermissions(OWNER_ONLY);
        }
    }

    private static String randomPassword() {
        var bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + ROLE;
    }

    public String username() {
        return ROLE;
    }

    public String password() {
        return credentials.appPassword();
    }

    /** The superuser's password: for tests and tools that administer the instance, never for the app. */
    public String superuserPassword() {
        return credentials.superuserPassword();
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
