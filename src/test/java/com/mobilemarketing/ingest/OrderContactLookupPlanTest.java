package com.mobilemarketing.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.mobilemarketing.AbstractDatabaseTest;
import com.mobilemarketing.core.db.Tenant;
import org.junit.jupiter.api.Test;

/**
 * An order finds its contact by e-mail through the {@code contact_email} index in the app's role,
 * under row-level security (V193), and a new contact finds its waiting orders by phone and e-mail
 * through the waiting orders' indexes (V194): the keys are stored columns, so each lookup is an
 * equality the policy lets an index serve. The plans are asked with sequential scans priced out, so
 * what the test sees is what an index can serve.
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

    /**
     * What a new contact claims (V194): the waiting orders with its phone's and its address's keys. The
     * account gets waiting orders for the planner to choose between its indexes (an empty partial
     * index costs the same as any other).
     */
    @Test
    void theWaitingOrdersOfAPhoneOrAnAddressAreIndexConditionsUnderRowLevelSecurity() {
        asAllAccounts(() -> db.execute("""
                insert into order_event (account_id, order_id, status, placed_at, value, currency, phone, email)
                select ?, 'PLAN-' || i, 'PLACED', now(), 1, 'PLN', '+48 700 ' || lpad(i::text, 6, '0'),
                       'plan' || i || '@example.com'
                from generate_series(1, 2000) i
                """, FLORA));
        try {
            db.execute("analyze order_event");
            assertThat(plan(
                            "select e.order_id from order_event e where e.account_id = ? and e.contact_id is null "
                                    + "and e.email_key = lower(?)",
                            "Plan17@Example.com"))
                    .containsPattern("Index Cond: .*email_key = ")
                    .doesNotContain("Rows Removed by Filter");
            assertThat(plan(
                            "select e.order_id from order_event e where e.account_id = ? and e.contact_id is null "
                                    + "and e.phone_key = phone_key(?)",
                            "+48 700 000 017"))
                    .containsPattern("Index Cond: .*phone_key = ")
                    .doesNotContain("Rows Removed by Filter");
        } finally {
            asAllAccounts(
                    () -> db.execute("delete from order_event where account_id = ? and order_id like 'PLAN-%'", FLORA));
        }
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
        return plan(sql, "Nobody@Example.COM");
    }

    private String plan(String sql, String value) {
        return Tenant.call(
                FLORA,
                () -> db.transactionResult(trx -> {
                    trx.dsl().execute("set local enable_seqscan = off");
                    return String.join(
                            "\n",
                            trx.dsl()
                                    .fetch("explain (analyze, costs off) " + sql, FLORA, value)
                                    .getValues(0, String.class));
                }));
    }
}
