package com.mobilemarketing.export;

import com.mobilemarketing.core.ops.OpsProperties;
import com.mobilemarketing.core.ops.SnapshotHealth;
import com.mobilemarketing.db.enums.ExportState;
import com.mobilemarketing.export.ExportRepository.QueueSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * Health part "exports": the export queue (jobs queued, running, failed, done) and how long the
 * oldest queued job has waited. UP while that wait is under {@code app.ops.max-export-wait},
 * LAGGING beyond (no worker takes jobs, or too few for the load). The same reading feeds the gauge
 * {@code app.export.jobs} per state.
 */
@Component
public class ExportHealthIndicator extends SnapshotHealth<QueueSummary> {

    public ExportHealthIndicator(ExportRepository repository, OpsProperties properties, MeterRegistry registry) {
        super(
                repository::queueSummary,
                properties.snapshotTtl(),
                new Lag<>(
                        QueueSummary::oldestQueuedSeconds,
                        properties.maxExportWait(),
                        "an export has waited longer than " + properties.maxExportWait()));
        for (var state : ExportState.values()) {
            gauge("app.export.jobs", queue -> queue.jobs().getOrDefault(state, 0L))
                    .description("Export jobs per state (all nodes, from the database)")
                    .tag("state", name(state))
                    .register(registry);
        }
    }

    @Override
    protected void details(QueueSummary current, Health.Builder builder) {
        current.jobs().forEach((state, count) -> builder.withDetail(name(state), count));
        builder.withDetail("oldestQueuedSeconds", current.oldestQueuedSeconds());
    }

    private static String name(ExportState state) {
        return state.getLiteral().toLowerCase(Locale.ROOT);
    }
}
