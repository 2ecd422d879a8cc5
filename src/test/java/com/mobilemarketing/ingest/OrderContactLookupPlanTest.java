package com.mobilemarketing.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.mobilemarketing.AbstractDatabaseTest;
import com.mobilemarketing.core.db.Tenant;
import org.junit.jupiter.api.Test;

/**
 * An order finds its contact by e-mail through the {@code contact_email} index in the app's role,
 * under row-level security (V193): the lower-cased address is a stored column, so the lookup is an
 * equality the policy lets the index serve. The plan is asked with sequential scans priced out, so
 * what the test sees is what the index can serve, whatever the size of the test data.
 */
class OrderContactLookupPlanTest extends AbstractDatabaseTest {

    /** The lookup of ingest_orders() for an address no contact has. */
    @Test
    void anOrdersContactByEmailIsAnIndexConditionUnderRowLevelSecurity() {
        var plan = plan("select c.id from contact c where c.account_id = ? and c.email_key = lower(?) "
                + "order by c.id limit 1");
        assertThat(plan).containsPattern("Index Cond: .*email_key = ");
        assertThat(plan).doesNotContain("Rows Removed by Filter");
    }

    /** The expression it replaced: the policy keeps lower() out of the index condition, so every contact is read. */
    @Test
    void theLowerCasedExpressionCannotServeTheLookupUnderRowLevelSecurity() {
        var plan = plan("select c.id from contact c where c.account_id = ? and lower(c.email) = lower(?) "
                + "order by c.id limit 1");
        assertThat(plan).doesNotContainPattern("Index Cond: .*lower");
        assertThat(plan).contains("Rows Removed by Filter");
    }

    @Test
    void theStoredKeyIsTheLowerCasedAddress() {
        assertThat(asAllAccounts(
                        () -> queryLong("select count(*) from contact where email_key is distinct from lower(email)")))
                .isZero();
        assertThat(asAllAccounts(() -> queryLong("select count(*) from contact where email_key is not null")))
                .isPositive();
    }

    private String plan(String sql) {
        return Tenant.call(
                FLORA,
                () -> db.transactionResult(trx -> {
                    trx.dsl().execute("set local enable_seqscan = off");
                    return String.join(
                            "\n",
                            trx.dsl()
                                    .fetch("explain (analyze, costs off) " + sql, FLORA, "Nobody@Example.COM")
                                    .getValues(0, String.class));
                }));
    }
}
