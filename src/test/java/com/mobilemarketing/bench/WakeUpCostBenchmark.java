package com.mobilemarketing.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.mobilemarketing.core.db.EmbeddedDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * A benchmark, not a timed test: what the same small piece of work costs in CPU when it comes
 * back to back and when it comes after a pause, with none of the app's code in it. It explains why a
 * callback at 500/s costs more than one at 5 000/s (docs/benchmarks.md, "The same work after a
 * pause"). Two kinds of work, each done N times with a pause of 0, 2, 10 and 30 ms before each:
 * <ul>
 *   <li>a commit of a one-row insert on a durable embedded PostgreSQL (the group commit's writer at
 *       a low rate commits every 20–40 ms), measured as the backend's time on a CPU from
 *       {@code /proc/<pid>/schedstat} (exact, not sampled by the clock tick);
 *   <li>a hand-off from one JVM thread to another that signs 300 bytes with HMAC-SHA256 and hands
 *       back (a request's trip from the listener to the writer and back), measured as both threads'
 *       CPU time.
 * </ul>
 * Linux only. Run it with {@code ./mvnw verify -Dtest=WakeUpCostBenchmark -Dwakeup.benchmark.times=1000
 * -Dsurefire.failIfNoSpecifiedTests=false -DskipITs}.
 */
@EnabledIfSystemProperty(named = "wakeup.benchmark.times", matches = "\\d+")
class WakeUpCostBenchmark {

    private static final long[] PAUSES_MS = {0, 2, 10, 30};

    @Test
    void printsTheCpuOfTheSameWorkBackToBackAndAfterPauses() throws Exception {
        var times = Integer.getInteger("wakeup.benchmark.times");
        var database = EmbeddedDatabase.ephemeral(true);
        var rows = new StringBuilder();
        try (var connection = DriverManager.getConnection(
                database.jdbcUrl(), EmbeddedDatabase.SUPERUSER, database.superuserPassword())) {
            var backend = backendPid(connection);
            try (var statement = connection.createStatement()) {
                // Not a temporary table: a commit of one writes and flushes WAL, as the writer's does.
                statement.execute("create table wake_up (id bigint, body text)");
            }
            commits(connection, backend, 200, 0); // the JIT, the plan and the table's first pages
            HandOff.cpuMicros(200, 0);
            for (var pause : PAUSES_MS) {
                var commit = commits(connection, backend, times, pause);
                var handOff = HandOff.cpuMicros(times, pause);
                rows.append(String.format(Locale.ROOT, "| %d ms | %.0f | %.0f |%n", pause, commit, handOff));
                assertThat(commit).isPositive();
                assertThat(handOff).isPositive();
            }
            try (var statement = connection.createStatement()) {
                statement.execute("drop table wake_up");
            }
        }
        System.out.printf(
                Locale.ROOT,
                "==== The same work back to back and after a pause, %d times each ====%n"
                        + "| pause before each | PostgreSQL: µs of the backend a one-row commit | JVM: µs of both threads a hand-off and back |%n"
                        + "|---:|---:|---:|%n%s",
                times,
                rows);
    }

    /** The backend's µs on a CPU per commit of a one-row insert, each after {@code pauseMs}. */
    private static double commits(Connection connection, long backend, int times, long pauseMs) throws SQLException {
        try (var insert = connection.prepareStatement("insert into wake_up values (?, 'a delivery report')")) {
            var before = onCpuNanos(backend);
            for (int i = 0; i < times; i++) {
                HandOff.pause(pauseMs);
                insert.setLong(1, i);
                insert.executeUpdate();
            }
            return (onCpuNanos(backend) - before) / 1e3 / times;
        }
    }

    private static long backendPid(Connection connection) throws SQLException {
        try (var statement = connection.createStatement();
                var result = statement.executeQuery("select pg_backend_pid()")) {
            result.next();
            return result.getLong(1);
        }
    }

    /** The first field of /proc/<pid>/schedstat: nanoseconds the process ran on a CPU. */
    private static long onCpuNanos(long pid) {
        try {
            return Long.parseLong(
                    Files.readString(Path.of("/proc/" + pid + "/schedstat")).split(" ")[0]);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
