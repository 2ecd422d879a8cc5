package com.mobilemarketing.core.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mobilemarketing.AbstractDatabaseTest;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.util.PSQLException;

/**
 * The embedded PostgreSQL of {@code spring-boot:run} and {@code java -jar} is durable and needs a
 * password for every connection; only the tests' throw-away instance runs without fsync.
 */
class EmbeddedDatabaseTest extends AbstractDatabaseTest {

    @TempDir
    Path dataDirectory;

    @Test
    void theAppsDatabaseIsDurableAndRefusesConnectionsWithoutPassword() throws Exception {
        try (var database = EmbeddedDatabase.persistent(dataDirectory, 0, true)) {
            try (var connection = connect(database.jdbcUrl(), database.username(), database.password())) {
                assertThat(setting(connection, "fsync")).isEqualTo("on");
                assertThat(setting(connection, "synchronous_commit")).isEqualTo("on");
                assertThat(setting(connection, "full_page_writes")).isEqualTo("on");
                // The app's role is no superuser, so row-level security applies to it.
                assertThat(value(connection, "select rolsuper from pg_roles where rolname = current_user"))
                        .isEqualTo("f");
            }
            assertRefused(database.jdbcUrl(), EmbeddedDatabase.SUPERUSER, null);
            assertRefused(database.jdbcUrl(), EmbeddedDatabase.ROLE, null);
            assertRefused(database.jdbcUrl(), EmbeddedDatabase.SUPERUSER, "postgres");
            assertRefused(database.jdbcUrl(), EmbeddedDatabase.ROLE, "dashboard");
            // Local socket and TCP alike: no rule of pg_hba.conf lets anyone in without a password.
            try (var admin = connect(
                    database.jdbcUrl().replace("/" + EmbeddedDatabase.ROLE, "/postgres"),
                    EmbeddedDatabase.SUPERUSER,
                    database.superuserPassword())) {
                assertThat(value(admin, "select count(*) from pg_hba_file_rules"))
                        .isEqualTo("3");
                assertThat(
                                value(
                                        admin,
                                        "select count(*) from pg_hba_file_rules where auth_method <> 'scram-sha-256' or error is not null"))
                        .isEqualTo("0");
            }
        }
        assertPasswordFileIsPrivate();
    }

    @Test
    void aDataDirectoryOfTheOldVersionGetsPasswordsOnItsFirstStartAndKeepsItsData() throws Exception {
        // As the earlier version left it: password-less access, the app's role with a fixed password.
        try (var old = EmbeddedPostgres.builder()
                        .setDataDirectory(dataDirectory)
                        .setCleanDataDirectory(false)
                        .start();
                var admin = old.getPostgresDatabase().getConnection();
                var statement = admin.createStatement()) {
            statement.execute("create role dashboard login createdb password 'dashboard'");
            statement.execute("create database dashboard owner dashboard");
            try (var app = old.getDatabase("dashboard", "dashboard").getConnection();
                    var appStatement = app.createStatement()) {
                appStatement.execute("create table kept (id int); insert into kept values (7)");
            }
        }
        try (var database = EmbeddedDatabase.persistent(dataDirectory, 0, true)) {
            try (var connection = connect(database.jdbcUrl(), database.username(), database.password())) {
                assertThat(value(connection, "select id from kept")).isEqualTo("7");
            }
            assertRefused(database.jdbcUrl(), EmbeddedDatabase.SUPERUSER, null);
            assertRefused(database.jdbcUrl(), EmbeddedDatabase.ROLE, "dashboard");
        }
        // The next start reads the passwords kept in the data directory.
        try (var database = EmbeddedDatabase.persistent(dataDirectory, 0, true);
                var connection = connect(database.jdbcUrl(), database.username(), database.password())) {
            assertThat(value(connection, "select id from kept")).isEqualTo("7");
            assertThat(database.password())
                    .isEqualTo(EmbeddedDatabase.readCredentials(dataDirectory)
                            .orElseThrow()
                            .appPassword());
        }
        assertPasswordFileIsPrivate();
    }

    @Test
    void onlyTheTestsThrowAwayDatabaseRunsWithoutFsync() {
        assertThat(queryValue(String.class, "show fsync")).isEqualTo("off");
        assertThat(queryValue(String.class, "select current_user")).isEqualTo(EmbeddedDatabase.ROLE);
        assertThat(queryValue(Boolean.class, "select rolsuper from pg_roles where rolname = current_user"))
                .isFalse();
    }

    private void assertPasswordFileIsPrivate() throws IOException {
        var file = dataDirectory.resolve(EmbeddedDatabase.PASSWORD_FILE);
        assertThat(file).isRegularFile();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
    }

    private static void assertRefused(String url, String user, String password) {
        assertThatThrownBy(() -> connect(url, user, password).close())
                .isInstanceOf(PSQLException.class)
                .hasMessageContaining("password");
    }

    private static Connection connect(String url, String user, String password) throws SQLException {
        var properties = new Properties();
        properties.setProperty("user", user);
        if (password != null) {
            properties.setProperty("password", password);
        }
        return DriverManager.getConnection(url, properties);
    }

    private static String setting(Connection connection, String name) throws SQLException {
        return value(connection, "show " + name);
    }

    private static String value(Connection connection, String sql) throws SQLException {
        try (var statement = connection.createStatement();
                var result = statement.executeQuery(sql)) {
            result.next();
            return result.getString(1);
        }
    }
}
