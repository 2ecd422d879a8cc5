package com.mobilemarketing.ingest.bench;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The app under test as a child process on 127.0.0.1 against the benchmark's database, so that
 * the benchmark can kill it hard (SIGKILL, like a crash or an OOM kill) and start it again while
 * the database and the load generator carry on. Same java binary and classpath as the benchmark
 * (without the test classes), output appended to a log file.
 */
final class AppProcess {

    private final List<String> command;
    private final Map<String, String> environment;
    private final Path log;
    private final int port;
    private volatile Process process;
    /** Where the current process's output starts in the log. */
    private long logOffset;

    private Duration cpuOfEarlierProcesses = Duration.ZERO;

    AppProcess(
            List<String> jvmOptions, List<String> appArguments, Map<String, String> environment, Path log, int port) {
        var java = ProcessHandle.current()
                .info()
                .command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // The app as it runs in production: no test classes (nothing of them must be scanned).
        var classpath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.replace('\\', '/').endsWith("/test-classes"))
                .collect(Collectors.joining(File.pathSeparator));
        var command = new ArrayList<String>();
        command.add(java);
        command.addAll(jvmOptions);
        command.addAll(List.of("-classpath", classpath, "com.mobilemarketing.Application"));
        command.add("--server.port=" + port);
        command.add("--server.address=127.0.0.1");
        command.addAll(appArguments);
        this.command = List.copyOf(command);
        this.environment = Map.copyOf(environment);
        this.log = log;
        this.port = port;
        // A benchmark stopped by Ctrl+C or an error must not leave the app running.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            var current = process;
            if (current != null) {
                current.destroyForcibly();
            }
        }));
    }

    void start() throws IOException {
        Files.createDirectories(log.getParent());
        logOffset = Files.exists(log) ? Files.size(log) : 0;
        Files.writeString(
                log,
                "%n==== %s: starting the app%n".formatted(Instant.now()),
                StandardCharsets.UTF_8,
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        var builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        process = builder.start();
    }

    /**
     * Waits until the app answers the WhatsApp handshake of account 1 (its callback path reads the
     * integration from the database) and, when {@code logLines} are given, its log shows one of them.
     */
    void awaitReady(Duration timeout, String verifyToken, List<String> logLines)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        var probe = ("GET /callbacks/whatsapp/1?hub.mode=subscribe&hub.verify_token=" + verifyToken
                        + "&hub.challenge=ready HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        try (var connection = new KeepAliveConnection(new InetSocketAddress("127.0.0.1", port), 2000)) {
            while (true) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("The app exited with " + process.exitValue() + "; see " + log);
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("The app did not get ready in " + timeout + "; see " + log);
                }
                boolean answers;
                try {
                    answers = connection.exchange(probe) == 200;
                } catch (IOException e) {
                    answers = false;
                }
                if (answers && (logLines.isEmpty() || logShowsAnyOf(logLines))) {
                    return;
                }
                Thread.sleep(answers ? 500 : 100);
            }
        }
    }

    private boolean logShowsAnyOf(List<String> lines) throws IOException {
        try (var file = FileChannel.open(log)) {
            var bytes = ByteBuffer.allocate((int) Math.max(0, file.size() - logOffset));
            file.read(bytes, logOffset);
            var text = new String(bytes.array(), 0, bytes.position(), StandardCharsets.UTF_8);
            return lines.stream().anyMatch(text::contains);
        }
    }

    /** SIGKILL: no shutdown hook, no graceful stop of the web server, writer or folder. */
    void kill() throws InterruptedException {
        cpuOfEarlierProcesses = cpuOfEarlierProcesses.plus(cpu());
        process.destroyForcibly();
        process.waitFor();
    }

    /** A normal stop (SIGTERM), then SIGKILL if it hangs. */
    void stop() throws InterruptedException {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor();
        }
    }

    long pid() {
        return process.pid();
    }

    /** CPU time of all processes started so far (the current one while it lives). */
    Duration totalCpu() {
        return cpuOfEarlierProcesses.plus(cpu());
    }

    /**
     * CPU time of the current process's JIT compiler threads (Linux; zero elsewhere): a one-off of a
     * fresh JVM that a long-running app has behind it.
     */
    Duration compilerCpu() {
        long ticks = AppThreads.snapshot(process.pid()).values().stream()
                .filter(task -> AppThreads.group(null, task.kernelName()).equals(AppThreads.JIT))
                .mapToLong(task -> task.usage().ticks())
                .sum();
        return Duration.ofMillis(ticks * 10); // 100 clock ticks per second
    }

    private Duration cpu() {
        return process.info().totalCpuDuration().orElse(Duration.ZERO);
    }

    Path log() {
        return log;
    }
}
