package com.mobilemarketing.alerts;

import com.mobilemarketing.core.live.TrafficSchedule;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.availability.ApplicationAvailability;
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
    private @Nullable TrafficSchedule schedule;

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
        var every = Duration.ofSeconds(Math.max(10, properties.every().toSeconds()));
        schedule = TrafficSchedule.start("alert-rounds", every, availability, rounds::round, log);
    }

    @PreDestroy
    void stop() {
        if (schedule != null) {
            schedule.close();
        }
    }
}
