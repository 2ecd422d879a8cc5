package com.mobilemarketing.alerts;

import com.mobilemarketing.core.db.Tenant;
import com.mobilemarketing.core.live.LiveUpdates;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;
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
 * Checks the alert rules of every account every minute (on any number of nodes: each round claims
 * its minute, so only one node runs it), mails raised alerts and tells the accounts' open screens.
 */
@Component
public class AlertRounds {

    private static final Logger log = LoggerFactory.getLogger(AlertRounds.class);

    private final AlertRepository repository;
    private final AlertProperties properties;
    private final AlertMailer mailer;
    private final LiveUpdates liveUpdates;
    private final Clock clock;
    private final ApplicationAvailability availability;
    private @Nullable ScheduledExecutorService executor;

    public AlertRounds(
            AlertRepository repository,
            AlertProperties properties,
            AlertMailer mailer,
            LiveUpdates liveUpdates,
            Clock clock,
            ApplicationAvailability availability) {
        this.repository = repository;
        this.properties = properties;
        this.mailer = mailer;
        this.liveUpdates = liveUpdates;
        this.clock = clock;
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
            round(clock.instant());
        } catch (RuntimeException e) {
            log.warn("Alert round failed", e);
        }
    }

    /** One round at {@code now}: raise and resolve, mail what is new, tell the open screens. */
    public AlertRound round(Instant now) {
        var round = Tenant.allAccounts(() -> repository.round(now, properties));
        if (!round.claimed()) {
            return round;
        }
        if (!round.raised().isEmpty() || !round.resolved().isEmpty()) {
            log.info(
                    "Alert round {}: {} raised, {} resolved",
                    now,
                    round.raised().size(),
                    round.resolved().size());
        }
        Tenant.allAccounts(mailer::sendPending);
        for (var account : round.accounts()) {
            liveUpdates.changed(new LiveUpdates.Change(account, Set.of(), now));
        }
        return round;
    }
}
