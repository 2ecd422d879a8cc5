package com.mobilemarketing.ingest;

import com.mobilemarketing.core.db.Tenant;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.springframework.stereotype.Component;

/**
 * Makes accepted callbacks durable with few commits ({@link GroupCommit}): request threads hand
 * their events to a writer thread that inserts everything waiting in one statement and one
 * transaction (one INSERT in autocommit: atomic, and durable when it returns), then answers every
 * waiting request at once. A request gets its 2xx only after that commit; if the database fails or
 * is too slow the request gets a 5xx and the provider retries.
 */
@Component
public class EventWriter extends GroupCommit<List<StatusEvent>, Boolean> {

    private final IngestRepository repository;
    private final EventFolder folder;

    public EventWriter(IngestRepository repository, EventFolder folder, IngestProperties properties) {
        super("ingest-writer", properties.writerThreads(), properties);
        this.repository = repository;
        this.folder = folder;
    }

    /** Stores the events durably (duplicates dropped by the unique key) before returning. */
    public void store(List<StatusEvent> events) {
        if (!events.isEmpty()) {
            submit(List.copyOf(events), events.size());
        }
    }

    /**
     * Stores the events in the next group commit without waiting: the future completes once they are
     * durable, or fails with a {@link NotStoredException}.
     */
    public CompletableFuture<Boolean> storeAsync(List<StatusEvent> events) {
        return submitAsync(List.copyOf(events), events.size());
    }

    @Override
    protected List<Boolean> write(List<List<StatusEvent>> requests) {
        var all = requests.stream().flatMap(List::stream).toList();
        Tenant.allAccounts(() -> repository.insertEvents(all));
        folder.eventsWritten(all.size());
        return Collections.nCopies(requests.size(), true);
    }
}
