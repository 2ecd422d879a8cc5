package com.mobilemarketing.core.live;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Wakes background work on every app node when there is something to do, instead of each node
 * polling the database on a timer: a signal is a PostgreSQL NOTIFY on a channel, and the
 * {@link LiveUpdatesNotifier}'s listening connection hands it to the handlers subscribed on each
 * node (the sending node included). A signal carries no data; the handler looks for its work.
 * Subscribe before the app starts: the listener listens to the channels known at its start.
 */
@Component
public class NodeSignals {

    private static final Logger log = LoggerFactory.getLogger(NodeSignals.class);

    private final LiveUpdatesRepository repository;
    private final Map<String, List<Runnable>> handlers = new ConcurrentHashMap<>();

    public NodeSignals(LiveUpdatesRepository repository) {
        this.repository = repository;
    }

    /** Runs {@code handler} (on the listener's thread: keep it short) whenever {@code channel} is signalled. */
    public void subscribe(String channel, Runnable handler) {
        handlers.computeIfAbsent(channel, c -> new CopyOnWriteArrayList<>()).add(handler);
    }

    /** Signals every node, this one included; committed at once. */
    public void signal(String channel) {
        try {
            repository.notify(channel, "");
        } catch (RuntimeException e) {
            // The nodes' own back-off polls find the work a little later.
            log.debug("NOTIFY {} failed", channel, e);
        }
    }

    Set<String> channels() {
        return Set.copyOf(handlers.keySet());
    }

    void received(String channel) {
        for (var handler : handlers.getOrDefault(channel, List.of())) {
            try {
                handler.run();
            } catch (RuntimeException e) {
                log.warn("A handler of signal {} failed", channel, e);
            }
        }
    }
}
