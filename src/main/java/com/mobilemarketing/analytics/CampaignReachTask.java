package com.mobilemarketing.analytics;

import com.mobilemarketing.analytics.CampaignRepository.CampaignKey;
import com.mobilemarketing.core.db.Tenant;
import com.mobilemarketing.core.live.TrafficRounds;
import com.mobilemarketing.stats.ReachProperties;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Keeps campaigns' reach current: every {@code app.reach.every} (the unique-recipient sketches'
 * cadence, and their switch) it counts again the campaigns whose recipients changed since their
 * last count, a few per query until none is left. An idle round is one indexed look at the stale
 * campaigns.
 */
@Component
public class CampaignReachTask extends TrafficRounds {

    private static final Logger log = LoggerFactory.getLogger(CampaignReachTask.class);
    private static final int PER_QUERY = 20;

    private final CampaignRepository campaigns;

    public CampaignReachTask(CampaignRepository campaigns, ReachProperties properties) {
        super("campaign-reach", properties.enabled(), properties.every(), log);
        this.campaigns = campaigns;
    }

    @Override
    protected void scheduledRound() {
        round();
    }

    /**
     * Counts every stale campaign once, in key order; returns how many were counted. A campaign
     * whose count fails is logged and left stale for the next round; the others are counted all the
     * same.
     */
    public int round() {
        int counted = 0;
        var after = new CampaignKey(0, 0);
        List<CampaignKey> stale;
        do {
            var from = after;
            stale = Tenant.allAccounts(() -> campaigns.stale(from, PER_QUERY));
            for (var campaign : stale) {
                try {
                    Tenant.runAllAccounts(() -> campaigns.refresh(campaign.accountId(), campaign.campaignId()));
                    counted++;
                } catch (RuntimeException e) {
                    log.warn(
                            "Could not count the reach of campaign {} of account {}",
                            campaign.campaignId(),
                            campaign.accountId(),
                            e);
                }
                after = campaign;
            }
        } while (stale.size() == PER_QUERY && !Thread.currentThread().isInterrupted());
        if (counted > 0) {
            log.debug("Counted the reach of {} campaigns", counted);
        }
        return counted;
    }
}
