package com.mobilemarketing.core.live;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
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
    private final Counter changes;
    private final Counter deliveries;
    private final Clock clock;

    public LiveUpdates(MeterRegistry registry, Clock clock) {
        this.clock = clock;
        changes = Counter.builder("app.live.changes")
                .description("Changes of an account's numbers delivered to this node's screens")
                .register(registry);
        deliveries = Counter.builder("app.live.deliveries")
                .description("Open screens told about a change (the fan-out of live updates)")
                .register(registry);
        Gauge.builder(
                        "app.live.subscribers",
                        listeners,
                        map -> map.values().stream().mapToInt(List::size).sum())
                .description("Open screens subscribed to live updates on this node")
                .register(registry);
    }

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

    /** Announces that the numbers of these messages of the account (none: of the account) changed now. */
    public void changed(long accountId, Set<Long> messageIds) {
        changed(new Change(accountId, Set.copyOf(messageIds), clock.instant()));
    }

    /** Replaces how changes travel (e.g. through PostgreSQL NOTIFY to every node). */
    public void setPublisher(Consumer<Change> publisher) {
        this.publisher = publisher;
    }

    /** Hands a change to this node's subscribers of its account. */
    public void deliver(Change change) {
        var subscribed = listeners.get(change.accountId());
        changes.increment();
        if (subscribed == null) {
            return;
        }
        deliveries.increment(subscribed.size());
        for (var listener : subscribed) {
            try {
                listener.accept(change);
            } catch (RuntimeException e) {
                log.warn("A live-update listener failed", e);
            }
        }
    }
}
