package com.mobilemarketing.core.ops;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Operating settings: when the health parts turn {@code LAGGING}, and how long the figures read
 * from the database for health and metrics are reused (so a busy scraper costs a few queries a
 * minute, not one per scrape).
 *
 * @param maxFoldLag age of the oldest unfolded delivery event beyond which ingest health is LAGGING
 * @param maxExportWait age of the oldest queued export job beyond which export health is LAGGING
 * @param snapshotTtl how long one reading of the backlog and queue counts is reused
 */
@ConfigurationProperties("app.ops")
public record OpsProperties(
        @DefaultValue("60s") Duration maxFoldLag,
        @DefaultValue("5m") Duration maxExportWait,
        @DefaultValue("5s") Duration snapshotTtl) {

    /** A health status between UP and DOWN: working, but behind; answered with HTTP 200. */
    public static final String LAGGING = "LAGGING";
}
