package com.mobilemarketing.alerts;

import com.mobilemarketing.core.db.Tenant;
import com.mobilemarketing.core.live.LiveUpdates;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * One alert round: checks the alert rules of every account (on any number of nodes: each round
 * claims its minute, so only one node runs it), mails raised alerts and tells the accounts' open
 * screens. {@link AlertSchedule} runs it every minute.
 */
@Component
public class AlertRounds {

    private static final Logger log = LoggerFactory.getLogger(AlertRounds.class);

    private final AlertRepository repository;
    private final AlertProperties properties;
    private final AlertMailer mailer;
    private final LiveUpdates liveUpdates;
    private final Clock clock;

    public AlertRounds(
            AlertRepository repository,
            AlertProperties properties,
            AlertMailer mailer,
            LiveUpdates liveUpdates,
            Clock clock) {
        this.repository = repository;
        this.properties = properties;
        this.mailer = mailer;
        this.liveUpdates = liveUpdates;
        this.clock = clock;
    }

    /** One round now. */
    public AlertRound round() {
        return round(clock.instant());
    }

    /** One round at {@code now}: raise and resolve, mail what is new, tell the open screens. */
    public AlertRound round(Instant now) {
        var round = Tenant.allAccounts(() -> repository.round(now, properties));
        if (!round.claimed()) {
            return round;
        }
        if (!round.raised().isEmpty() || !round.resolved().isEmpty()) {
            log.info(
                    "Alert round {}: {} raised, {} resolved",
                    now,
                    round.raised().size(),
                    round.resolved().size());
        }
        Tenant.allAccounts(mailer::sendPending);
        for (var account : round.accounts()) {
            liveUpdates.changed(new LiveUpdates.Change(account, Set.of(), now));
        }
        return round;
    }
}
