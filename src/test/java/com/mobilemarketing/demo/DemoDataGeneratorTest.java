package com.mobilemarketing.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.mobilemarketing.AbstractDatabaseTest;
import com.mobilemarketing.ScratchDatabase;
import com.mobilemarketing.core.db.Tenant;
import com.zaxxer.hikari.HikariDataSource;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.crypto.password.PasswordEncoder;

class DemoDataGeneratorTest extends AbstractDatabaseTest {

    /** Content of the generated tables, without generated ids, password salts and default times. */
    private static final Map<String, String> FINGERPRINTS = fingerprints();

    @Autowired
    private HikariDataSource mainPool;

    @Autowired
    private PasswordEncoder passwordEncoder;

    static Map<String, String> fingerprints() {
        var queries = new LinkedHashMap<String, String>();
        // Bulk loading drops and rebuilds indexes and switches triggers off: all must be back.
        queries.put(
                "indexes", "select tablename, indexname, indexdef from pg_indexes where schemaname = current_schema()");
        queries.put(
                "triggers", "select tgrelid::regclass::text, tgname, tgenabled from pg_trigger where not tgisinternal");
        queries.put("account", "select id, name, time_zone from account");
        queries.put("app_user", "select id, account_id, username, full_name, role from app_user");
        queries.put(
                "contact",
                "select account_id, id, first_name, last_name, phone, country, email, birthday, created_at, opted_in_sms, opted_in_whatsapp, opted_in_viber, opted_in_any "
                        + "from contact");
        queries.put("contact_consent", "select * from contact_consent");
        queries.put(
                "message",
                "select account_id, id, name, content, channel, gateway_id, type, state, owner_id, "
                        + "audience_size, created_at, scheduled_at, sent_at, campaign_id from message");
        queries.put("message_link", "select * from message_link");
        queries.put("message_recipient", "select * from message_recipient");
        queries.put("click_event", "select account_id, message_id, contact_id, link_no, clicked_at from click_event");
        queries.put("message_stats", "select * from message_stats");
        queries.put("stats_daily", "select * from stats_daily");
        // The hourly rollup: kept by its trigger here, rebuilt by rebuild_counters after a bulk load.
        queries.put(
                "stats_hourly", "select * from stats_hourly where (sent, delivered, opened, clicked) <> (0, 0, 0, 0)");
        // What the alert rounds read: kept by its trigger here, rebuilt after a bulk load.
        queries.put(
                "integration_activity",
                "select * from integration_activity where (sent, delivered, failed) <> (0, 0, 0)");
        queries.put("optin_count", "select * from optin_count");
        queries.put("optin_overlap", "select * from optin_overlap where contacts <> 0");
        queries.put("campaign", "select * from campaign");
        queries.put("demo_state", "select * from demo_state");
        queries.put("shop_integration", "select account_id, display_name, webhook_secret from shop_integration");
        queries.put("order_event", "select * from order_event");
        queries.put("order_attribution", "select * from order_attribution");
        queries.put("message_revenue", "select * from message_revenue where orders <> 0");
        queries.put("revenue_daily", "select * from revenue_daily where orders <> 0");
        // Costs: priced by the trigger when sent here, by the insert itself in a bulk load.
        queries.put(
                "tariff",
                "select t.account_id, t.integration, t.valid_from, t.bills_undelivered, t.created_by, p.country, "
                        + "p.category, p.price_micros from tariff t join tariff_price p "
                        + "on p.account_id = t.account_id and p.tariff_id = t.id");
        queries.put("message_cost", "select * from message_cost where (cost_micros, unpriced) <> (0, 0)");
        // The consent history (ids left out: the order rows were added in is not part of the data).
        queries.put(
                "consent_change",
                "select account_id, contact_id, channel, opted_in, changed_at, source, message_id from consent_change");
        queries.put("message_opt_out", "select * from message_opt_out where opt_outs <> 0");
        queries.put("opt_out_daily", "select * from opt_out_daily where opt_outs <> 0");
        queries.put("consent_daily", "select * from consent_daily where (gained, lost) <> (0, 0)");
        queries.put("cost_daily", "select * from cost_daily where (cost_micros, unpriced) <> (0, 0)");
        for (var rollup : List.of(
                "message_failure_stats",
                "message_latency_histogram",
                "message_timeline",
                "message_link_clicker",
                "message_link_stats")) {
            queries.put(rollup, "select * from " + rollup);
        }
        return queries;
    }

    static Map<String, String> fingerprint(DSLContext db) {
        return ScratchDatabase.fingerprint(db, FINGERPRINTS);
    }

    @Test
    void sameSeedAndTimeGiveTheSameDataWhetherTriggeredOrBulkLoaded() throws Exception {
        try (var scratch = new ScratchDatabase(db, mainPool, "determinism")) {
            // The shared database was generated through the triggers; this one in bulk, with a rebuild.
            new DemoDataGenerator(scratch.db, passwordEncoder)
                    .generate(DemoSize.SMALL, SEED, OffsetDateTime.now(clock), DemoDataGenerator.Load.BULK);

            var expected = fingerprint(db);
            assertThat(expected.get("message_recipient")).doesNotStartWith("0:");
            assertThat(expected.get("message_link_clicker")).doesNotStartWith("0:");
            assertThat(fingerprint(scratch.db)).isEqualTo(expected);
            // Both ways price the recipients per message: each cost is what the pricing trigger's
            // recipient_price() finds for that recipient alone (its contact, its send time).
            Tenant.runAllAccounts(() -> {
                // The bulk load writes the country the switched-off contact_country trigger would.
                assertThat(scratch.db
                                .fetchSingle(
                                        "select count(*) from contact where country is distinct from phone_country(phone)")
                                .get(0, Long.class))
                        .isZero();
                assertThat(scratch.db
                                .fetchSingle("select count(*) from message_recipient where cost is not null")
                                .get(0, Long.class))
                        .isPositive();
                assertThat(scratch.db.fetchSingle("""
                                select count(*) from message_recipient r
                                left join lateral recipient_price(r.account_id, r.message_id, r.contact_id, r.sent_at,
                                                                  null) p on true
                                where (r.cost, r.cost_undelivered) is distinct from (p.cost, p.cost_undelivered)
                                """).get(0, Long.class)).isZero();
            });
        }
    }

    @Test
    void smallSizeHasTheShapeOfARealAccount() {
        Tenant.runAllAccounts(() -> {
            assertThat(queryLong("select count(*) from message_recipient")).isBetween(200_000L, 400_000L);
            assertThat(queryStrings("select distinct type::text from message"))
                    .containsExactlyInAnyOrder("BULK", "RULE", "WORKFLOW", "BIRTHDAY", "TEST");
            assertThat(queryLong(
                            "select count(*) from message where state = 'SCHEDULED' and scheduled_at > ?::timestamptz",
                            OffsetDateTime.now(clock)))
                    .isPositive();
            assertThat(queryLong("select count(*) from contact_consent where not opted_in"))
                    .isPositive();
            assertThat(queryLong("select count(distinct m.id) from message m join sms_gateway g "
                            + "on g.account_id = m.account_id and g.id = m.gateway_id where not g.supports_callbacks"))
                    .isPositive();
            assertThat(queryLong("select count(*) from message_recipient where error_code is not null"))
                    .isPositive();
            assertThat(
                            queryLong(
                                    "select count(distinct date_trunc('month', sent_at)) from message where sent_at is not null"))
                    .isGreaterThanOrEqualTo(13);
            assertThat(queryLong("select count(distinct owner_id) from message where account_id = 1"))
                    .isEqualTo(3);
        });
    }
}
