package com.mobilemarketing.export;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * Meters of the export worker on this node: rows written ({@code app.export.rows}, whose rate is
 * rows/s across jobs), each finished job's own speed ({@code app.export.throughput}, rows/s) and
 * duration ({@code app.export.duration}), and jobs failed ({@code app.export.failures}).
 */
@Component
public class ExportMetrics {

    private final Counter rows;
    private final DistributionSummary throughput;
    private final Timer duration;
    private final Counter failures;

    public ExportMetrics(MeterRegistry registry) {
        rows = Counter.builder("app.export.rows")
                .description("Rows written into export files by this node")
                .baseUnit("rows")
                .register(registry);
        throughput = DistributionSummary.builder("app.export.throughput")
                .description("Rows per second of each finished export job")
                .baseUnit("rows.per.second")
                .register(registry);
        duration = Timer.builder("app.export.duration")
                .description("Time from start to publishing of each finished export job")
                .register(registry);
        failures = Counter.builder("app.export.failures")
                .description("Export attempts that failed on this node")
                .register(registry);
    }

    void done(long rowCount, long nanos) {
        rows.increment(rowCount);
        duration.record(nanos, TimeUnit.NANOSECONDS);
        if (nanos > 0) {
            throughput.record(rowCount * 1e9 / nanos);
        }
    }

    void failed() {
        failures.increment();
    }
}
