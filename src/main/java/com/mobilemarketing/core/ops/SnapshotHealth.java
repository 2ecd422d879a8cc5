package com.mobilemarketing.core.ops;

import com.mobilemarketing.core.db.Tenant;
import io.micrometer.core.instrument.Gauge;
import java.time.Duration;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * A health part and its gauges fed by one reading of the database, taken at most once per
 * {@code app.ops.snapshot-ttl}: UP, or LAGGING with the reason while the work it watches is behind;
 * DOWN when the database cannot be asked (the health endpoint's rule), and gauges without a value
 * then, so that a scrape never fails.
 */
public abstract class SnapshotHealth<T> implements HealthIndicator {

    /** The reading is LAGGING, for {@code reason}, once the wait it tells is over {@code limit}. */
    public record Lag<T>(ToDoubleFunction<T> waitSeconds, Duration limit, String reason) {}

    private final Snapshot<T> snapshot;
    private final Lag<T> lag;

    /** {@code reader} reads every account's figures: health is the platform's, not one tenant's. */
    protected SnapshotHealth(Supplier<T> reader, Duration ttl, Lag<T> lag) {
        this.snapshot = new Snapshot<>(() -> Tenant.allAccounts(reader), ttl);
        this.lag = lag;
    }

    @Override
    public Health health() {
        var current = snapshot.get();
        var behind = lag.waitSeconds().applyAsDouble(current) > lag.limit().toSeconds();
        var builder = Health.status(behind ? new Status(OpsProperties.LAGGING, lag.reason()) : Status.UP);
        details(current, builder);
        return builder.build();
    }

    /** The reading's figures as the health part's details. */
    protected abstract void details(T current, Health.Builder builder);

    /** A gauge of one figure of the reading; the caller names, describes and registers it. */
    protected Gauge.Builder<SnapshotHealth<T>> gauge(String name, ToDoubleFunction<T> figure) {
        return Gauge.builder(name, this, health -> health.read(figure));
    }

    private double read(ToDoubleFunction<T> figure) {
        try {
            return figure.applyAsDouble(snapshot.get());
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }
}
