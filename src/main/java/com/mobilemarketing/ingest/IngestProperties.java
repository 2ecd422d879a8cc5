package com.mobilemarketing.ingest;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the callback endpoints, the click redirector, the event writer and the fold
 * ({@code app.ingest.*}; what each does: docs/ingest.md).
 *
 * @param maxBodyBytes larger callback bodies get 413
 * @param publicBaseUrl the public scheme and host the SMS gateway calls (part of Twilio's signature)
 *     behind a proxy; empty: the request's own
 * @param linkSecret HMAC key of click tokens (at least 16 characters); empty: the development secret
 * @param linkBaseUrl base of tracked links (application.properties derives it from the server port)
 * @param foldEnabled whether this node folds events into recipient state
 * @param foldIntervalMs how often at most the fold runs while events come in (it runs when the event
 *     writer has committed new events: at once after a quiet time, then at most this often, so a batch
 *     collects what arrived meanwhile and pays the fold's fixed cost once; 2 s, so that 500 callbacks
 *     a second are folded in batches as large as 1 000 a second, those of {@code foldWakeRows})
 * @param foldWakeRows events waiting at which the fold runs without waiting out the interval
 * @param foldIdleMs how often at most the fold looks for events that nothing announced (written by a
 *     node that stopped before folding them); the wait doubles up to this while it finds none, and
 *     also bounds the wait of the orphan retry while there are no orphans
 * @param orphanRetryMs how often due orphans (events before their recipient) are retried while there are any
 * @param foldBatch events per fold transaction
 * @param foldMaxBatchesPerRun batches one fold run takes at most
 * @param writerThreads threads that write callbacks' events (group commit)
 * @param writerBatch events per group commit at most
 * @param writerLingerMs a group commit of fewer than {@code writerLingerRows} events waits this long at
 *     most for the next callback (at higher rates three of the usual gaps between callbacks, if that is
 *     shorter), and again after each that comes (0: none); at low rates it shares one commit among
 *     several callbacks
 * @param writerLingerMaxMs how long a group commit waits for more callbacks in all (80 ms: below
 *     some 800 callbacks a second a commit then serves as many as above, for an answer some 25 ms
 *     later at 500/s; above, a commit stops at {@code writerLingerRowsMax} first)
 * @param writerLingerRows events at which a group commit stops waiting for more
 * @param writerLingerRowsMax at higher rates a group commit stops at the events that come in {@code
 *     writerLingerMaxMs}, up to this many
 * @param writerQueue callbacks waiting for a writer at most
 * @param writerTimeoutMs a callback waits this long for its commit
 * @param secretCacheSeconds integration secrets are cached this long
 * @param listenerPort the callback listener's port, for the providers' status callbacks and replies
 *     on an event loop of their own (docs/ingest.md); -1: none, the app's port serves them alone; 0: any
 *     free port
 * @param listenerAddress the address the callback listener binds to; empty: every interface
 * @param listenerThreads the callback listener's event-loop threads
 * @param listenerIdleSeconds a connection of the callback listener with no request for this long is closed
 * @param listenerMaxConnections connections the callback listener keeps open at most; it closes more at once
 */
@ConfigurationProperties("app.ingest")
public record IngestProperties(
        @DefaultValue("262144") int maxBodyBytes,
        @Nullable String publicBaseUrl,
        @Nullable String linkSecret,
        @DefaultValue("http://localhost:8080") String linkBaseUrl,
        @DefaultValue("true") boolean foldEnabled,
        @DefaultValue("2000") long foldIntervalMs,
        @DefaultValue("1000") int foldWakeRows,
        @DefaultValue("30000") long foldIdleMs,
        @DefaultValue("5000") long orphanRetryMs,
        @DefaultValue("5000") int foldBatch,
        @DefaultValue("20") int foldMaxBatchesPerRun,
        @DefaultValue("1") int writerThreads,
        @DefaultValue("1000") int writerBatch,
        @DefaultValue("5") long writerLingerMs,
        @DefaultValue("80") long writerLingerMaxMs,
        @DefaultValue("8") int writerLingerRows,
        @DefaultValue("32") int writerLingerRowsMax,
        @DefaultValue("20000") int writerQueue,
        @DefaultValue("10000") long writerTimeoutMs,
        @DefaultValue("30") long secretCacheSeconds,
        @DefaultValue("-1") int listenerPort,
        @Nullable String listenerAddress,
        @DefaultValue("1") int listenerThreads,
        @DefaultValue("60") int listenerIdleSeconds,
        @DefaultValue("8192") int listenerMaxConnections) {

    /** Signs click tokens when no secret is set; LinkTokens warns about it at start-up. */
    static final String DEV_LINK_SECRET = "dev-only-link-secret-change-me";

    public IngestProperties {
        publicBaseUrl = withoutTrailingSlash(publicBaseUrl == null ? "" : publicBaseUrl);
        linkSecret = linkSecret == null || linkSecret.isBlank() ? DEV_LINK_SECRET : linkSecret;
        linkBaseUrl = withoutTrailingSlash(linkBaseUrl);
        listenerAddress = listenerAddress == null ? "" : listenerAddress.strip();
    }

    private static String withoutTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
