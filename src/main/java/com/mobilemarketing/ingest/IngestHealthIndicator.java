package com.mobilemarketing.ingest;

import com.mobilemarketing.core.db.Tenant;
import com.mobilemarketing.core.ops.OpsProperties;
import com.mobilemarketing.core.ops.Snapshot;
import com.mobilemarketing.ingest.IngestRepository.Backlog;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.ToDoubleFunction;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

/**
 * Health part "ingest": the events waiting to be folded (fresh ones and orphans still waiting for
 * their recipient) and the fold lag, the age of the oldest waiting fresh event. UP while the lag is
 * under {@code app.ops.max-fold-lag}, LAGGING beyond (the numbers on screen are behind), DOWN when
 * the database cannot be asked. The same reading feeds the gauges {@code app.ingest.backlog} and
 * {@code app.ingest.fold.lag}.
 */
@Component
public class IngestHealthIndicator implements HealthIndicator {

    private final Snapshot<Backlog> backlog;
    private final OpsProperties properties;

    public IngestHealthIndicator(IngestRepository repository, OpsProperties properties, MeterRegistry registry) {
        this.properties = properties;
        this.backlog = new Snapshot<>(() -> Tenant.allAccounts(repository::backlog), properties.snapshotTtl());
        gauge(registry, "app.ingest.backlog", "queue", "fresh", "Delivery events waiting to be folded", b -> b.fresh());
        gauge(
                registry,
                "app.ingest.backlog",
                "queue",
                "orphan",
                "Delivery events whose recipient is not known yet (retried later)",
                b -> b.orphans());
        Gauge.builder("app.ingest.fold.lag", this, indicator -> indicator.read(Backlog::lagSeconds))
                .description("Age of the oldest delivery event waiting to be folded")
                .baseUnit("seconds")
                .register(registry);
    }

    @Override
    public Health health() {
        var current = backlog.get();
        var status = current.lagSeconds() > properties.maxFoldLag().toSeconds()
                ? new Status(
                        OpsProperties.LAGGING, "events wait longer than " + properties.maxFoldLag() + " to be folded")
                : Status.UP;
        return Health.status(status)
                .withDetail("waitingEvents", current.fresh())
                .withDetail("orphanEvents", current.orphans())
                .withDetail("foldLagSeconds", current.lagSeconds())
                .build();
    }

    private void gauge(
            MeterRegistry registry,
            String name,
            String tag,
            String value,
            String description,
            ToDoubleFunction<Backlog> f) {
        Gauge.builder(name, this, indicator -> indicator.read(f))
                .description(description)
                .tag(tag, value)
                .register(registry);
    }

    /** A scrape must not fail because the database is away: the gauge then has no value. */
    private double read(ToDoubleFunction<Backlog> f) {
        try {
            return f.applyAsDouble(backlog.get());
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }
}
