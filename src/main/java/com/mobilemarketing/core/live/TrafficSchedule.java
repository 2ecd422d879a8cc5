package com.mobilemarketing.core.live;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;

/**
 * A round of background work on its own daemon thread, every {@code every} (at a fixed rate; a
 * round that overruns delays the next, rounds never overlap),
 * skipped while the app refuses traffic (demo data may be loading in bulk, its indexes dropped); a
 * failed round is logged and the next one runs as planned.
 */
public final class TrafficSchedule implements AutoCloseable {

    private final ScheduledExecutorService executor;

    private TrafficSchedule(ScheduledExecutorService executor) {
        this.executor = executor;
    }

    /** Starts the rounds; the first one after {@code every}. */
    public static TrafficSchedule start(
            String name, Duration every, ApplicationAvailability availability, Runnable round, Logger log) {
        var executor = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name(name).daemon(true).factory());
        long millis = Math.max(1, every.toMillis());
        executor.scheduleAtFixedRate(
                () -> {
                    if (availability.getReadinessState() != ReadinessState.ACCEPTING_TRAFFIC) {
                        return;
                    }
                    try {
                        round.run();
                    } catch (RuntimeException e) {
                        log.warn("Round of {} failed", name, e);
                    }
                },
                millis,
                millis,
                TimeUnit.MILLISECONDS);
        return new TrafficSchedule(executor);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
