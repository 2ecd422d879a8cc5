package com.mobilemarketing.ingest;

import com.mobilemarketing.core.db.Tenant;
import com.mobilemarketing.core.live.LiveUpdates;
import com.mobilemarketing.ingest.IngestRepository.FoldResult;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Folds the delivery event log into recipient state in batches, a few times a second, on its own
 * thread (so other scheduled work never delays the numbers). Several app nodes fold side by side:
 * each batch claims its events with SKIP LOCKED. After every committed run the touched accounts'
 * open screens are told through {@link LiveUpdates}.
 */
@Component
public class EventFolder implements SmartLifecycle {

    /** Totals of one fold run; misrouted events carried another integration's provider id and were not applied. */
    public record FoldStats(int batches, int folded, int orphans, int misrouted) {}

    private static final Logger log = LoggerFactory.getLogger(EventFolder.class);

    private final IngestRepository repository;
    private final LiveUpdates liveUpdates;
    private final IngestMetrics metrics;
    private final Clock clock;
    private final IngestProperties properties;
    /** One fold at a time per node: a test's explicit fold waits for a scheduled one in progress. */
    private final ReentrantLock lock = new ReentrantLock();

    private volatile ScheduledExecutorService executor;

    public EventFolder(
            IngestRepository repository,
            LiveUpdates liveUpdates,
            IngestMetrics metrics,
            Clock clock,
            IngestProperties properties) {
        this.repository = repository;
        this.liveUpdates = liveUpdates;
        this.metrics = metrics;
        this.clock = clock;
        this.properties = properties;
    }

    /** Folds fresh events until none are left (bounded per run); tests call it directly. */
    public FoldStats foldPending() {
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
            var now = clock.instant();
            touched.forEach(
                    (account, ids) -> liveUpdates.changed(new LiveUpdates.Change(account, Set.copyOf(ids), now)));
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

    private void safely(Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            log.warn("Folding delivery events failed; retrying on the next run", e);
        }
    }

    @Override
    public void start() {
        if (!properties.foldEnabled()) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("ingest-folder").daemon(true).factory());
        executor.scheduleWithFixedDelay(
                () -> safely(this::foldPending),
                properties.foldIntervalMs(),
                properties.foldIntervalMs(),
                TimeUnit.MILLISECONDS);
        executor.scheduleWithFixedDelay(
                () -> safely(() -> retryOrphans(true)),
                properties.orphanRetryMs(),
                properties.orphanRetryMs(),
                TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        var current = executor;
        if (current != null) {
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
