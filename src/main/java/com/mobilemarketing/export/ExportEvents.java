package com.mobilemarketing.export;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Tells this node's open screens about export jobs: the user who started a job hears when it is
 * done or failed (a notification wherever they are), and screens of the account hear its progress
 * (the Files page). Listeners are removed by closing the handle they got.
 */
@Component
public class ExportEvents {

    private static final Logger log = LoggerFactory.getLogger(ExportEvents.class);

    public enum Kind {
        QUEUED,
        PROGRESS,
        DONE,
        FAILED
    }

    /** A change of one job; {@code error} is a translation key, with a detail after a newline. */
    public record ExportEvent(
            long accountId,
            long jobId,
            long ownerId,
            Kind kind,
            String fileName,
            long rowsDone,
            @Nullable String error) {}

    private final Map<Long, CopyOnWriteArrayList<Consumer<ExportEvent>>> byUser = new ConcurrentHashMap<>();
    private final Map<Long, CopyOnWriteArrayList<Consumer<ExportEvent>>> byAccount = new ConcurrentHashMap<>();

    /** The finished and failed jobs of one user. */
    public AutoCloseable subscribeUser(long userId, Consumer<ExportEvent> listener) {
        return add(byUser, userId, listener);
    }

    /** Every change of the jobs of one account. */
    public AutoCloseable subscribeAccount(long accountId, Consumer<ExportEvent> listener) {
        return add(byAccount, accountId, listener);
    }

    public void publish(ExportEvent event) {
        if (event.kind() == Kind.DONE || event.kind() == Kind.FAILED) {
            deliver(byUser.get(event.ownerId()), event);
        }
        deliver(byAccount.get(event.accountId()), event);
    }

    private static AutoCloseable add(
            Map<Long, CopyOnWriteArrayList<Consumer<ExportEvent>>> map, long key, Consumer<ExportEvent> listener) {
        var list = map.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>());
        list.add(listener);
        // Empty lists stay: one per user or account at most, and removing them would race with add.
        return () -> list.remove(listener);
    }

    private static void deliver(@Nullable CopyOnWriteArrayList<Consumer<ExportEvent>> listeners, ExportEvent event) {
        if (listeners == null) {
            return;
        }
        for (var listener : listeners) {
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                log.warn("An export listener failed", e);
            }
        }
    }
}
