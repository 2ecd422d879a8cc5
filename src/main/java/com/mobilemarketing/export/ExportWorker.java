package com.mobilemarketing.export;

import com.mobilemarketing.core.db.Tenant;
import com.mobilemarketing.core.live.NodeSignals;
import com.mobilemarketing.core.live.WakeableTask;
import com.mobilemarketing.export.ExportEvents.ExportEvent;
import com.mobilemarketing.export.ExportEvents.Kind;
import com.mobilemarketing.export.ExportRepository.ClaimedJob;
import com.mobilemarketing.export.ExportRepository.JobKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * Runs export jobs in the background. A small pool claims queued jobs (SKIP LOCKED, so several
 * nodes share one queue), streams each job's messages into a temporary file and publishes it
 * atomically. One scheduler thread polls the queue when a job was queued on any node (a
 * {@link NodeSignals} signal) and otherwise less and less often while it stays empty, writes
 * heartbeats and progress of the running jobs, and recovers jobs whose node died (no heartbeat):
 * they are retried a few times, then failed with a reason. A failing job fails alone; the pool
 * goes on with the next.
 */
@Component
public class ExportWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ExportWorker.class);

    public static final int MAX_ATTEMPTS = 3;
    public static final String ERROR_INTERRUPTED = "export.error.interrupted";
    public static final String ERROR_IO = "export.error.io";
    public static final String ERROR_DATABASE = "export.error.database";
    public static final String ERROR_UNEXPECTED = "export.error.unexpected";
    /** Signalled when a job was queued. */
    static final String SIGNAL = "export_jobs";

    private final ExportRepository repository;
    private final ExportFileWriter files;
    private final ExportStorage storage;
    private final ExportEvents events;
    private final ExportMetrics metrics;
    private final Clock clock;
    private final NodeSignals signals;
    private final ExportProperties properties;
    private final String node = "node-" + UUID.randomUUID();

    private final Map<JobKey, Running> running = new ConcurrentHashMap<>();
    private final AtomicBoolean started = new AtomicBoolean();
    private @Nullable Semaphore slots;
    private @Nullable ExecutorService pool;
    private volatile @Nullable ScheduledThreadPoolExecutor scheduler;
    private volatile @Nullable WakeableTask queuePoll;

    /** A job in progress on this node: its rows so far, and whether it lost its claim. */
    private record Running(ClaimedJob job, AtomicLong rows, AtomicBoolean cancelled) {}

    public ExportWorker(
            ExportRepository repository,
            ExportFileWriter files,
            ExportStorage storage,
            ExportEvents events,
            ExportMetrics metrics,
            Clock clock,
            NodeSignals signals,
            ExportProperties properties) {
        this.repository = repository;
        this.files = files;
        this.storage = storage;
        this.events = events;
        this.metrics = metrics;
        this.clock = clock;
        this.signals = signals;
        this.properties = properties;
        if (properties.workerEnabled()) {
            signals.subscribe(SIGNAL, this::wake);
        }
    }

    // ------------------------------------------------------------------ lifecycle

    @Override
    public void start() {
        if (!properties.workerEnabled() || !started.compareAndSet(false, true)) {
            return;
        }
        var threads = properties.threads();
        var pollMillis = properties.pollMillis();
        var staleSeconds = properties.staleSeconds();
        slots = new Semaphore(threads);
        pool = Executors.newFixedThreadPool(
                threads, Thread.ofPlatform().name("export-", 1).daemon().factory());
        var thread = new ScheduledThreadPoolExecutor(
                1, Thread.ofPlatform().name("export-scheduler").daemon().factory());
        thread.setRemoveOnCancelPolicy(true);
        thread.execute(this::recoverAtStartup);
        var poll = new WakeableTask(
                "Polling the export queue",
                thread,
                this::poll,
                Duration.ZERO,
                Duration.ofMillis(pollMillis),
                Duration.ofMillis(Math.max(pollMillis, properties.idlePollMillis())));
        queuePoll = poll;
        scheduler = thread;
        poll.start(Duration.ofMillis(pollMillis));
        thread.scheduleWithFixedDelay(this::heartbeat, pollMillis, pollMillis, TimeUnit.MILLISECONDS);
        thread.scheduleWithFixedDelay(
                () -> safely(() -> recover(staleSeconds)),
                staleSeconds,
                Math.max(5, staleSeconds / 2),
                TimeUnit.SECONDS);
    }

    @Override
    public void stop() {
        if (!started.compareAndSet(true, false)) {
            return;
        }
        var poll = queuePoll;
        if (poll != null) {
            poll.stop();
        }
        requireNonNull(scheduler).shutdownNow();
        var hadJobs = !running.isEmpty();
        running.values().forEach(r -> r.cancelled().set(true));
        requireNonNull(pool).shutdownNow();
        try {
            requireNonNull(pool).awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // Jobs cut short by a shutdown go back to the queue for the next node or start. Only when
        // there were any: at JVM exit the database may already be gone, and asking it would wait.
        if (hadJobs) {
            safely(() -> Tenant.runAllAccounts(() -> repository.release(node)));
        }
    }

    @Override
    public boolean isRunning() {
        return started.get();
    }

    /** Stops before the database goes away. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }

    /** Looks at the queue now instead of at the next poll, e.g. when a slot became free. */
    public void wake() {
        var poll = queuePoll;
        if (poll != null && started.get()) {
            poll.wake();
        }
    }

    /** A job was queued: this node and every other one look at the queue now. */
    public void jobQueued() {
        wake();
        signals.signal(SIGNAL);
    }

    public String node() {
        return node;
    }

    // ------------------------------------------------------------------ recovery

    /**
     * On start: jobs left RUNNING by a dead process are retried or failed, and half-written
     * temporary files of jobs that no longer run are deleted. Any RUNNING job claimed by another
     * node counts as dead once its heartbeat is older than the stale limit.
     */
    public void recoverAtStartup() {
        safely(() -> {
            recover(properties.staleSeconds());
            var runningPrefixes = Tenant.allAccounts(repository::runningJobs).stream()
                    .map(job -> ExportStorage.tempPrefix(job.accountId(), job.id()))
                    .collect(Collectors.toSet());
            storage.deleteTempFilesExcept(runningPrefixes);
        });
    }

    /** Retries or fails the jobs whose node stopped sending heartbeats for {@code staleAfterSeconds}. */
    public void recover(int staleAfterSeconds) {
        var recovered = Tenant.allAccounts(() -> repository.recoverStale(
                node, staleAfterSeconds, MAX_ATTEMPTS, ERROR_INTERRUPTED, OffsetDateTime.now(clock)));
        for (var job : recovered) {
            storage.deleteTempFiles(job.accountId(), job.id());
            log.info(
                    "Export job {}/{} of a stopped node {}",
                    job.accountId(),
                    job.id(),
                    job.retried() ? "queued again" : "failed");
            if (!job.retried()) {
                events.publish(new ExportEvent(
                        job.accountId(), job.id(), job.ownerId(), Kind.FAILED, job.fileName(), 0, ERROR_INTERRUPTED));
            }
        }
        if (recovered.stream().anyMatch(ExportRepository.RecoveredJob::retried)) {
            wake();
        }
    }

    // ------------------------------------------------------------------ queue

    /** Claims queued jobs while slots are free; true when it claimed any. */
    private boolean poll() {
        var claimedAny = new boolean[] {false};
        safely(() -> {
            var free = requireNonNull(slots);
            while (started.get() && free.tryAcquire()) {
                var claimed = Tenant.allAccounts(() -> repository.claimNext(node, OffsetDateTime.now(clock)));
                if (claimed.isEmpty()) {
                    free.release();
                    return;
                }
                claimedAny[0] = true;
                var job = claimed.get();
                var state = new Running(job, new AtomicLong(), new AtomicBoolean());
                running.put(new JobKey(job.accountId(), job.id()), state);
                try {
                    requireNonNull(pool).execute(() -> {
                        try {
                            run(state);
                        } finally {
                            running.remove(new JobKey(job.accountId(), job.id()));
                            free.release();
                            wake();
                        }
                    });
                } catch (java.util.concurrent.RejectedExecutionException e) {
                    running.remove(new JobKey(job.accountId(), job.id()));
                    free.release();
                    return;
                }
            }
        });
        return claimedAny[0];
    }

    private void heartbeat() {
        for (var entry : running.entrySet()) {
            safely(() -> {
                var state = entry.getValue();
                var rows = state.rows().get();
                var ours = Tenant.allAccounts(() -> repository.heartbeat(entry.getKey(), node, rows));
                if (!ours) {
                    // Deleted by its owner, or taken over after a missed heartbeat: stop writing.
                    state.cancelled().set(true);
                } else {
                    var job = state.job();
                    events.publish(new ExportEvent(
                            job.accountId(), job.id(), job.ownerId(), Kind.PROGRESS, job.fileName(), rows, null));
                }
            });
        }
    }

    // ------------------------------------------------------------------ one job

    private void run(Running state) {
        var job = state.job();
        Tenant.run(job.accountId(), () -> {
            java.nio.file.Path temp = null;
            var startedNanos = System.nanoTime();
            var threads = java.lang.management.ManagementFactory.getThreadMXBean();
            var startedCpu = threads.getCurrentThreadCpuTime();
            try {
                temp = storage.tempFile(job.accountId(), job.id(), job.attempts());
                files.write(job, temp, total -> repository.setRowsTotal(job, node, total), () -> {
                    if (state.cancelled().get() || Thread.currentThread().isInterrupted()) {
                        throw new CancellationException();
                    }
                    state.rows().incrementAndGet();
                });
                var rows = state.rows().get();
                var size = Files.size(temp);
                var key = storage.newStorageKey(job.accountId(), job.format());
                var target = storage.resolve(key);
                Files.createDirectories(target.getParent());
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
                temp = null;
                if (repository.publish(job, node, key, size, rows, OffsetDateTime.now(clock))) {
                    metrics.done(rows, System.nanoTime() - startedNanos);
                    log.info(
                            "Export job {}/{} done: {} rows, {} bytes in {} ms ({} ms CPU of the export thread)",
                            job.accountId(),
                            job.id(),
                            rows,
                            size,
                            (System.nanoTime() - startedNanos) / 1_000_000,
                            (threads.getCurrentThreadCpuTime() - startedCpu) / 1_000_000);
                    events.publish(new ExportEvent(
                            job.accountId(), job.id(), job.ownerId(), Kind.DONE, job.fileName(), rows, null));
                } else {
                    storage.delete(key);
                }
            } catch (CancellationException e) {
                log.info("Export job {}/{} stopped: no longer claimed by this node", job.accountId(), job.id());
            } catch (RuntimeException | IOException e) {
                fail(job, e);
            } finally {
                if (temp != null) {
                    try {
                        Files.deleteIfExists(temp);
                    } catch (IOException e) {
                        log.warn("Could not delete temporary export file {}", temp, e);
                    }
                }
            }
        });
    }

    private void fail(ClaimedJob job, Exception e) {
        metrics.failed();
        var cause = unwrap(e);
        String error;
        if (cause instanceof DataAccessException || cause instanceof org.jooq.exception.DataAccessException) {
            error = ERROR_DATABASE + "\n" + rootMessage(cause);
        } else if (cause instanceof FileSystemException fs) {
            error = ERROR_IO + "\n" + fs.getClass().getSimpleName() + ": " + fs.getFile()
                    + (fs.getReason() == null ? "" : " (" + fs.getReason() + ")");
        } else if (cause instanceof IOException) {
            error = ERROR_IO + "\n" + rootMessage(cause);
        } else {
            error = ERROR_UNEXPECTED + "\n" + rootMessage(cause);
        }
        if (error.length() > 1000) {
            error = error.substring(0, 1000);
        }
        log.warn("Export job {}/{} failed", job.accountId(), job.id(), cause);
        var message = error;
        var recorded = safelyGet(
                () -> Tenant.allAccounts(() -> repository.fail(job, node, message, OffsetDateTime.now(clock))));
        if (Boolean.TRUE.equals(recorded)) {
            events.publish(
                    new ExportEvent(job.accountId(), job.id(), job.ownerId(), Kind.FAILED, job.fileName(), 0, error));
        }
    }

    private static Throwable unwrap(Throwable e) {
        var current = e;
        while ((current instanceof UncheckedIOException || current.getClass() == RuntimeException.class)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    private static String rootMessage(Throwable e) {
        var root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        var message = root.getMessage();
        return root.getClass().getSimpleName()
                + (message == null ? "" : ": " + message.lines().findFirst().orElse(""));
    }

    private static final class CancellationException extends RuntimeException {
        CancellationException() {
            super(null, null, false, false);
        }
    }

    private static <T> T requireNonNull(@Nullable T value) {
        return java.util.Objects.requireNonNull(value);
    }

    private static void safely(Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            log.warn("Export worker step failed", e);
        }
    }

    private static <T> @Nullable T safelyGet(java.util.function.Supplier<T> work) {
        try {
            return work.get();
        } catch (RuntimeException e) {
            log.warn("Export worker step failed", e);
            return null;
        }
    }
}
