package com.mobilemarketing.alerts;

import com.mobilemarketing.core.live.TrafficRounds;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Runs the {@link AlertRounds} every minute on its own thread while the app accepts traffic. */
@Component
public class AlertSchedule extends TrafficRounds {

    private static final Logger log = LoggerFactory.getLogger(AlertSchedule.class);

    private final AlertRounds rounds;

    public AlertSchedule(AlertRounds rounds, AlertProperties properties) {
        super(
                "alert-rounds",
                properties.enabled(),
                Duration.ofSeconds(Math.max(10, properties.every().toSeconds())),
                log);
        this.rounds = rounds;
    }

    @Override
    protected void scheduledRound() {
        rounds.round();
    }
}
