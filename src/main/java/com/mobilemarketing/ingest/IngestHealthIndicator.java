package com.mobilemarketing.ingest;

import com.mobilemarketing.core.ops.OpsProperties;
import com.mobilemarketing.core.ops.SnapshotHealth;
import com.mobilemarketing.ingest.IngestRepository.Backlog;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * Health part "ingest": the events waiting to be folded (fresh ones and orphans still waiting for
 * their recipient) and the fold lag, the age of the oldest waiting fresh event. UP while the lag is
 * under {@code app.ops.max-fold-lag}, LAGGING beyond (the numbers on screen are behind), DOWN when
 * the database cannot be asked. The same reading feeds the gauges {@code app.ingest.backlog} and
 * {@code app.ingest.fold.lag}.
 */
@Component
public class IngestHealthIndicator extends SnapshotHealth<Backlog> {

    public IngestHealthIndicator(IngestRepository repository, OpsProperties properties, MeterRegistry registry) {
        super(
                repository::backlog,
                properties.snapshotTtl(),
                new Lag<>(
                        Backlog::lagSeconds,
                        properties.maxFoldLag(),
                        "events wait longer than " + properties.maxFoldLag() + " to be folded"));
        gauge("app.ingest.backlog", Backlog::fresh)
                .description("Delivery events waiting to be folded")
                .tag("queue", "fresh")
                .register(registry);
        gauge("app.ingest.backlog", Backlog::orphans)
                .description("Delivery events whose recipient is not known yet (retried later)")
                .tag("queue", "orphan")
                .register(registry);
        gauge("app.ingest.fold.lag", Backlog::lagSeconds)
                .description("Age of the oldest delivery event waiting to be folded")
                .baseUnit("seconds")
                .register(registry);
    }

    @Override
    protected void details(Backlog current, Health.Builder builder) {
        builder.withDetail("waitingEvents", current.fresh())
                .withDetail("orphanEvents", current.orphans())
                .withDetail("foldLagSeconds", current.lagSeconds());
    }
}
