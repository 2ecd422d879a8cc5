package com.mobilemarketing.ingest;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

/**
 * Stores the opt-ins and opt-outs providers report into the consent history, a batch of requests of
 * any accounts in one statement: record_consent_replies (V172) resolves each contact by phone
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
        var index = new Integer[rows];
        var account = new Long[rows];
        var channel = new String[rows];
        var phone = new String[rows];
        var optedIn = new Boolean[rows];
        var at = new String[rows];
        var source = new String[rows];
        var providerId = new String[rows];
        int row = 0;
        for (int i = 0; i < requests.size(); i++) {
            for (var reply : requests.get(i).replies()) {
                index[row] = i;
                account[row] = requests.get(i).accountId();
                channel[row] = reply.channel().getLiteral();
                phone[row] = reply.phone();
                optedIn[row] = reply.optedIn();
                at[row] = reply.at().toString();
                source[row] = reply.source().key();
                providerId[row] = reply.providerId();
                row++;
            }
        }
        db.transaction(trx -> trx.dsl().connection(connection -> {
            try (var call = connection.prepareStatement(RECORD)) {
                call.setArray(1, array(connection, "int4", index));
                call.setArray(2, array(connection, "int8", account));
                call.setArray(3, array(connection, "text", channel));
                call.setArray(4, array(connection, "text", phone));
                call.setArray(5, array(connection, "bool", optedIn));
                call.setArray(6, array(connection, "text", at));
                call.setArray(7, array(connection, "text", source));
                call.setArray(8, array(connection, "text", providerId));
                try (var result = call.executeQuery()) {
                    while (result.next()) {
                        results.set(result.getInt(1), new Stored(result.getInt(2), result.getInt(3)));
                    }
                }
            }
        }));
        return results;
    }

    private static java.sql.Array array(Connection connection, String type, Object[] values) throws SQLException {
        return connection.createArrayOf(type, values);
    }
}
