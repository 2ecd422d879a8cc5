package com.mobilemarketing.analytics;

import com.mobilemarketing.core.db.Tenant;
import com.mobilemarketing.core.live.TrafficSchedule;
import com.mobilemarketing.stats.ReachProperties;
import jakarta.annotation.PreDestroy;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Keeps campaigns' reach current: every {@code app.reach.every} (the unique-recipient sketches'
 * cadence, and their switch) it counts again the campaigns whose recipients changed since their
 * last count, a few per query until none is left. An idle round is one indexed look at the stale
 * campaigns.
 */
@Component
public class CampaignReachTask {

    private static final Logger log = LoggerFactory.getLogger(CampaignReachTask.class);
    private static final int PER_QUERY = 20;

    private final CampaignRepository campaigns;
    private final ReachProperties properties;
    private @Nullable TrafficSchedule schedule;

    public CampaignReachTask(CampaignRepository campaigns, ReachProperties properties) {
        this.campaigns = campaigns;
        this.properties = properties;
    }

    @EventListener
    public void start(ApplicationReadyEvent ready) {
        if (properties.enabled()) {
            var availability = ready.getApplicationContext().getBean(ApplicationAvailability.class);
            schedule = TrafficSchedule.start("campaign-reach", properties.every(), availability, this::round, log);
        }
    }

    @PreDestroy
    void stop() {
        if (schedule != null) {
            schedule.close();
        }
    }

    /** Counts every stale campaign; returns how many were counted. */
    public int round() {
        int counted = 0;
        int batch;
        do {
            batch = Tenant.allAccounts(() -> campaigns.refreshStale(PER_QUERY));
            counted += batch;
        } while (batch == PER_QUERY && !Thread.currentThread().isInterrupted());
        if (counted > 0) {
            log.debug("Counted the reach of {} campaigns", counted);
        }
        return counted;
    }
}
