package com.mobilemarketing.e2e;

import com.mobilemarketing.core.db.EmbeddedDatabase;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The packaged app, started once for the whole end-to-end suite: the production jar (or, when it
 * has not been built, the compiled classes on the test class path) on a free local port, with a
 * fresh embedded database under {@code target/e2e-db} filled with the demo data. Its output goes to
 * {@code target/e2e-app.log}; the JDBC URL it logs lets the tests recount figures in SQL.
 */
final class E2eApp implements AutoCloseable {

    private static final Pattern JDBC_URL = Pattern.compile("Embedded PostgreSQL is running: (jdbc:postgresql://\\S+)");
    private static final Pattern DEMO_READY =
            Pattern.compile("Demo data '.*' generated|Demo data: the database already has data");
    private static final Pattern STARTUP_FAILED = Pattern.compile("APPLICATION FAILED TO START");
    /** Generating a bigger demo tier on the first start takes minutes: {@code -De2e.start-timeout-seconds}. */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(Long.getLong("e2e.start-timeout-seconds", 240));

    private final @org.jspecify.annotations.Nullable Process process;
    private final String baseUrl;
    private final Path log;
    /** The embedded database's data directory (its passwords), or null for an app already running. */
    private final @org.jspecify.annotations.Nullable Path dataDir;

    private final CountDownLatch demoReady = new CountDownLatch(1);
    private volatile String jdbcUrl;
    private volatile boolean failed;

    private E2eApp(Process process, String baseUrl, Path log, @org.jspecify.annotations.Nullable Path dataDir) {
        this.process = process;
        this.baseUrl = baseUrl;
        this.log = log;
        this.dataDir = dataDir;
    }

    /**
     * Starts the app, or with {@code -De2e.url=http://localhost:PORT/ -De2e.jdbc=jdbc:postgresql://...
     * -De2e.jdbc-password=...} (the role's password from the data directory's pgpass) uses one that
     * is already running (handy while writing a journey).
     */
    static E2eApp start() {
        var running = System.getProperty("e2e.url");
        if (running != null && !running.isBlank()) {
            var app = new E2eApp(null, running.endsWith("/") ? running : running + "/", null, null);
            app.jdbcUrl = System.getProperty("e2e.jdbc");
            return app;
        }
        var target = target();
        // Screenshots and downloads of an earlier run would be mistaken for this run's.
        deleteRecursively(target.resolve("e2e-screenshots"));
        deleteRecursively(target.resolve("e2e-downloads"));
        return start(new Launch(
                target.resolve("e2e-db"),
                true,
                List.of("-Xmx1g", "-XX:TieredStopAtLevel=1"),
                // The figures must hold still while a journey compares them with a recount.
                List.of("--app.demo.live-traffic=false"),
                target.resolve("e2e-app.log")));
    }

    /**
     * How to start the app: its database directory (wiped first when {@code freshDatabase}, else
     * reused with the data it holds), JVM options, extra app arguments and where its output goes.
     */
    record Launch(Path dataDir, boolean freshDatabase, List<String> jvmOptions, List<String> appArguments, Path log) {}

    static Path target() {
        return Path.of(System.getProperty("e2e.target", "target")).toAbsolutePath();
    }

    static E2eApp start(Launch launch) {
        var target = target();
        if (launch.freshDatabase()) {
            deleteRecursively(launch.dataDir());
        }
        var port = freePort();
        var command = new ArrayList<String>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(launch.jvmOptions());
        command.add("-Dfile.encoding=UTF-8");
        var jar = Path.of(System.getProperty(
                "e2e.jar",
                target.resolve("mobile-marketing-dashboard-1.0.0-SNAPSHOT.jar").toString()));
        if (Files.isRegularFile(jar)) {
            command.addAll(List.of("-jar", jar.toString()));
        } else {
            // No packaged jar (e.g. run from an IDE): the compiled classes with the test class path.
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), "com.mobilemarketing.Application"));
        }
        command.addAll(List.of(
                "--server.port=" + port,
                "--app.embedded-db.data-dir=" + launch.dataDir(),
                "--app.embedded-db.port=0",
                "--vaadin.launch-browser=false"));
        command.addAll(launch.appArguments());
        try {
            var process = new ProcessBuilder(command)
                    .directory(target.getParent().toFile())
                    .redirectErrorStream(true)
                    .start();
            var app = new E2eApp(process, "http://localhost:" + port + "/", launch.log(), launch.dataDir());
            Runtime.getRuntime().addShutdownHook(new Thread(app::close));
            app.followOutput();
            app.awaitReady();
            return app;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the app: " + command, e);
        }
    }

    String baseUrl() {
        return baseUrl;
    }

    /** A connection as the app's role, seeing every account (row-level security needs this). */
    Connection connect() throws SQLException {
        var password = dataDir == null
                ? System.getProperty("e2e.jdbc-password", "")
                : EmbeddedDatabase.readCredentials(dataDir).orElseThrow().appPassword();
        var connection = DriverManager.getConnection(jdbcUrl, EmbeddedDatabase.ROLE, password);
        try (var statement = connection.createStatement()) {
            statement.execute("select set_config('app.all_accounts', 'on', false)");
        }
        return connection;
    }

    private void followOutput() throws IOException {
        var writer = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8), true);
        var reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        var thread = new Thread(
                () -> {
                    try (writer;
                            reader) {
                        String line;
                        while ((line = reader.readLine()) != null) {
                            writer.println(line);
                            var url = JDBC_URL.matcher(line);
                            if (url.find()) {
                                jdbcUrl = url.group(1);
                            }
                            if (DEMO_READY.matcher(line).find()) {
                                demoReady.countDown();
                            }
                            if (STARTUP_FAILED.matcher(line).find()) {
                                failed = true;
                            }
                        }
                    } catch (IOException e) {
                        // The process ended; its exit is noticed by the waiting code.
                    }
                },
                "e2e-app-output");
        thread.setDaemon(true);
        thread.start();
    }

    private void awaitReady() {
        var deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        var login = HttpRequest.newBuilder(URI.create(baseUrl() + "login"))
                .timeout(Duration.ofSeconds(10))
                .build();
        var up = false;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive() || failed) {
                throw new IllegalStateException("The app did not start; see " + log);
            }
            if (!up) {
                try {
                    up = http.send(login, HttpResponse.BodyHandlers.discarding())
                                    .statusCode()
                            == 200;
                } catch (IOException e) {
                    // Not listening yet.
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
            try {
                if (up && jdbcUrl != null && demoReady.await(500, TimeUnit.MILLISECONDS)) {
                    return;
                }
                if (!up) {
                    Thread.sleep(500);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        close();
        throw new IllegalStateException("The app was not ready within " + START_TIMEOUT + "; see " + log);
    }

    /** Stops the app by its process id: politely first (so the embedded database shuts down), then forcibly. */
    @Override
    public synchronized void close() {
        if (process == null || !process.isAlive()) {
            return;
        }
        var children = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // The embedded PostgreSQL is a child process: make sure none of it outlives the app.
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroy);
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (var path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not clean " + dir, e);
        }
    }
}
