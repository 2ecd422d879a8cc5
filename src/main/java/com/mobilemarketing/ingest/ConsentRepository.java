package com.mobilemarketing.ingest;

import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

/**
 * Stores the opt-ins and opt-outs providers report into the consent history, a batch of requests of
 * any accounts in one statement: record_consent_replies (V179) resolves each contact by phone
 * number, credits an opt-out to the last message within the account's opt-out window, drops a
 * repeat of the provider's id, and consent_change's trigger brings the current consent, the opt-in
 * counters and the rollups along in the same transaction, each rollup row once per batch.
 */
@Repository
public class ConsentRepository {

    /** The replies one callback request carried, for one account. */
    public record Request(long accountId, List<ConsentReply> replies) {}

    /** What a request stored: consent changes new to the history, and those of numbers no contact has. */
    public record Stored(int stored, int unknownContacts) {}

    private static final String RECORD = "select request, stored, unknown from record_consent_replies("
            + "?, ?, ?::channel[], ?, ?, ?::timestamptz[], ?, ?)";

    private final DSLContext db;

    public ConsentRepository(DSLContext db) {
        this.db = db;
    }

    /** Stores the replies of every request in one transaction; what each request stored, in order. */
    public List<Stored> store(List<Request> requests) {
        var results = new ArrayList<Stored>(requests.size());
        requests.forEach(r -> results.add(new Stored(0, 0)));
        int rows = requests.stream().mapToInt(r -> r.replies().size()).sum();
        if (rows == 0) {
            return results;
        }
        record Row(int request, long accountId, ConsentReply reply) {}
        var flat = new ArrayList<Row>(rows);
        for (int i = 0; i < requests.size(); i++) {
            for (var reply : requests.get(i).replies()) {
                flat.add(new Row(i, requests.get(i).accountId(), reply));
            }
        }
        db.transaction(trx -> trx.dsl().connection(connection -> {
            try (var call = connection.prepareStatement(RECORD)) {
                new ColumnArrays<>(connection, call, 1, flat)
                        .integers(Row::request)
                        .bigints(Row::accountId)
                        .texts(row -> row.reply().channel().getLiteral())
                        .texts(row -> row.reply().phone())
                        .booleans(row -> row.reply().optedIn())
                        .texts(row -> row.reply().at().toString())
                        .texts(row -> row.reply().source().key())
                        .texts(row -> row.reply().providerId());
                try (var result = call.executeQuery()) {
                    while (result.next()) {
                        results.set(result.getInt(1), new Stored(result.getInt(2), result.getInt(3)));
                    }
                }
            }
        }));
        return results;
    }
}
