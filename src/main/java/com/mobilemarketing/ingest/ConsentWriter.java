package com.mobilemarketing.ingest;

import com.mobilemarketing.core.db.Tenant;
import com.mobilemarketing.ingest.ConsentRepository.Request;
import com.mobilemarketing.ingest.ConsentRepository.Stored;
import java.util.List;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Stores the opt-ins and opt-outs of callback requests by group commit ({@link GroupCommit}): the
 * replies waiting from any accounts go into the consent history in one statement and one
 * transaction, and each request returns once that committed. One writer thread: the replies of an
 * account all update the same rollup rows, so two batches side by side would only wait for each
 * other.
 */
@Component
public class ConsentWriter implements SmartLifecycle {

    private final GroupCommit<Request, Stored> commits;

    public ConsentWriter(ConsentRepository repository, IngestProperties properties) {
        this.commits = new GroupCommit<>(
                "consent-writer",
                requests -> Tenant.allAccounts(() -> repository.store(requests)),
                1,
                properties.writerBatch(),
                properties.writerQueue(),
                properties.writerTimeoutMs());
    }

    /** Stores the replies of one account durably, with their rollups, before returning. */
    public Stored store(long accountId, List<ConsentReply> replies) {
        if (replies.isEmpty()) {
            return new Stored(0, 0);
        }
        return commits.submit(new Request(accountId, List.copyOf(replies)), replies.size());
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

    /** Starts before and stops after the web server, like {@link EventWriter}. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 4096;
    }
}
