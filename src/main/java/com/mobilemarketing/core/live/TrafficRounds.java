package com.mobilemarketing.core.live;

import jakarta.annotation.PreDestroy;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;

/**
 * A component whose background rounds run on a {@link TrafficSchedule} from the moment the app is
 * up (when enabled), until the application context closes. Subclasses say what one round does.
 */
public abstract class TrafficRounds {

    private final String name;
    private final boolean enabled;
    private final Duration every;
    private final Logger log;
    private @Nullable TrafficSchedule schedule;

    protected TrafficRounds(String name, boolean enabled, Duration every, Logger log) {
        this.name = name;
        this.enabled = enabled;
        this.every = every;
        this.log = log;
    }

    /** The work of one scheduled round. */
    protected abstract void scheduledRound();

    /** Rounds start once the app is up; each is skipped while it refuses traffic. */
    @EventListener
    public void start(ApplicationReadyEvent ready) {
        if (enabled) {
            var availability = ready.getApplicationContext().getBean(ApplicationAvailability.class);
            schedule = TrafficSchedule.start(name, every, availability, this::scheduledRound, log);
        }
    }

    @PreDestroy
    void stop() {
        if (schedule != null) {
            schedule.close();
        }
    }
}
