package com.mobilemarketing.ingest;

import com.mobilemarketing.core.db.Tenant;
import com.mobilemarketing.core.live.LiveUpdates;
import com.mobilemarketing.core.live.NodeSignals;
import com.mobilemarketing.core.live.WakeableTask;
import com.mobilemarketing.ingest.IngestRepository.FoldResult;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Folds the delivery event log into recipient state in batches on its own thread (so other
 * scheduled work never delays the numbers). It runs when the {@link EventWriter} has committed new
 * events: at once after a quiet time, then at most every {@code fold-interval-ms} while events keep
 * coming, so a batch takes what arrived meanwhile, unless {@code fold-wake-rows} events are waiting
 * before that. Each batch pays for the fold statement and the recipients' statement triggers once,
 * so low rates get batches as large as high ones. Otherwise it looks less and less often, up to
 * every {@code fold-idle-ms}: an idle node costs the database nothing. A node that does not fold
 * itself signals the others ({@link NodeSignals}). Of several app nodes one folds fresh events at a time (a batch
 * holds the fold's lock; the others skip it), and orphans are claimed with SKIP LOCKED. After every
 * committed run the touched accounts' open screens are told through {@link LiveUpdates}.
 */
@Component
public class EventFolder implements SmartLifecycle {

    /** Totals of one fold run; misrouted events carried another integration's provider id and were not applied. */
    public record FoldStats(int batches, int folded, int orphans, int misrouted) {}

    private static final Logger log = LoggerFactory.getLogger(EventFolder.class);
    /** Signalled when events wait for a node that folds. */
    static final String SIGNAL = "ingest_fold";

    private final IngestRepository repository;
    private final LiveUpdates liveUpdates;
    private final IngestMetrics metrics;
    private final NodeSignals signals;
    private final IngestProperties properties;
    private final boolean enabled;
    /** One fold at a time per node: a test's explicit fold waits for a scheduled one in progress. */
    private final ReentrantLock lock = new ReentrantLock();
    /** Events committed since the last fold run began (as the writer counted them). */
    private final AtomicLong written = new AtomicLong();

    private volatile @Nullable ScheduledThreadPoolExecutor executor;
    private volatile @Nullable WakeableTask freshFold;
    private volatile @Nullable WakeableTask orphanRetry;

    public EventFolder(
            IngestRepository repository,
            LiveUpdates liveUpdates,
            IngestMetrics metrics,
            NodeSignals signals,
            IngestProperties properties) {
        this.repository = repository;
        this.liveUpdates = liveUpdates;
        this.metrics = metrics;
        this.signals = signals;
        this.properties = properties;
        this.enabled = properties.foldEnabled();
        if (enabled) {
            signals.subscribe(SIGNAL, this::wake);
        }
    }

    /**
     * {@code count} new events are committed: this node folds them within {@code fold-interval-ms},
     * or at once when {@code fold-wake-rows} are waiting; a node that does not fold tells the others.
     */
    public void eventsWritten(int count) {
        if (!enabled) {
            signals.signal(SIGNAL);
            return;
        }
        var task = freshFold;
        if (task == null) {
            return;
        }
        if (written.addAndGet(count) >= properties.foldWakeRows()) {
            task.wakeNow();
        } else {
            task.wake();
        }
    }

    private void wake() {
        var task = freshFold;
        if (task != null) {
            task.wake();
        }
    }

    /** How long the fold of fresh events waits now when nothing wakes it (it grows while idle). */
    Duration idleWait() {
        var task = freshFold;
        return task == null ? Duration.ZERO : task.currentWait();
    }

    /** Folds fresh events until none are left (bounded per run); tests call it directly. */
    public FoldStats foldPending() {
        written.set(0);
        return run(false, false);
    }

    /** Retries orphans: only those due ({@code dueOnly}) or all of them now. */
    public FoldStats retryOrphans(boolean dueOnly) {
        return run(true, dueOnly);
    }

    private FoldStats run(boolean orphans, boolean dueOnly) {
        lock.lock();
        try {
            int batches = 0;
            int folded = 0;
            int orphaned = 0;
            int misrouted = 0;
            Map<Long, Set<Long>> touched = new HashMap<>();
            FoldResult result;
            do {
                result = Tenant.allAccounts(() -> repository.foldBatch(properties.foldBatch(), orphans, dueOnly));
                if (result.taken() == 0) {
                    break;
                }
                batches++;
                metrics.folded(result.folded(), result.orphans());
                folded += result.folded();
                orphaned += result.orphans();
                misrouted += result.misrouted();
                result.touched()
                        .forEach((account, ids) -> touched.computeIfAbsent(account, a -> new HashSet<>())
                                .addAll(ids));
            } while (result.taken() == properties.foldBatch() && batches < properties.foldMaxBatchesPerRun());
            touched.forEach(liveUpdates::changed);
            if (orphaned > 0 && !orphans) {
                var retry = orphanRetry;
                if (retry != null) {
                    retry.hurry();
                }
            }
            if (misrouted > 0) {
                log.warn(
                        "{} delivery events carried the provider message id of another integration's message and were not applied",
                        misrouted);
            }
            return new FoldStats(batches, folded, orphaned, misrouted);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void start() {
        if (!enabled) {
            return;
        }
        var thread = new ScheduledThreadPoolExecutor(
                1, Thread.ofPlatform().name("ingest-folder").daemon(true).factory());
        thread.setRemoveOnCancelPolicy(true);
        var interval = Duration.ofMillis(properties.foldIntervalMs());
        var idle = Duration.ofMillis(Math.max(properties.foldIntervalMs(), properties.foldIdleMs()));
        var freshTask = new WakeableTask(
                "Folding delivery events", thread, () -> foldPending().batches() > 0, interval, interval, idle);
        var retryWait = Duration.ofMillis(properties.orphanRetryMs());
        var orphanTask = new WakeableTask(
                "Retrying orphan delivery events",
                thread,
                () -> retryOrphans(true).batches() > 0,
                retryWait,
                retryWait,
                Duration.ofMillis(Math.max(properties.orphanRetryMs(), properties.foldIdleMs())));
        executor = thread;
        freshFold = freshTask;
        orphanRetry = orphanTask;
        // The first runs take what a stopped node left behind.
        freshTask.start(interval);
        orphanTask.start(retryWait);
    }

    @Override
    public void stop() {
        var current = executor;
        if (current != null) {
            for (var task : new WakeableTask[] {freshFold, orphanRetry}) {
                if (task != null) {
                    task.stop();
                }
            }
            freshFold = null;
            orphanRetry = null;
            current.shutdown();
            try {
                current.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            executor = null;
        }
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }
}
