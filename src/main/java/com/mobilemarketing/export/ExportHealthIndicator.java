package com.mobilemarketing.export;

import com.mobilemarketing.core.db.Tenant;
import com.mobilemarketing.core.ops.OpsProperties;
import com.mobilemarketing.core.ops.Snapshot;
import com.mobilemarketing.db.enums.ExportState;
import com.mobilemarketing.export.ExportRepository.QueueSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

/**
 * Health part "exports": the export queue (jobs queued, running, failed, done) and how long the
 * oldest queued job has waited. UP while that wait is under {@code app.ops.max-export-wait},
 * LAGGING beyond (no worker takes jobs, or too few for the load). The same reading feeds the gauge
 * {@code app.export.jobs} per state.
 */
@Component
public class ExportHealthIndicator implements HealthIndicator {

    private final Snapshot<QueueSummary> queue;
    private final OpsProperties properties;

    public ExportHealthIndicator(ExportRepository repository, OpsProperties properties, MeterRegistry registry) {
        this.properties = properties;
        this.queue = new Snapshot<>(() -> Tenant.allAccounts(repository::queueSummary), properties.snapshotTtl());
        for (var state : ExportState.values()) {
            Gauge.builder("app.export.jobs", this, indicator -> indicator.jobs(state))
                    .description("Export jobs per state (all nodes, from the database)")
                    .tag("state", state.getLiteral().toLowerCase(Locale.ROOT))
                    .register(registry);
        }
    }

    @Override
    public Health health() {
        var current = queue.get();
        var status = current.oldestQueuedSeconds() > properties.maxExportWait().toSeconds()
                ? new Status(OpsProperties.LAGGING, "an export has waited longer than " + properties.maxExportWait())
                : Status.UP;
        var builder = Health.status(status);
        current.jobs()
                .forEach((state, count) -> builder.withDetail(state.getLiteral().toLowerCase(Locale.ROOT), count));
        return builder.withDetail("oldestQueuedSeconds", current.oldestQueuedSeconds())
                .build();
    }

    private double jobs(ExportState state) {
        try {
            return queue.get().jobs().getOrDefault(state, 0L);
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }
}
