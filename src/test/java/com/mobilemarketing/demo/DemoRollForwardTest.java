package com.mobilemarketing.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.mobilemarketing.AbstractDatabaseTest;
import com.mobilemarketing.ScratchDatabase;
import com.mobilemarketing.core.db.Tenant;
import com.zaxxer.hikari.HikariDataSource;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * A demo database opened again a week later is brought up to today: every day since has traffic,
 * the same days give the same data, and counters and rollups equal the recount.
 */
class DemoRollForwardTest extends AbstractDatabaseTest {

    /** Small enough to generate twice in seconds, shaped like the others. */
    private static final DemoSize TINY = new DemoSize("tiny", 600, 300, 60, 40, 20_000, 10_000, 400);

    private static final ZoneId WARSAW = ZoneId.of("Europe/Warsaw");

    /** Maintained figures, which must equal what rebuild_counters and rebuild_analytics make of the raw rows. */
    private static final Map<String, String> MAINTAINED = maintained();

    @Autowired
    private HikariDataSource mainPool;

    @Autowired
    private PasswordEncoder passwordEncoder;

    private static Map<String, String> maintained() {
        var queries = new LinkedHashMap<String, String>();
        queries.put("message_stats", "select * from message_stats where recipients > 0");
        queries.put("stats_daily", "select * from stats_daily where sent > 0");
        queries.put("optin_count", "select * from optin_count where contacts <> 0");
        queries.put("optin_overlap", "select * from optin_overlap where contacts <> 0");
        queries.put("optin_list", "select * from optin_list");
        queries.put("order_attribution", "select * from order_attribution");
        queries.put("message_revenue", "select * from message_revenue where orders <> 0");
        queries.put("revenue_daily", "select * from revenue_daily where orders <> 0");
        queries.put("message_cost", "select * from message_cost where (cost_micros, unpriced) <> (0, 0)");
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

    @Test
    void aWeekLaterTheLastSevenDaysHaveTrafficDeterministicallyAndCountersEqualTheRecount() throws Exception {
        var anchor = OffsetDateTime.now(clock);
        var weekLater = anchor.plusDays(7);
        try (var once = new ScratchDatabase(db, mainPool, "roll_once");
                var twice = new ScratchDatabase(db, mainPool, "roll_twice")) {
            var generatorOnce = new DemoDataGenerator(once.db, passwordEncoder);
            var generatorTwice = new DemoDataGenerator(twice.db, passwordEncoder);
            generatorOnce.generate(TINY, SEED, anchor);
            generatorTwice.generate(TINY, SEED, anchor);
            var today = weekLater.atZoneSameInstant(WARSAW).toLocalDate();

            // The bug: without a roll-forward, "last 7 days" a week later is empty.
            assertThat(sentPerDay(once.db, today.minusDays(6), today)).isZero();

            var roll = generatorOnce.rollForward(weekLater).orElseThrow();
            assertThat(roll.messages()).isPositive();
            assertThat(roll.to().toInstant()).isEqualTo(weekLater.toInstant());
            // Started on the third day and again at the end: the same days give the same data.
            generatorTwice.rollForward(anchor.plusDays(3)).orElseThrow();
            generatorTwice.rollForward(weekLater).orElseThrow();

            for (var day = today.minusDays(6); !day.isAfter(today); day = day.plusDays(1)) {
                for (var account : List.of(FLORA, SPORT)) {
                    assertThat(sentOn(once.db, account, day))
                            .as("account %d on %s", account, day)
                            .isPositive();
                }
            }
            assertThat(generatorOnce.state().orElseThrow().generatedThrough().toInstant())
                    .isEqualTo(weekLater.toInstant());
            Tenant.runAllAccounts(() -> {
                // Scheduled messages whose time came were sent; new ones wait in the future.
                assertThat(once.db
                                .fetchSingle(
                                        "select count(*) from message where state = 'SCHEDULED' and scheduled_at <= ?::timestamptz",
                                        weekLater)
                                .get(0, Long.class))
                        .isZero();
                assertThat(once.db
                                .fetchSingle(
                                        "select count(*) from message where state = 'SCHEDULED' and scheduled_at > ?::timestamptz",
                                        weekLater)
                                .get(0, Long.class))
                        .isPositive();
                assertThat(once.db
                                .fetchSingle(
                                        "select count(*) from message where state = 'SENT' and sent_at > ?::timestamptz",
                                        weekLater)
                                .get(0, Long.class))
                        .isZero();
            });

            var fingerprint = DemoDataGeneratorTest.fingerprint(once.db);
            assertThat(DemoDataGeneratorTest.fingerprint(twice.db)).isEqualTo(fingerprint);
            assertThat(fingerprint.get("message_recipient")).doesNotStartWith("0:");
            assertMaintainedFiguresEqualTheRecount(once.db);

            // A second start at the same time adds nothing.
            assertThat(generatorOnce.rollForward(weekLater).orElseThrow().messages())
                    .isZero();
            assertThat(DemoDataGeneratorTest.fingerprint(once.db)).isEqualTo(fingerprint);
        }
    }

    @Test
    void aDatabaseTheGeneratorDidNotMakeIsLeftAlone() throws Exception {
        try (var scratch = new ScratchDatabase(db, mainPool, "roll_foreign")) {
            var generator = new DemoDataGenerator(scratch.db, passwordEncoder);
            assertThat(generator.state()).isEmpty();
            assertThat(generator.rollForward(OffsetDateTime.now(clock))).isEmpty();
        }
    }

    private static long sentOn(DSLContext db, long account, LocalDate day) {
        return Tenant.allAccounts(() -> db.fetchSingle(
                        "select coalesce(sum(sent), 0) from stats_daily where account_id = ? and day = ?::date and counted and type <> 'TEST'",
                        account,
                        day)
                .get(0, Long.class));
    }

    private static long sentPerDay(DSLContext db, LocalDate from, LocalDate to) {
        return Tenant.allAccounts(() -> db.fetchSingle(
                        "select coalesce(sum(sent), 0) from stats_daily where day between ?::date and ?::date",
                        from,
                        to)
                .get(0, Long.class));
    }

    private static void assertMaintainedFiguresEqualTheRecount(DSLContext db) {
        var maintained = ScratchDatabase.fingerprint(db, MAINTAINED);
        Tenant.runAllAccounts(() -> db.transaction(trx -> {
            for (var account : List.of(FLORA, SPORT)) {
                trx.dsl().execute("select rebuild_counters(?)", account);
                trx.dsl().execute("select rebuild_analytics(?)", account);
                trx.dsl().execute("select rebuild_attribution(?)", account);
                trx.dsl().execute("select rebuild_optin_overlap(?)", account);
                trx.dsl().execute("select rebuild_optin_list(?)", account);
            }
        }));
        assertThat(ScratchDatabase.fingerprint(db, MAINTAINED)).isEqualTo(maintained);
    }
}
