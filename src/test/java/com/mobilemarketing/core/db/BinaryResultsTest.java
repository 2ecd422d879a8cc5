package com.mobilemarketing.core.db;

import static com.mobilemarketing.db.Tables.MESSAGE_RECIPIENT;
import static org.assertj.core.api.Assertions.assertThat;

import com.mobilemarketing.AbstractDatabaseTest;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

/** An export's cursor with binary results reads the same values, and leaves the pooled connection as it was. */
class BinaryResultsTest extends AbstractDatabaseTest {

    @Test
    void readsTheSameValuesAsTextAndPutsTheConnectionBack() {
        var rows = Tenant.call(
                FLORA,
                () -> db.transactionResult(trx -> {
                    var tx = trx.dsl();
                    var before = threshold(tx);
                    var prepared = preparedOnServer(tx);
                    var text = recipients(tx);
                    assertThat(preparedOnServer(tx)).isEqualTo(prepared);
                    List<Record> binary;
                    try (var on = BinaryResults.on(tx)) {
                        binary = recipients(tx);
                    }
                    assertThat(threshold(tx)).isEqualTo(before);
                    assertThat(preparedOnServer(tx)).isEqualTo(prepared + 1);
                    assertThat(binary).isEqualTo(text);
                    return text;
                }));
        assertThat(rows).hasSize(500);
        assertThat(rows)
                .anySatisfy(
                        r -> assertThat(r.get(MESSAGE_RECIPIENT.DELIVERED_AT)).isNotNull());
    }

    private static List<Record> recipients(DSLContext tx) {
        var r = MESSAGE_RECIPIENT;
        try (var cursor = tx.select(
                        r.MESSAGE_ID,
                        r.CONTACT_ID,
                        r.PROVIDER_MESSAGE_ID,
                        r.SENT_AT,
                        r.DELIVERED_AT,
                        r.OPENED_AT,
                        r.CLICKED_AT,
                        r.FAILED_AT,
                        r.ERROR_PERMANENT,
                        r.COST)
                .from(r)
                .where(r.SENT_AT.isNotNull())
                .orderBy(r.MESSAGE_ID, r.CONTACT_ID)
                .limit(500)
                .fetchSize(100)
                .fetchLazy()) {
            return cursor.stream().map(Record.class::cast).toList();
        }
    }

    private static int threshold(DSLContext tx) {
        return tx.connectionResult(c -> c.unwrap(PGConnection.class).getPrepareThreshold());
    }

    /** Statements the session has prepared on the server: the driver's binary results need one. */
    private static int preparedOnServer(DSLContext tx) {
        return tx.fetchSingle("select count(*) from pg_prepared_statements").get(0, Integer.class);
    }
}
