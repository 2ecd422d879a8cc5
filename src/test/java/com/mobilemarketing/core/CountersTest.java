package com.mobilemarketing.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.mobilemarketing.AbstractDatabaseTest;
import com.mobilemarketing.Recount;
import com.mobilemarketing.core.db.Tenant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/** Maintained counters and rollups equal a recount from the raw rows. */
class CountersTest extends AbstractDatabaseTest {

    @Autowired
    private TransactionTemplate transaction;

    private long differences() {
        return Tenant.allAccounts(() -> Recount.counterDifferences(db));
    }

    @Test
    void generatedCountersEqualTheRecount() {
        assertThat(differences()).isZero();
    }

    /**
     * The oracle itself: with one account's rows gone from every rollup, the differences are exactly
     * the rows their recounts have, so a rollup the oracle left out would show as a shortfall. (The
     * attribution goes first: its triggers carry a deletion on to the revenue rollups, deleted after it.)
     */
    @Test
    void theRecountFindsEveryRollupThatLostItsRows() {
        var rollups = List.of(
                "order_attribution",
                "message_revenue",
                "revenue_daily",
                "stats_daily",
                "message_stats",
                "stats_hourly",
                "optin_count",
                "optin_overlap",
                "optin_list",
                "message_cost",
                "cost_daily",
                "message_opt_out",
                "opt_out_daily",
                "consent_daily");
        Tenant.runAllAccounts(() -> transaction.executeWithoutResult(status -> {
            long recounted = 0;
            for (var rollup : rollups) {
                var rows = queryLong("select count(*) from " + rollup + "_recount where account_id = 1");
                assertThat(rows).as(rollup).isPositive();
                recounted += rows;
                db.execute("delete from " + rollup + " where account_id = 1");
            }
            assertThat(Recount.counterDifferences(db, FLORA)).isEqualTo(recounted);
            status.setRollbackOnly();
        }));
    }

    @Test
    void countersFollowUpdatesAndDeletesAndRebuildChangesNothing() {
        // The tenant must be set before the transaction takes its connection.
        Tenant.run(
                FLORA,
                () -> transaction.executeWithoutResult(status -> {
                    var changed = db.execute(
                                    "update message_recipient set delivered_at = sent_at + interval '5 seconds' "
                                            + "where account_id = 1 and delivered_at is null and contact_id % 7 = 0")
                            + db.execute(
                                    "update message_recipient set opened_at = null where account_id = 1 and contact_id % 11 = 0")
                            + db.execute(
                                    "update contact_consent set opted_in = not opted_in where account_id = 1 and contact_id % 5 = 0")
                            + db.execute("delete from contact_consent where account_id = 1 and contact_id % 13 = 0")
                            + db.execute("update message_recipient set sent_at = sent_at - interval '3 days' "
                                    + "where account_id = 1 and contact_id % 17 = 0");
                    assertThat(changed).isGreaterThan(1000);
                    assertThat(Recount.counterDifferences(db)).isZero();
                    db.execute("select rebuild_counters(1)");
                    assertThat(Recount.counterDifferences(db)).isZero();
                    status.setRollbackOnly();
                }));
    }

    @Test
    void consentWritesThatChangeNothingOrOnlySomeContactsKeepTheOptInCountersExact() {
        // The statement triggers of contact_consent skip empty transition tables and read each
        // contact's rows by its key (V180): an upsert whose rows all conflict fires an insert trigger
        // with no rows, and one that changes only some flags updates only some contacts.
        Tenant.run(
                FLORA,
                () -> transaction.executeWithoutResult(status -> {
                    long before = db.fetchSingle("select count(*) from contact_consent where account_id = 1")
                            .get(0, Long.class);
                    var upserted = db.execute("""
                            insert into contact_consent as c (account_id, contact_id, channel, opted_in, changed_at)
                            select account_id, contact_id, channel, case when contact_id % 3 = 0 then not opted_in
                                   else opted_in end, changed_at + interval '1 second'
                            from contact_consent where account_id = 1 and contact_id % 2 = 0
                            on conflict (account_id, contact_id, channel) do update
                                set opted_in = excluded.opted_in, changed_at = excluded.changed_at
                            """);
                    var nothing = db.execute("update contact_consent set opted_in = opted_in where false")
                            + db.execute("delete from contact_consent where false");
                    assertThat(upserted).isGreaterThan(100);
                    assertThat(nothing).isZero();
                    assertThat(db.fetchSingle("select count(*) from contact_consent where account_id = 1")
                                    .get(0, Long.class))
                            .isEqualTo(before);
                    assertThat(Recount.counterDifferences(db)).isZero();
                    status.setRollbackOnly();
                }));
    }
}
