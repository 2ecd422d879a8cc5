package com.mobilemarketing.ingest;

import com.mobilemarketing.core.db.Tenant;
import com.mobilemarketing.ingest.ConsentRepository.Request;
import com.mobilemarketing.ingest.ConsentRepository.Stored;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.springframework.stereotype.Component;

/**
 * Stores the opt-ins and opt-outs of callback requests by group commit ({@link GroupCommit}): the
 * replies waiting from any accounts go into the consent history in one statement and one
 * transaction, and each request returns once that committed. One writer thread: the replies of an
 * account all update the same rollup rows, so two batches side by side would only wait for each
 * other.
 */
@Component
public class ConsentWriter extends GroupCommit<Request, Stored> {

    private final ConsentRepository repository;

    public ConsentWriter(ConsentRepository repository, IngestProperties properties) {
        super("consent-writer", 1, properties);
        this.repository = repository;
    }

    /** Stores the replies of one account durably, with their rollups, before returning. */
    public Stored store(long accountId, List<ConsentReply> replies) {
        if (replies.isEmpty()) {
            return new Stored(0, 0);
        }
        return submit(new Request(accountId, List.copyOf(replies)), replies.size());
    }

    /** The same, answered when the batch commits: the caller's thread is not held meanwhile. */
    public CompletableFuture<Stored> storeAsync(long accountId, List<ConsentReply> replies) {
        if (replies.isEmpty()) {
            return CompletableFuture.completedFuture(new Stored(0, 0));
        }
        return submitAsync(new Request(accountId, List.copyOf(replies)), replies.size());
    }

    @Override
    protected List<Stored> write(List<Request> requests) {
        return Tenant.allAccounts(() -> repository.store(requests));
    }
}
