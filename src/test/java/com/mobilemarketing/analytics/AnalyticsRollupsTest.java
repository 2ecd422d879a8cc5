package com.mobilemarketing.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import com.mobilemarketing.AbstractDatabaseTest;
import com.mobilemarketing.core.db.Tenant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/** The analytics rollups (V30) equal a recount from the raw rows, before and after random changes. */
class AnalyticsRollupsTest extends AbstractDatabaseTest {

    @Autowired
    private TransactionTemplate transaction;

    /** Symmetric differences between every rollup (rows with a zero count skipped) and its recount. */
    static final String DIFFERENCES = """
            select
              (select count(*) from (select account_id, message_id, error_code, permanent, recipients
                                     from message_failure_stats where recipients <> 0
                                     except select * from message_failure_stats_recount) a)
            + (select count(*) from (select * from message_failure_stats_recount
                                     except select account_id, message_id, error_code, permanent, recipients
                                     from message_failure_stats) b)
            + (select count(*) from (select account_id, message_id, kind, bucket, recipients
                                     from message_latency_histogram where recipients <> 0
                                     except select * from message_latency_histogram_recount) c)
            + (select count(*) from (select * from message_latency_histogram_recount
                                     except select account_id, message_id, kind, bucket, recipients
                                     from message_latency_histogram) d)
            + (select count(*) from (select account_id, message_id, hour, delivered, opened, clicked
                                     from message_timeline where delivered <> 0 or opened <> 0 or clicked <> 0
                                     except select * from message_timeline_recount) e)
            + (select count(*) from (select * from message_timeline_recount
                                     except select account_id, message_id, hour, delivered, opened, clicked
                                     from message_timeline) f)
            + (select count(*) from (select account_id, message_id, link_no, contact_id, clicks, first_clicked_at
                                     from message_link_clicker
                                     except select * from message_link_clicker_recount) g)
            + (select count(*) from (select * from message_link_clicker_recount
                                     except select account_id, message_id, link_no, contact_id, clicks, first_clicked_at
                                     from message_link_clicker) h)
            + (select count(*) from (select account_id, message_id, link_no, clicks, unique_clickers
                                     from message_link_stats where clicks <> 0
                                     except select * from message_link_stats_recount) i)
            + (select count(*) from (select * from message_link_stats_recount
                                     except select account_id, message_id, link_no, clicks, unique_clickers
                                     from message_link_stats) j)
            """;

    private long differences() {
        return Tenant.allAccounts(() -> queryLong(DIFFERENCES));
    }

    private long rows(String table) {
        return Tenant.allAccounts(() -> queryLong("select count(*) from " + table));
    }

    @Test
    void generatedRollupsEqualTheRecount() {
        assertThat(rows("message_failure_stats")).isPositive();
        assertThat(rows("message_latency_histogram")).isPositive();
        assertThat(rows("message_timeline")).isPositive();
        assertThat(rows("message_link_stats")).isPositive();
        assertThat(rows("message_link_clicker")).isPositive();
        assertThat(differences()).isZero();
    }

