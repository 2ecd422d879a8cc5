package com.mobilemarketing.stats.ui;

import java.time.Duration;
import java.util.concurrent.Future;
import java.util.function.BiFunction;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Turns a burst of "numbers changed" signals into at most one refresh per interval: the first
 * signal schedules a refresh (at once, or when the interval since the last one is over), and
 * signals arriving while one is pending are absorbed by it. Under a steady stream of callbacks
 * the panel then re-reads its rollups every couple of seconds instead of hundreds of times.
 */
final class RefreshCoalescer {

    private final Duration interval;
    private final BiFunction<Runnable, Duration, Future<?>> scheduleAfter;
    private final LongSupplier nanoTime;
    private final Runnable refresh;
    private @Nullable Future<?> pending;
    private long lastRun;
    private boolean ranBefore;

    /** {@code scheduleAfter} must run the task on another thread (or later), never inline. */
    RefreshCoalescer(
            Duration interval,
            BiFunction<Runnable, Duration, Future<?>> scheduleAfter,
            LongSupplier nanoTime,
            Runnable refresh) {
        this.interval = interval;
        this.scheduleAfter = scheduleAfter;
        this.nanoTime = nanoTime;
        this.refresh = refresh;
    }

    synchronized void request() {
        if (pending != null) {
            return;
        }
        long wait = ranBefore ? Math.max(0, lastRun + interval.toNanos() - nanoTime.getAsLong()) : 0;
        pending = scheduleAfter.apply(this::fire, Duration.ofNanos(wait));
    }

    synchronized void cancel() {
        if (pending != null) {
            pending.cancel(false);
            pending = null;
        }
    }

    private void fire() {
        synchronized (this) {
            pending = null;
            lastRun = nanoTime.getAsLong();
            ranBefore = true;
        }
        refresh.run();
    }
}
