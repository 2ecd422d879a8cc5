package com.mobilemarketing.core.live;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Background work that runs when told there is something to do and otherwise looks less and less
 * often: a fixed timer costs database round trips (and their planning) all day on an idle node.
 * The task says whether it found work. After a run that found work the next run follows after
 * {@code firstWait}; after a run that found none the wait doubles, up to {@code maxWait}.
 * {@link #wake()} runs it at once, but not sooner than {@code wakeGap} after the end of the previous
 * run that found work (so work that keeps arriving is taken in batches, and the first piece after a
 * quiet time is not held back); {@link #wakeNow()} ignores the gap (enough work is waiting);
 * {@link #hurry()} only brings the wait back to {@code firstWait}. Runs never overlap: they go to the
 * given executor one at a time.
 */
public final class WakeableTask {

    private static final Logger log = LoggerFactory.getLogger(WakeableTask.class);

    private final String name;
    private final ScheduledExecutorService executor;
    private final BooleanSupplier task;
    private final long wakeGap;
    private final long firstWait;
    private final long maxWait;

    // Guarded by this.
    private long wait;
    /** When the last run that found work ended: the wake gap counts from there. */
    private long lastWorkEnd;

    private boolean running;
    private boolean wokenWhileRunning;
    private boolean urgentWhileRunning;
    private boolean stopped;
    private @Nullable ScheduledFuture<?> next;
    private long nextAt;

    public WakeableTask(
            String name,
            ScheduledExecutorService executor,
            BooleanSupplier task,
            Duration wakeGap,
            Duration firstWait,
            Duration maxWait) {
        this.name = name;
        this.executor = executor;
        this.task = task;
        this.wakeGap = wakeGap.toNanos();
        this.firstWait = firstWait.toNanos();
        this.maxWait = Math.max(this.firstWait, maxWait.toNanos());
        this.wait = this.firstWait;
        this.lastWorkEnd = System.nanoTime() - this.wakeGap;
    }

    /** The first run after {@code delay}. */
    public synchronized void start(Duration delay) {
        scheduleAt(System.nanoTime() + delay.toNanos());
    }

    /** There is work: run now, or {@code wakeGap} after the previous run if that ended just now. */
    public synchronized void wake() {
        if (running) {
            wokenWhileRunning = true;
            return;
        }
        wait = firstWait;
        scheduleNoLaterThan(Math.max(System.nanoTime(), lastWorkEnd + wakeGap));
    }

    /** Enough work is waiting: run now, or right after the run in progress. */
    public synchronized void wakeNow() {
        if (running) {
            wokenWhileRunning = true;
            urgentWhileRunning = true;
            return;
        }
        wait = firstWait;
        scheduleNoLaterThan(System.nanoTime());
    }

    /** There may be work soon: look again within {@code firstWait} of the last run that found work. */
    public synchronized void hurry() {
        wait = firstWait;
        if (!running) {
            scheduleNoLaterThan(Math.max(System.nanoTime(), lastWorkEnd + firstWait));
        }
    }

    public synchronized void stop() {
        stopped = true;
        if (next != null) {
            next.cancel(false);
            next = null;
        }
    }

    /** How long the task waits after a run that finds nothing (for tests and health). */
    public synchronized Duration currentWait() {
        return Duration.ofNanos(wait);
    }

    private void run() {
        synchronized (this) {
            if (stopped) {
                return;
            }
            next = null;
            running = true;
            wokenWhileRunning = false;
            urgentWhileRunning = false;
        }
        boolean found = false;
        try {
            found = task.getAsBoolean();
        } catch (RuntimeException e) {
            log.warn("{} failed; trying again later", name, e);
        } finally {
            synchronized (this) {
                running = false;
                long lastEnd = System.nanoTime();
                if (found) {
                    lastWorkEnd = lastEnd;
                }
                if (found || wokenWhileRunning) {
                    wait = firstWait;
                    scheduleAt(
                            urgentWhileRunning
                                    ? lastEnd
                                    : wokenWhileRunning
                                            ? Math.max(lastEnd, lastWorkEnd + wakeGap)
                                            : lastEnd + firstWait);
                } else {
                    wait = Math.min(maxWait, wait * 2);
                    scheduleAt(lastEnd + wait);
                }
            }
        }
    }

    private void scheduleNoLaterThan(long at) {
        if (next != null && nextAt <= at) {
            return;
        }
        scheduleAt(at);
    }

    private void scheduleAt(long at) {
        if (stopped) {
            return;
        }
        if (next != null) {
            next.cancel(false);
        }
        try {
            next = executor.schedule(this::run, Math.max(0, at - System.nanoTime()), TimeUnit.NANOSECONDS);
            nextAt = at;
        } catch (RejectedExecutionException e) {
            next = null; // the executor is shutting down
        }
    }
}
