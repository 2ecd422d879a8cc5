package com.mobilemarketing.stats;

import com.mobilemarketing.core.db.Tenant;
import com.mobilemarketing.core.live.TrafficRounds;
import java.util.function.IntUnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Keeps the unique-recipient sketches fresh: every {@code app.reach.every} it brings up to date the
 * sketches of the days that folds, sends and the demo marked dirty, a batch of days per transaction,
 * until none is left; then the month sketches of the months those days marked, from their day
 * sketches. Never per callback, and a new delivery costs the round its own contact only: it is
 * added to its day's sketch; only a withdrawn delivery has its day rebuilt from all its recipients.
 */
@Component
public class ReachSketchTask extends TrafficRounds {

    private static final Logger log = LoggerFactory.getLogger(ReachSketchTask.class);

    private final ReachRepository reach;
    private final ReachProperties properties;

    public ReachSketchTask(ReachRepository reach, ReachProperties properties) {
        super("reach-sketches", properties.enabled(), properties.every(), log);
        this.reach = reach;
        this.properties = properties;
    }

    @Override
    protected void scheduledRound() {
        round();
    }

    /** Brings dirty days, then dirty months, up to date until none is left; returns how many days were. */
    public int round() {
        int days = drain(reach::rebuildDirtyDays);
        int months = drain(reach::rebuildDirtyMonths);
        if (days + months > 0) {
            log.debug("Rebuilt the unique-recipient sketches of {} days and {} months", days, months);
        }
        return days;
    }

    /** Runs batches of {@code daysPerRound} (days or months) across accounts until a batch is short. */
    private int drain(IntUnaryOperator rebuild) {
        int rebuilt = 0;
        int batch;
        do {
            batch = Tenant.allAccounts(() -> rebuild.applyAsInt(properties.daysPerRound()));
            rebuilt += batch;
        } while (batch == properties.daysPerRound() && !Thread.currentThread().isInterrupted());
        return rebuilt;
    }
}
