package com.mobilemarketing.export;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the exports ({@code app.export.*}).
 *
 * @param dir where export files are stored (relative to the working directory), one folder per
 *     account; files being written sit in its ".tmp" folder until they are published
 * @param threads export jobs that run at once on this node
 * @param pollMillis how often the job queue is polled while jobs come in; a queued job wakes every
 *     node at once (PostgreSQL NOTIFY), so this is a safety net
 * @param idlePollMillis while the queue stays empty, the wait between polls doubles up to this
 * @param staleSeconds a running job whose node sent no heartbeat for this long is retried or failed
 * @param workerEnabled whether this node runs export jobs at all
 */
@ConfigurationProperties("app.export")
public record ExportProperties(
        @DefaultValue("files") String dir,
        @DefaultValue("2") int threads,
        @DefaultValue("1000") long pollMillis,
        @DefaultValue("30000") long idlePollMillis,
        @DefaultValue("60") int staleSeconds,
        @DefaultValue("true") boolean workerEnabled) {}
