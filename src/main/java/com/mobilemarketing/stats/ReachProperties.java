package com.mobilemarketing.stats;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the unique-recipient sketches and of the kept campaign reach ({@code app.reach.*}).
 *
 * @param enabled rebuild the sketches of dirty days on this node (rounds claim their days with SKIP
 *     LOCKED, so several nodes share the work), and count the reach of stale campaigns (analytics'
 *     CampaignReachTask, on the same cadence)
 * @param every how often a round looks for dirty days; the panel's figure is at most this much
 *     (plus the round's own time) behind the numbers beside it
 * @param daysPerRound days (and then months) claimed per transaction; a round takes transactions
 *     until none is left
 */
@ConfigurationProperties("app.reach")
public record ReachProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("60s") Duration every,
        @DefaultValue("20") int daysPerRound) {}