    @Test
    void rollupsFollowRandomInsertsUpdatesAndDeletesAndRebuildChangesNothing() {
        // The transaction's connection takes its tenant when it opens: all accounts, for the checks.
        Tenant.runAllAccounts(() -> transaction.executeWithoutResult(status -> {
            {
                // Late deliveries turn failures into deliveries (failed_at stays, undelivered ends).
                assertThat(
                                db.execute(
                                        "update message_recipient set delivered_at = sent_at + interval '17 seconds' "
                                                + "where account_id = 1 and delivered_at is null and sent_at is not null and contact_id % 7 = 0"))
                        .isPositive();
                // Reads withdrawn, reads added, new failures with other codes.
                db.execute(
                        "update message_recipient set opened_at = null where account_id = 1 and contact_id % 11 = 0");
                db.execute(
                        "update message_recipient set opened_at = delivered_at + interval '2 hours' "
                                + "where account_id = 1 and opened_at is null and delivered_at is not null and contact_id % 13 = 0");
                db.execute(
                        "update message_recipient set failed_at = sent_at + interval '1 minute', error_code = '30007', "
                                + "error_permanent = true where account_id = 1 and delivered_at is null and failed_at is null "
                                + "and sent_at is not null and contact_id % 5 = 0");
                db.execute("update message_recipient set error_code = null, error_permanent = null "
                        + "where account_id = 1 and failed_at is not null and contact_id % 19 = 0");
                // Time shifts move timeline hours and latency buckets.
                db.execute(
                        "update message_recipient set sent_at = sent_at - interval '3 hours' where account_id = 1 and contact_id % 17 = 0");
                // A new message with new recipients, and recipients removed from another.
                db.execute("""
                        insert into message (account_id, id, name, content, channel, type, state, owner_id, sent_at)
                        values (1, 990001, 'Test rollupów', 'Treść https://sklep.example.pl/t', 'WHATSAPP', 'BULK', 'SENT', 1,
                                timestamptz '2026-11-10 10:00:00+00')""");
                db.execute("insert into message_link (account_id, message_id, link_no, url) values "
                        + "(1, 990001, 1, 'https://sklep.example.pl/a'), (1, 990001, 2, 'https://sklep.example.pl/b')");
                db.execute("""
                        insert into message_recipient (account_id, message_id, contact_id, sent_at, delivered_at, opened_at,
                                                       clicked_at, failed_at, error_code, error_permanent)
                        select 1, 990001, c.id, timestamptz '2026-11-10 10:00:00+00',
                               case when c.id % 4 <> 0 then timestamptz '2026-11-10 10:00:00+00' + make_interval(secs => c.id % 97) end,
                               case when c.id % 3 = 0 then timestamptz '2026-11-10 12:00:00+00' + make_interval(mins => (c.id % 500)::int) end,
                               case when c.id % 6 = 0 then timestamptz '2026-11-11 12:00:00+00' + make_interval(mins => (c.id % 9000)::int) end,
                               case when c.id % 4 = 0 then timestamptz '2026-11-10 10:05:00+00' end,
                               case when c.id % 4 = 0 then (array['131026','131047','131048'])[1 + c.id % 3] end,
                               case when c.id % 4 = 0 then c.id % 2 = 0 end
                        from contact c where c.account_id = 1 and c.id <= 700""");
                db.execute("""
                        insert into click_event (account_id, message_id, contact_id, link_no, clicked_at)
                        select 1, 990001, r.contact_id, 1 + (r.contact_id + n) % 2, r.clicked_at + make_interval(mins => n * 7)
                        from message_recipient r cross join generate_series(0, 2) n
                        where r.account_id = 1 and r.message_id = 990001 and r.clicked_at is not null and n <= r.contact_id % 3""");
                db.execute("delete from click_event where account_id = 1 and message_id = 990001 and id % 5 = 0");
                db.execute("update click_event set clicked_at = clicked_at - interval '1 day' "
                        + "where account_id = 1 and message_id = 990001 and id % 7 = 0");
                db.execute(
                        "update click_event set link_no = 3 - link_no where account_id = 1 and message_id = 990001 and id % 11 = 0");
                db.execute("""
                        delete from message_recipient r where r.account_id = 1 and r.contact_id % 23 = 0
                          and not exists (select 1 from click_event c where c.account_id = r.account_id
                                          and c.message_id = r.message_id and c.contact_id = r.contact_id)""");
            }
            assertThat(queryLong("select count(*) from message_link_clicker where message_id = 990001"))
                    .isPositive();
            assertThat(queryLong("select count(*) from message_failure_stats where message_id = 990001"))
                    .isPositive();
            assertThat(differences()).isZero();
            db.execute("select rebuild_analytics(1)");
            assertThat(differences()).isZero();
            status.setRollbackOnly();
        }));
    }
}
