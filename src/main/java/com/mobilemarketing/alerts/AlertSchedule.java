package com.mobilemarketing.alerts;

import jakarta.annotation.PreDestroy;
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

/** Runs the {@link AlertRounds} every minute on its own thread while the app accepts traffic. */
@Component
public class AlertSchedule {

    private static final Logger log = LoggerFactory.getLogger(AlertSchedule.class);

    private final AlertRounds rounds;
    private final AlertProperties properties;
    private final ApplicationAvailability availability;
    private @Nullable ScheduledExecutorService executor;

    public AlertSchedule(AlertRounds rounds, AlertProperties properties, ApplicationAvailability availability) {
        this.rounds = rounds;
        this.properties = properties;
        this.availability = availability;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void start() {
        if (!properties.enabled()) {
            return;
        }
        var scheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("alert-rounds").daemon(true).factory());
        executor = scheduler;
        var every = Math.max(10, properties.every().toSeconds());
        scheduler.scheduleAtFixedRate(this::safeRound, every, every, TimeUnit.SECONDS);
    }

    @PreDestroy
    void stop() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    private void safeRound() {
        // Not while the app refuses traffic: demo data may be loading in bulk (indexes dropped).
        if (availability.getReadinessState() != ReadinessState.ACCEPTING_TRAFFIC) {
            return;
        }
        try {
            rounds.round();
        } catch (RuntimeException e) {
            log.warn("Alert round failed", e);
        }
    }
}
