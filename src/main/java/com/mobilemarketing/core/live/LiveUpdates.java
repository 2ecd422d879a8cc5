package com.mobilemarketing.core.live;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Tells open screens of an account that its numbers changed (new events were folded in). Screens
 * subscribe for their account and refresh themselves (by server push); publishers call
 * {@link #changed}. Delivery across app nodes goes through PostgreSQL NOTIFY
 * ({@link LiveUpdatesNotifier}), which ends in {@link #deliver} on every node.
 */
@Component
public class LiveUpdates {

    private static final Logger log = LoggerFactory.getLogger(LiveUpdates.class);

    /** What changed: the account, the messages whose numbers moved, and when. */
    public record Change(long accountId, Set<Long> messageIds, Instant at) {}

    private final Map<Long, CopyOnWriteArrayList<Consumer<Change>>> listeners = new ConcurrentHashMap<>();
    private volatile Consumer<Change> publisher = this::deliver;

    /** Subscribes to the changes of one account; close the returned handle on detach. */
    public AutoCloseable subscribe(long accountId, Consumer<Change> listener) {
        var list = listeners.computeIfAbsent(accountId, id -> new CopyOnWriteArrayList<>());
        list.add(listener);
        return () -> list.remove(listener);
    }

    /** Announces a change; by default delivered in this node only, until a cross-node publisher is set. */
    public void changed(Change change) {
        publisher.accept(change);
    }

    /** Replaces how changes travel (e.g. through PostgreSQL NOTIFY to every node). */
    public void setPublisher(Consumer<Change> publisher) {
        this.publisher = publisher;
    }

    /** Hands a change to this node's subscribers of its account. */
    public void deliver(Change change) {
        for (var listener : listeners.getOrDefault(change.accountId(), new CopyOnWriteArrayList<>())) {
            try {
                listener.accept(change);
            } catch (RuntimeException e) {
                log.warn("A live-update listener failed", e);
            }
        }
    }
}
