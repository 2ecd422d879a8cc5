package com.mobilemarketing.demo;

import com.mobilemarketing.core.live.LiveUpdates;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Demo data being prepared at start-up, next to the application's readiness: the app's
 * {@link ReadinessState} is the one source of truth of "ready" (health probes and screens read it),
 * and this adds since when the demo data is being made and about how long it takes. While the
 * runner generates or brings the demo up to today the app refuses traffic; Spring Boot accepts it
 * after the runners, and then every account's open screens are told that their numbers changed.
 */
@Component
public class DemoPreparation {

    /**
     * How long the preparation has run and about how long it takes in all: from the rows written so
     * far, or from an assumed rate before the first chunk is done.
     */
    public record Progress(Duration elapsed, Duration estimate) {}

    /** Recipient rows a two-core machine writes through the triggers per second, before any chunk is done. */
    static final long ASSUMED_ROWS_PER_SECOND = 10_000;

    private record Run(long startedNanos, long plannedRows, AtomicLong doneRows) {}

    private final ApplicationEventPublisher events;
    private final LiveUpdates liveUpdates;
    private final DemoDataGenerator generator;
    private final ApplicationAvailability availability;
    private final LongSupplier nanoTime;
    private volatile @Nullable Run run;
    private volatile boolean announceWhenReady;

    @Autowired
    public DemoPreparation(
            ApplicationEventPublisher events,
            LiveUpdates liveUpdates,
            DemoDataGenerator generator,
            ApplicationAvailability availability) {
        this(events, liveUpdates, generator, availability, System::nanoTime);
    }

    DemoPreparation(
            ApplicationEventPublisher events,
            LiveUpdates liveUpdates,
            DemoDataGenerator generator,
            ApplicationAvailability availability,
            LongSupplier nanoTime) {
        this.events = events;
        this.liveUpdates = liveUpdates;
        this.generator = generator;
        this.availability = availability;
        this.nanoTime = nanoTime;
    }

    /** Starts a preparation of about {@code plannedRows} recipient rows; the app refuses traffic meanwhile. */
    public void begin(long plannedRows) {
        run = new Run(nanoTime.getAsLong(), Math.max(1, plannedRows), new AtomicLong());
        announceWhenReady = true;
        AvailabilityChangeEvent.publish(events, this, ReadinessState.REFUSING_TRAFFIC);
    }

    /** Counts recipient rows written. */
    public void advance(long rows) {
        var current = run;
        if (current != null) {
            current.doneRows().addAndGet(rows);
        }
    }

    /** The preparation is over; the app accepts traffic when Spring Boot says it is ready. */
    public void end() {
        run = null;
    }

    /** Empty when nothing is being prepared. */
    public Optional<Progress> current() {
        var current = run;
        if (current == null) {
            return Optional.empty();
        }
        var elapsed = Duration.ofNanos(nanoTime.getAsLong() - current.startedNanos());
        var done = Math.min(current.doneRows().get(), current.plannedRows());
        var estimate = done == 0
                ? Duration.ofSeconds(Math.max(1, current.plannedRows() / ASSUMED_ROWS_PER_SECOND))
                : Duration.ofNanos((long) (elapsed.toNanos() * ((double) current.plannedRows() / done)));
        return Optional.of(new Progress(elapsed, estimate.compareTo(elapsed) < 0 ? elapsed : estimate));
    }

    /** Whether the app accepts traffic: its figures can be shown. */
    public boolean ready() {
        return availability.getReadinessState() == ReadinessState.ACCEPTING_TRAFFIC;
    }

    /** Ready again after a preparation: open screens of every account re-read their numbers. */
    @EventListener
    public void onReadiness(AvailabilityChangeEvent<ReadinessState> event) {
        if (event.getState() == ReadinessState.ACCEPTING_TRAFFIC && announceWhenReady) {
            announceWhenReady = false;
            for (var accountId : generator.accountIds()) {
                liveUpdates.changed(accountId, Set.of());
            }
        }
    }
}
