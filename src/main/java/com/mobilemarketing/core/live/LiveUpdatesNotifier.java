package com.mobilemarketing.core.live;

import com.mobilemarketing.core.live.LiveUpdates.Change;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Carries {@link LiveUpdates} changes to every app node through PostgreSQL LISTEN/NOTIFY. A change
 * is delivered at once on its own node; for the others changes are merged per account and sent
 * at most every {@code app.live.notify-interval-ms} (a few NOTIFYs per second per account, payload
 * bounded; nothing runs while nothing changes), and a dedicated connection LISTENs and hands what
 * other nodes sent to {@link LiveUpdates#deliver}, and the {@link NodeSignals} to their handlers.
 */
@Component
public class LiveUpdatesNotifier implements SmartLifecycle {

    static final String CHANNEL = "live_updates";
    /** NOTIFY payloads must stay under 8000 bytes; beyond this many ids we say "the whole account". */
    private static final int MAX_PAYLOAD = 7000;

    private static final Logger log = LoggerFactory.getLogger(LiveUpdatesNotifier.class);

    private final LiveUpdates liveUpdates;
    private final LiveUpdatesRepository repository;
    private final NodeSignals signals;
    private final long intervalMillis;
    private final String nodeId = UUID.randomUUID().toString().substring(0, 8);
    private final Map<Long, Set<Long>> pending = new ConcurrentHashMap<>();
    private final AtomicBoolean flushScheduled = new AtomicBoolean();
    private volatile boolean running;
    private volatile @Nullable ScheduledExecutorService flusher;
    private @Nullable Thread listener;

    public LiveUpdatesNotifier(
            LiveUpdates liveUpdates, LiveUpdatesRepository repository, NodeSignals signals, LiveProperties properties) {
        this.liveUpdates = liveUpdates;
        this.repository = repository;
        this.signals = signals;
        this.intervalMillis = properties.notifyIntervalMs();
    }

    private void publish(Change change) {
        liveUpdates.deliver(change);
        pending.merge(change.accountId(), new HashSet<>(change.messageIds()), (a, b) -> {
            var merged = new HashSet<>(a);
            merged.addAll(b);
            return merged;
        });
        // The first change after a quiet time schedules one flush, which carries every change of
        // the interval; a quiet node schedules nothing.
        var executor = flusher;
        if (executor != null && flushScheduled.compareAndSet(false, true)) {
            try {
                executor.schedule(this::scheduledFlush, intervalMillis, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                flushScheduled.set(false); // stopping
            }
        }
    }

    private void scheduledFlush() {
        // Cleared first: a change published from now on schedules the next flush.
        flushScheduled.set(false);
        flush();
    }

    /**
     * Sends what piled up since the last run: one NOTIFY per account. Synchronized, so a caller
     * returns only when every change published before the call is committed as a NOTIFY.
     */
    synchronized void flush() {
        for (var account : Set.copyOf(pending.keySet())) {
            var ids = pending.remove(account);
            if (ids == null) {
                continue;
            }
            try {
                repository.notify(CHANNEL, encode(nodeId, account, Instant.now(), ids));
            } catch (RuntimeException e) {
                log.debug("NOTIFY failed; other nodes catch up with the next change", e);
            }
        }
    }

    static String encode(String node, long accountId, Instant at, Set<Long> messageIds) {
        var text = new StringBuilder()
                .append(node)
                .append('|')
                .append(accountId)
                .append('|')
                .append(at.toEpochMilli())
                .append('|');
        int start = text.length();
        for (var id : messageIds) {
            if (text.length() > MAX_PAYLOAD) {
                text.setLength(start); // too many to list: an empty set means anything of the account
                break;
            }
            if (text.length() > start) {
                text.append(',');
            }
            text.append(id);
        }
        return text.toString();
    }

    /** Null for a payload this node sent itself (already delivered) or one it cannot read. */
    static @Nullable Change decode(String ownNode, String payload) {
        var parts = payload.split("\\|", -1);
        if (parts.length != 4 || parts[0].equals(ownNode)) {
            return null;
        }
        try {
            var ids = new HashSet<Long>();
            if (!parts[3].isEmpty()) {
                for (var id : parts[3].split(",")) {
                    ids.add(Long.parseLong(id));
                }
            }
            return new Change(
                    Long.parseLong(parts[1]), Set.copyOf(ids), Instant.ofEpochMilli(Long.parseLong(parts[2])));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private void listen() {
        while (running) {
            try {
                var channels = new LinkedHashSet<String>();
                channels.add(CHANNEL);
                channels.addAll(signals.channels());
                repository.listen(channels, () -> running, (channel, payload) -> {
                    if (!channel.equals(CHANNEL)) {
                        signals.received(channel);
                        return;
                    }
                    var change = decode(nodeId, payload);
                    if (change != null) {
                        liveUpdates.deliver(change);
                    }
                });
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    log.warn("Live updates listener lost its connection; reconnecting", e);
                    try {
                        Thread.sleep(1000);
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        }
    }

    @Override
    public void start() {
        running = true;
        flusher = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("live-notify").daemon(true).factory());
        liveUpdates.setPublisher(this::publish);
        var thread = Thread.ofPlatform().name("live-listen").daemon(true).unstarted(this::listen);
        listener = thread;
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        liveUpdates.setPublisher(liveUpdates::deliver);
        var executor = flusher;
        if (executor != null) {
            executor.shutdownNow();
            flusher = null;
            flushScheduled.set(false);
        }
        if (listener != null) {
            try {
                listener.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            listener = null;
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
