package com.mobilemarketing.ingest;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

/**
 * Stores the opt-ins and opt-outs providers report into the consent history, each in one statement:
 * record_consent_reply (V111) resolves the contact by phone number, credits an opt-out to the last
 * message within the account's opt-out window, drops a repeat of the provider's id, and its trigger
 * brings the current consent, the opt-in counters and the rollups along in the same transaction.
 */
@Repository
public class ConsentRepository {

    /** What a request stored: consent changes new to the history, and those of numbers no contact has. */
    public record Stored(int stored, int unknownContacts) {}

    private static final String RECORD =
            "select stored, unknown from record_consent_reply(?, ?::channel, ?, ?, ?, ?, ?)";

    private final DSLContext db;

    public ConsentRepository(DSLContext db) {
        this.db = db;
    }

    /** Stores the replies of one account, all in one transaction. */
    public Stored store(long accountId, List<ConsentReply> replies) {
        if (replies.isEmpty()) {
            return new Stored(0, 0);
        }
        return db.transactionResult(trx -> trx.dsl().connectionResult(connection -> {
            int stored = 0;
            int unknown = 0;
            try (var call = connection.prepareStatement(RECORD)) {
                for (var reply : replies) {
                    call.setLong(1, accountId);
                    call.setString(2, reply.channel().getLiteral());
                    call.setString(3, reply.phone());
                    call.setBoolean(4, reply.optedIn());
                    call.setObject(5, OffsetDateTime.ofInstant(reply.at(), ZoneOffset.UTC));
                    call.setString(6, reply.source().key());
                    call.setString(7, reply.providerId());
                    try (var result = call.executeQuery()) {
                        result.next();
                        stored += result.getInt(1);
                        unknown += result.getInt(2);
                    }
                }
            }
            return new Stored(stored, unknown);
        }));
    }
}
