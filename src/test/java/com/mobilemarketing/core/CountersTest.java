package com.mobilemarketing.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.mobilemarketing.AbstractDatabaseTest;
import com.mobilemarketing.core.db.Tenant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/** Maintained counters and rollups equal a recount from the raw rows. */
class CountersTest extends AbstractDatabaseTest {

    @Autowired
    private TransactionTemplate transaction;

    static final String DIFFERENCES = """
            select (select count(*) from (select * from stats_daily except select * from stats_daily_recount) a)
                 + (select count(*) from (select * from stats_daily_recount except select * from stats_daily) b)
                 + (select count(*) from (select account_id, message_id, recipients, sent, delivered, opened, clicked, failed
                                          from message_stats where recipients > 0
                                          except select * from message_stats_recount) c)
                 + (select count(*) from (select * from message_stats_recount
                                          except select account_id, message_id, recipients, sent, delivered, opened,
                                                        clicked, failed from message_stats) d)
                 + (select count(*) from (select account_id, scope, contacts from optin_count where contacts <> 0
                                          except select * from optin_count_recount) e)
                 + (select count(*) from (select * from optin_count_recount
                                          except select account_id, scope, contacts from optin_count) f)
                 + (select count(*) from contact c
                    cross join lateral (select coalesce(bool_or(channel = 'SMS'), false) as sms,
                                               coalesce(bool_or(channel = 'WHATSAPP'), false) as whatsapp,
                                               coalesce(bool_or(channel = 'VIBER'), false) as viber,
                                               count(*) > 0 as any_in
                                        from contact_consent cc
                                        where cc.account_id = c.account_id and cc.contact_id = c.id and cc.opted_in) f
                    where (c.opted_in_sms, c.opted_in_whatsapp, c.opted_in_viber, c.opted_in_any)
                          is distinct from (f.sms, f.whatsapp, f.viber, f.any_in))
            """;

    private long differences() {
        return Tenant.allAccounts(() -> queryLong(DIFFERENCES));
    }

    @Test
    void generatedCountersEqualTheRecount() {
        assertThat(differences()).isZero();
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
                    assertThat(queryLong(DIFFERENCES)).isZero();
                    db.execute("select rebuild_counters(1)");
                    assertThat(queryLong(DIFFERENCES)).isZero();
                    status.setRollbackOnly();
                }));
    }
}
