package com.mobilemarketing.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import com.mobilemarketing.AbstractDatabaseTest;
import com.mobilemarketing.TestMessages;
import com.mobilemarketing.core.db.Tenant;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The rollup the alert rounds read equals a recount from the raw recipient rows: after the demo
 * data, after sends, deliveries, failures with codes, a late delivery after a failure, a changed
 * code and deleted recipients, and after its rebuild.
 */
class IntegrationActivityTest extends AbstractDatabaseTest {

    /**
     * Written apart from the migration's recount view: one row per integration, 5-minute bucket and
     * '' (every recipient), and one per error code of the undelivered failures.
     */
    private static final String RECOUNT = """
            select r.account_id || ' ' || case m.channel when 'SMS' then 'sms:' || m.gateway_id
                                                         else lower(m.channel::text) end
                   || ' ' || to_char(to_timestamp(floor(extract(epoch from r.sent_at) / 300) * 300) at time zone 'UTC',
                                     'YYYY-MM-DD HH24:MI')
                   || ' ' || k.code || ' ' || count(*) filter (where k.code = '')
                   || ' ' || count(r.delivered_at) filter (where k.code = '')
                   || ' ' || count(*) filter (where r.failed_at is not null and r.delivered_at is null)
            from message_recipient r
            join message m on m.account_id = r.account_id and m.id = r.message_id
            cross join lateral (select '' as code
                                union all
                                select r.error_code where r.failed_at is not null and r.delivered_at is null
                                                      and coalesce(r.error_code, '') <> '') k
            where r.account_id = ? and r.sent_at is not null and m.type <> 'TEST'
              and not exists (select 1 from sms_gateway g where g.account_id = m.account_id and g.id = m.gateway_id
                              and not g.supports_callbacks)
            group by r.account_id, m.channel, m.gateway_id, floor(extract(epoch from r.sent_at) / 300), k.code
            order by 1
            """;

    private static final String MAINTAINED = """
            select account_id || ' ' || integration || ' ' || to_char(bucket at time zone 'UTC', 'YYYY-MM-DD HH24:MI')
                   || ' ' || error_code || ' ' || sent || ' ' || delivered || ' ' || failed
            from integration_activity
            where account_id = ? and (sent, delivered, failed) <> (0, 0, 0)
            order by 1
            """;

    private TestMessages messages;

    @BeforeEach
    void ownMessages() {
        messages = new TestMessages(db);
    }

    @AfterEach
    void removeMessages() {
        messages.removeAll();
    }

    @Test
    void theDemoDataKeptByTheTriggerEqualsTheRecount() {
        for (var account : List.of(FLORA, SPORT)) {
            var maintained = rows(MAINTAINED, account);
            assertThat(maintained).hasSizeGreaterThan(100);
            assertThat(maintained).isEqualTo(rows(RECOUNT, account));
        }
    }

    @Test
    void everyRecipientChangeKeepsItExactAndTheRebuildChangesNothing() {
        var gateway = Tenant.allAccounts(
                () -> queryLong("select min(id) from sms_gateway where account_id = ? and supports_callbacks", FLORA));
        var sms = messages.create(FLORA, "SMS", gateway, 30, Instant.parse("2026-12-20T11:02:00Z"), true);
        var whatsapp = messages.create(FLORA, "WHATSAPP", null, 25, Instant.parse("2026-12-20T11:04:59Z"), true);
        Tenant.runAllAccounts(() -> {
            // Deliveries, failures with two codes and one without, in separate statements as folds come.
            set(sms, "delivered_at = sent_at + interval '2 seconds'", 0, 10);
            set(
                    sms,
                    "failed_at = sent_at + interval '5 seconds', error_code = '30003', error_permanent = true",
                    10,
                    18);
            set(
                    sms,
                    "failed_at = sent_at + interval '5 seconds', error_code = '30005', error_permanent = true",
                    18,
                    21);
            set(sms, "failed_at = sent_at + interval '5 seconds', error_permanent = false", 21, 23);
            set(whatsapp, "delivered_at = sent_at + interval '1 second'", 0, 20);
            set(whatsapp, "failed_at = sent_at + interval '9 seconds', error_code = '131026'", 20, 25);
            // A late delivery after a failure, and a failure whose code is corrected.
            set(sms, "delivered_at = failed_at + interval '1 minute'", 10, 12);
            set(whatsapp, "error_code = '131047'", 22, 23);
            // Recipients sent a bucket later, and some taken away again.
            set(whatsapp, "sent_at = sent_at + interval '1 second'", 0, 5);
            db.execute(
                    "delete from message_recipient where account_id = ? and message_id = ? and contact_id = any(?)",
                    FLORA,
                    sms.id(),
                    sms.contacts().subList(25, 30).toArray(Long[]::new));
        });
        var maintained = rows(MAINTAINED, FLORA);
        assertThat(maintained).isEqualTo(rows(RECOUNT, FLORA));
        assertThat(maintained)
                .contains(
                        FLORA + " sms:" + gateway + " 2026-12-20 11:00  25 12 11",
                        FLORA + " sms:" + gateway + " 2026-12-20 11:00 30003 0 0 6",
                        FLORA + " sms:" + gateway + " 2026-12-20 11:00 30005 0 0 3",
                        FLORA + " whatsapp 2026-12-20 11:00  20 15 5",
                        FLORA + " whatsapp 2026-12-20 11:05  5 5 0",
                        FLORA + " whatsapp 2026-12-20 11:00 131026 0 0 4",
                        FLORA + " whatsapp 2026-12-20 11:00 131047 0 0 1");

        Tenant.runAllAccounts(() -> db.execute("select rebuild_integration_activity(?)", FLORA));
        assertThat(rows(MAINTAINED, FLORA)).isEqualTo(maintained);
    }

    /** Sets {@code assignment} on the recipients {@code from} (inclusive) to {@code to} (exclusive) of the message. */
    private void set(TestMessages.TestMessage message, String assignment, int from, int to) {
        db.execute(
                "update message_recipient set " + assignment
                        + " where account_id = ? and message_id = ? and contact_id = any(?)",
                message.accountId(),
                message.id(),
                message.contacts().subList(from, to).toArray(Long[]::new));
    }

    private List<String> rows(String sql, long account) {
        return Tenant.allAccounts(() -> queryStrings(sql, account));
    }
}
