package com.mobilemarketing.stats;

import static org.assertj.core.api.Assertions.assertThat;

import com.mobilemarketing.AbstractDatabaseTest;
import com.mobilemarketing.core.db.Tenant;
import com.mobilemarketing.core.time.RangePreset;
import com.mobilemarketing.db.enums.Channel;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Recipients sent a second either side of local midnight around the daylight-saving changes and
 * period edges land in the documented range, for fixed "now" values: from the rollup's local day
 * (kept by the database) through the preset's boundaries to the tile. A throw-away account keeps
 * the demo accounts' figures untouched.
 */
class StatsTimeZoneTest extends AbstractDatabaseTest {

    private static final long ACCOUNT = 9_001;
    private static final ZoneId WARSAW = ZoneId.of("Europe/Warsaw");

    @Autowired
    private StatsRepository repository;

    private long messageId;

    @BeforeEach
    void createAccountWithEdgeRecipients() {
        asAllAccounts(() -> {
            db.execute(
                    "insert into account (id, name, time_zone) values (?, 'Strefa czasu', 'Europe/Warsaw')", ACCOUNT);
            db.execute("""
                    insert into channel_integration (account_id, channel, display_name, webhook_secret)
                    values (?, 'WHATSAPP', 'WhatsApp', 'secret')""", ACCOUNT);
            db.execute("""
                    insert into contact (account_id, id, first_name, last_name, phone)
                    select ?, i, 'Test', 'Kontakt ' || i, '+48 500 000 ' || lpad(i::text, 3, '0')
                    from generate_series(1, 20) i""", ACCOUNT);
            messageId = db.fetchSingle("""
                    insert into message (account_id, name, content, channel, type, state, owner_id, sent_at)
                    values (?, 'Na granicy dnia', 'x', 'WHATSAPP', 'BULK', 'SENT', 1, '2026-01-01T00:00:00Z')
                    returning id""", ACCOUNT).get(0, Long.class);
            var sentTimes = List.of(
                    "2026-03-28T22:59:59Z", // 23:59:59 on 28 March (CET)
                    "2026-03-28T23:00:00Z", // 00:00 on 29 March, the spring-forward day
                    "2026-03-29T21:59:59Z", // 23:59:59 on 29 March (CEST)
                    "2026-03-29T22:00:00Z", // 00:00 on 30 March
                    "2026-10-24T21:59:59Z", // 23:59:59 on 24 October (CEST)
                    "2026-10-24T22:00:00Z", // 00:00 on 25 October, the fall-back day
                    "2026-10-25T22:59:59Z", // 23:59:59 on 25 October (CET)
                    "2026-10-25T23:00:00Z", // 00:00 on 26 October
                    "2026-09-30T21:59:59Z", // 23:59:59 on 30 September: end of Q3
                    "2026-09-30T22:00:00Z", // 00:00 on 1 October: start of Q4
                    "2025-12-31T22:59:59Z", // 23:59:59 on 31 December 2025
                    "2025-12-31T23:00:00Z"); // 00:00 on 1 January 2026
            for (int i = 0; i < sentTimes.size(); i++) {
                db.execute("""
                        insert into message_recipient (account_id, message_id, contact_id, sent_at, delivered_at)
                        values (?, ?, ?, ?::timestamptz, ?::timestamptz)""", ACCOUNT, messageId, i + 1, sentTimes.get(i), sentTimes.get(i));
            }
            return null;
        });
    }

    @AfterEach
    void dropAccount() {
        asAllAccounts(() -> {
            db.execute("delete from message_recipient where account_id = ?", ACCOUNT);
            db.execute("delete from message where account_id = ?", ACCOUNT);
            db.execute("delete from stats_daily where account_id = ?", ACCOUNT);
            db.execute("delete from stats_hourly where account_id = ?", ACCOUNT);
            db.execute("delete from cost_daily where account_id = ?", ACCOUNT);
            db.execute("delete from integration_activity where account_id = ?", ACCOUNT);
            db.execute("delete from contact where account_id = ?", ACCOUNT);
            for (var rollup : List.of(
                    "reach_sketch_dirty",
                    "reach_delivery",
                    "reach_sketch",
                    "reach_month_dirty",
                    "reach_sketch_month",
                    "optin_overlap")) {
                db.execute("delete from " + rollup + " where account_id = ?", ACCOUNT);
            }
            db.execute("delete from channel_integration where account_id = ?", ACCOUNT);
            db.execute("delete from account where id = ?", ACCOUNT);
            return null;
        });
    }

    @Test
    void aWeekEndingOnTheSpringForwardDay() {
        // 29 March 23:30 in Warsaw: the week is 23–29 March (28th, and the 29th twice).
        assertThat(sent(RangePreset.LAST_7_DAYS, "2026-03-29T21:30:00Z")).isEqualTo(3);
        // Half an hour later it is 30 March: the week is 24–30 March.
        assertThat(sent(RangePreset.LAST_7_DAYS, "2026-03-29T22:30:00Z")).isEqualTo(4);
    }

    @Test
    void aWeekEndingOnTheFallBackDay() {
        // 25 October 23:59:59 (CET) is still the 25th: 19–25 October (24th, and the 25-hour 25th twice).
        assertThat(sent(RangePreset.LAST_7_DAYS, "2026-10-25T22:59:59Z")).isEqualTo(3);
        assertThat(sent(RangePreset.LAST_7_DAYS, "2026-10-25T23:00:00Z")).isEqualTo(4);
        // 1–26 October: also the first second of 1 October.
        assertThat(sent(RangePreset.CURRENT_MONTH, "2026-10-25T23:00:00Z")).isEqualTo(5);
    }

    @Test
    void quarterAndYearEdgesFollowLocalMidnight() {
        // 1 October 00:30 in Warsaw is still 30 September in UTC.
        assertThat(sent(RangePreset.CURRENT_QUARTER, "2026-09-30T22:30:00Z")).isEqualTo(1);
        assertThat(sent(RangePreset.PREVIOUS_QUARTER, "2026-09-30T22:30:00Z")).isEqualTo(1);
        assertThat(sent(RangePreset.PREVIOUS_YEAR, "2026-06-01T10:00:00Z")).isEqualTo(1);
        assertThat(sent(RangePreset.CURRENT_YEAR, "2026-12-31T22:59:59Z")).isEqualTo(11);
        // The first second of 2027 in Warsaw: the current year has nothing yet, 2026 has eleven.
        assertThat(sent(RangePreset.CURRENT_YEAR, "2026-12-31T23:00:00Z")).isZero();
        assertThat(sent(RangePreset.PREVIOUS_YEAR, "2026-12-31T23:00:00Z")).isEqualTo(11);
    }

    private long sent(RangePreset preset, String now) {
        var period = StatsPeriod.of(preset, Clock.fixed(Instant.parse(now), ZoneOffset.UTC), WARSAW);
        var totals = Tenant.call(ACCOUNT, () -> repository.totals(ACCOUNT, period.range()));
        return StatsSummary.of(StatsSource.ALL, Set.of(Channel.WHATSAPP), totals)
                .current()
                .sent();
    }
}
