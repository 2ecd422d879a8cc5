package com.mobilemarketing.stats;

import com.mobilemarketing.core.db.Tenant;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Keeps the unique-recipient sketches fresh: every {@code app.reach.every} it rebuilds the sketches
 * of the days that folds, sends and the demo marked dirty, a batch of days per transaction, until
 * none is left. Never per callback: a day's sketch is rebuilt from its whole day of recipients.
 */
@Component
public class ReachSketchTask {

    private static final Logger log = LoggerFactory.getLogger(ReachSketchTask.class);

    private final ReachRepository reach;
    private final ReachProperties properties;
    private final ApplicationAvailability availability;
    private final Clock clock;
    private @Nullable ScheduledExecutorService executor;

    public ReachSketchTask(
            ReachRepository reach, ReachProperties properties, ApplicationAvailability availability, Clock clock) {
        this.reach = reach;
        this.properties = properties;
        this.availability = availability;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void start() {
        if (!properties.enabled()) {
            return;
        }
        var scheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("reach-sketches").daemon(true).factory());
        executor = scheduler;
        var every = Math.max(1, properties.every().toMillis());
        scheduler.scheduleWithFixedDelay(this::safeRound, every, every, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    /** Rebuilds dirty days until none is left; returns how many were rebuilt. */
    public int round() {
        int rebuilt = 0;
        int batch;
        do {
            batch = Tenant.allAccounts(
                    () -> reach.rebuildDirtyDays(properties.daysPerRound(), OffsetDateTime.now(clock)));
            rebuilt += batch;
        } while (batch == properties.daysPerRound() && !Thread.currentThread().isInterrupted());
        return rebuilt;
    }

    private void safeRound() {
        // Not while the app refuses traffic: demo data may be loading in bulk (indexes dropped).
        if (availability.getReadinessState() != ReadinessState.ACCEPTING_TRAFFIC) {
            return;
        }
        try {
            int days = round();
            if (days > 0) {
                log.debug("Rebuilt the unique-recipient sketches of {} days", days);
            }
        } catch (RuntimeException e) {
            log.warn("Unique-recipient sketch round failed", e);
        }
    }
}
