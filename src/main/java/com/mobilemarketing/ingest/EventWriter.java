package com.mobilemarketing.ingest;

import com.mobilemarketing.core.db.Tenant;
import java.util.Collections;
import java.util.List;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Makes accepted callbacks durable with few commits ({@link GroupCommit}): request threads hand
 * their events to a writer thread that inserts everything waiting in one statement and one
 * transaction (one INSERT in autocommit: atomic, and durable when it returns), then answers every
 * waiting request at once. A request gets its 2xx only after that commit; if the database fails or
 * is too slow the request gets a 5xx and the provider retries.
 */
@Component
public class EventWriter implements SmartLifecycle {

    private final GroupCommit<List<StatusEvent>, Boolean> commits;

    public EventWriter(IngestRepository repository, EventFolder folder, IngestProperties properties) {
        this.commits = new GroupCommit<>(
                "ingest-writer",
                requests -> {
                    var all = requests.stream().flatMap(List::stream).toList();
                    Tenant.allAccounts(() -> repository.insertEvents(all));
                    folder.eventsWritten();
                    return Collections.nCopies(requests.size(), true);
                },
                properties.writerThreads(),
                properties.writerBatch(),
                properties.writerQueue(),
                properties.writerTimeoutMs());
    }

    /** Stores the events durably (duplicates dropped by the unique key) before returning. */
    public void store(List<StatusEvent> events) {
        if (!events.isEmpty()) {
            commits.submit(List.copyOf(events), events.size());
        }
    }

    @Override
    public void start() {
        commits.start();
    }

    @Override
    public void stop() {
        commits.stop();
    }

    @Override
    public boolean isRunning() {
        return commits.isRunning();
    }

    /** Starts before and stops after the web server (phase below its MAX_VALUE - 1024), so no request is cut off. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 4096;
    }
}
