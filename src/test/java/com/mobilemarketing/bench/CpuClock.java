package com.mobilemarketing.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU seconds spent by this JVM and by the embedded PostgreSQL's processes: on a shared machine
 * wall-clock throughput says more about the neighbours than about the code; rows per CPU second
 * does not. Linux only; elsewhere (or with an external database) the database part is zero.
 */
public final class CpuClock {

    private static final double TICKS_PER_SECOND = 100.0;
    /** The kind that holds the postmaster's time and, once reaped, that of its children that ended. */
    static final String ENDED = "ended processes and the postmaster";

    private final long postmaster;

    private CpuClock(long postmaster) {
        this.postmaster = postmaster;
    }

    /** {@code dataDir}/postmaster.pid names the server; 0 when it is not there. */
    public static CpuClock of(Path dataDir) {
        try {
            var pidFile = dataDir.resolve("postmaster.pid");
            return new CpuClock(
                    Files.exists(pidFile)
                            ? Long.parseLong(
                                    Files.readAllLines(pidFile).getFirst().trim())
                            : 0);
        } catch (IOException | RuntimeException e) {
            return new CpuClock(0);
        }
    }

    /** The clock of the server behind {@code jdbcUrl}, found by a superuser's {@code show data_directory}. */
    public static CpuClock ofServer(String jdbcUrl, String superuser, String password) {
        try (var connection = java.sql.DriverManager.getConnection(jdbcUrl, superuser, password);
                var statement = connection.createStatement();
                var result = statement.executeQuery("show data_directory")) {
            result.next();
            return of(Path.of(result.getString(1)));
        } catch (java.sql.SQLException e) {
            return new CpuClock(0);
        }
    }

    public boolean seesDatabase() {
        return postmaster > 0;
    }

    /** CPU seconds of this JVM and of the database server. */
    public double seconds() {
        var jvm = ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() / 1e9
                : 0;
        return jvm + databaseSeconds();
    }

    /**
     * CPU seconds per database process so far, by "pid command line" (a backend names its user, database
     * and client; the reaped children count under the postmaster): which of them a piece of work kept busy.
     */
    public java.util.Map<String, Double> databaseSecondsByProcess() {
        var seconds = new java.util.HashMap<String, Double>();
        if (postmaster == 0) {
            return seconds;
        }
        try (var processes = Files.list(Path.of("/proc"))) {
            for (var dir : (Iterable<Path>) processes::iterator) {
                if (!dir.getFileName().toString().chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    var stat = Files.readString(dir.resolve("stat"));
                    // After the command name in parentheses: state ppid ... utime(14) stime(15).
                    var fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    var pid = Long.parseLong(dir.getFileName().toString());
                    if (pid == postmaster || Long.parseLong(fields[1]) == postmaster) {
                        var ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                        if (pid == postmaster) { // children that ended (autovacuum and parallel workers, ...)
                            ticks += Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
                        }
                        var command = Files.readString(dir.resolve("cmdline"))
                                .replace('\0', ' ')
                                .strip();
                        seconds.put(pid + " " + command, ticks / TICKS_PER_SECOND);
                    }
                } catch (IOException | RuntimeException ignored) {
                    // The process ended meanwhile.
                }
            }
        } catch (IOException e) {
            return seconds;
        }
        return seconds;
    }

    /**
     * CPU seconds per kind of database process: "client backends" for the connections, the server's
     * own by their title ("walwriter", "checkpointer", "autovacuum worker", "io worker", ...), and
     * "ended processes and the postmaster" for the children it reaped (autovacuum workers, parallel
     * workers, closed connections) with its own. Which part of the database's time the work itself took.
     */
    public java.util.Map<String, Double> databaseSecondsByKind() {
        var seconds = new java.util.TreeMap<String, Double>();
        databaseSecondsByProcess().forEach((process, cpu) -> seconds.merge(kind(process), cpu, Double::sum));
        return seconds;
    }

    /** The kind of a process named "pid command line" by {@link #databaseSecondsByProcess()}. */
    static String kind(String process) {
        var command = process.substring(process.indexOf(' ') + 1);
        if (!command.startsWith("postgres: ")) {
            return ENDED;
        }
        var title = command.substring("postgres: ".length());
        // A backend's title is "user database client state"; the server's own processes have fixed
        // titles, numbered ("io worker 2") or, for an autovacuum worker, followed by its database.
        if (title.contains("(") || title.contains("[local]")) {
            return "client backends";
        }
        return title.startsWith("autovacuum worker") ? "autovacuum worker" : title.replaceAll("[ 0-9]+$", "");
    }

    /** CPU seconds of the database server's processes (the postmaster, its children and the children it reaped). */
    public double databaseSeconds() {
        return databaseSecondsByProcess().values().stream()
                .mapToDouble(Double::doubleValue)
                .sum();
    }
}
