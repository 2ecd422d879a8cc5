package com.mobilemarketing.stats;

import static org.assertj.core.api.Assertions.assertThat;

import com.mobilemarketing.AbstractDatabaseTest;
import com.mobilemarketing.TestMessages;
import com.mobilemarketing.core.db.Tenant;
import com.mobilemarketing.core.time.DateRange;
import com.mobilemarketing.db.enums.Channel;
import com.mobilemarketing.stats.SendTimes.HourRow;
import com.mobilemarketing.stats.SendTimes.Measure;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The hourly rollup behind "when to send": maintained by its trigger exactly as its rebuild makes
 * it, in the account's local hours across daylight-saving changes, and the heat map's figures equal
 * a recount from raw recipients written here.
 */
class SendTimesTest extends AbstractDatabaseTest {

    private static final String HOURLY_ROWS = """
            select day || ' ' || hour || ' ' || channel || ' ' || sent || ' ' || delivered || ' ' || opened || ' ' || clicked
            from stats_hourly where account_id = 1 and (sent, delivered, opened, clicked) <> (0, 0, 0, 0)
            order by day, hour, channel""";

    @Autowired
    private StatsRepository repository;

    @Autowired
    private TransactionTemplate transaction;

    @Test
    void incrementalRollupEqualsItsRebuildAfterInsertsUpdatesAndDeletes() {
        var messages = new TestMessages(db);
        try {
            // New recipients through the insert trigger, on top of the generated history.
            messages.create(FLORA, "VIBER", null, 40, Instant.parse("2026-11-10T17:20:00Z"), true);
            Tenant.run(
                    FLORA,
                    () -> transaction.executeWithoutResult(status -> {
                        var changed = db.execute(
                                        "update message_recipient set delivered_at = sent_at + interval '5 seconds' "
                                                + "where account_id = 1 and delivered_at is null and contact_id % 7 = 0")
                                + db.execute("update message_recipient set opened_at = null, clicked_at = null "
                                        + "where account_id = 1 and contact_id % 11 = 0")
                                + db.execute("update message_recipient set sent_at = sent_at + interval '5 hours' "
                                        + "where account_id = 1 and contact_id % 17 = 0")
                                + db.execute(
                                        "delete from message_recipient r where account_id = 1 and contact_id % 19 = 0 "
                                                + "and not exists (select 1 from click_event c where c.account_id = r.account_id "
                                                + "and c.message_id = r.message_id and c.contact_id = r.contact_id)");
                        assertThat(changed).isGreaterThan(1000);
                        var incremental = queryStrings(HOURLY_ROWS);
                        assertThat(incremental).hasSizeGreaterThan(100);
                        db.execute("select rebuild_stats_hourly(1)");
                        assertThat(queryStrings(HOURLY_ROWS)).containsExactlyElementsOf(incremental);
                        status.setRollbackOnly();
                    }));
        } finally {
            messages.removeAll();
        }
    }

    @Test
    void hoursAreTheAccountsLocalHoursAcrossDaylightSaving() {
        var messages = new TestMessages(db);
        try {
            // 01:30 UTC on the spring-forward day is 03:30 in Warsaw (summer time).
            messages.create(FLORA, "WHATSAPP", null, 3, Instant.parse("2026-03-29T01:30:00Z"), true);
            // On the fall-back day 00:30 and 01:30 UTC are both 02:30 local, once in summer and once in winter time.
            messages.create(FLORA, "WHATSAPP", null, 2, Instant.parse("2026-10-25T00:30:00Z"), true);
            messages.create(FLORA, "WHATSAPP", null, 4, Instant.parse("2026-10-25T01:30:00Z"), true);
            var rows = asAllAccounts(() -> queryStrings("""
                    select day || ' ' || hour || ' ' || sent from stats_hourly
                    where account_id = 1 and channel = 'WHATSAPP' and day in ('2026-03-29', '2026-10-25')
                      and hour in (2, 3) order by day, hour"""));
            assertThat(rows)
                    .contains(
                            "2026-03-29 3 " + (3 + raw("2026-03-29", 3)), "2026-10-25 2 " + (6 + raw("2026-10-25", 2)));
            var times = SendTimes.of(
                    Tenant.call(
                            FLORA,
                            () -> repository.sendTimes(
                                    FLORA,
                                    new DateRange(LocalDate.parse("2026-10-25"), LocalDate.parse("2026-10-25")),
                                    Set.of(Channel.WHATSAPP))),
                    Set.of(Channel.WHATSAPP));
            assertThat(times.cell(Channel.WHATSAPP, DayOfWeek.SUNDAY, 2).sent()).isEqualTo(6 + raw("2026-10-25", 2));
        } finally {
            messages.removeAll();
        }
    }

    @Test
    void heatMapFiguresEqualARecountFromRawRecipients() {
        var range = new DateRange(LocalDate.parse("2026-08-01"), LocalDate.parse("2026-11-15"));
        var channels = EnumSet.allOf(Channel.class);
        var rows = Tenant.call(FLORA, () -> repository.sendTimes(FLORA, range, channels));
        var expected = new HashMap<String, String>();
        Tenant.runAllAccounts(() ->
                db.fetch("""
                        select m.channel::text || ' ' || extract(isodow from r.sent_at at time zone a.time_zone)::int
                                   || ' ' || extract(hour from r.sent_at at time zone a.time_zone)::int as slot,
                               count(*) || ' ' || count(r.delivered_at) || ' ' || count(r.opened_at) || ' '
                                   || count(r.clicked_at) as figures
                        from message_recipient r
                        join message m on m.account_id = r.account_id and m.id = r.message_id
                        join account a on a.id = r.account_id
                        left join sms_gateway g on g.account_id = m.account_id and g.id = m.gateway_id
                        where r.account_id = 1 and r.sent_at is not null and m.type <> 'TEST'
                          and (g.id is null or g.supports_callbacks)
                          and (r.sent_at at time zone a.time_zone)::date between '2026-08-01' and '2026-11-15'
                        group by 1""").forEach(r -> expected.put(r.get(0, String.class), r.get(1, String.class))));
        var actual = new HashMap<String, String>();
        for (var row : rows) {
            if (row.sent() == 0 && row.delivered() == 0 && row.opened() == 0 && row.clicked() == 0) {
                continue; // a slot whose only messages were removed again (rollup rows may stay at zero)
            }
            actual.put(
                    row.channel().getLiteral() + " " + row.weekday() + " " + row.hour(),
                    row.sent() + " " + row.delivered() + " " + row.opened() + " " + row.clicked());
        }
        assertThat(actual).isEqualTo(expected).hasSizeGreaterThan(50);

        // The best window of the demo is named, and it has the volume.
        var times = SendTimes.of(rows, channels);
        var best = times.best(Channel.WHATSAPP, Measure.READS).orElseThrow();
        assertThat(best.delivered()).isGreaterThanOrEqualTo(SendTimes.MIN_WINDOW_DELIVERED);
        assertThat(times.best(Channel.SMS, Measure.READS)).isEmpty();
    }

    @Test
    void aWindowNeedsTheMinimumVolumeToWin() {
        var rows = List.of(
                // Monday 3:00–5:00: three deliveries, all clicked.
                new HourRow(Channel.SMS, 1, 3, 3, 3, 0, 3),
                // Tuesday 18:00–20:00: 240 deliveries, 10% clicked.
                new HourRow(Channel.SMS, 2, 18, 130, 120, 0, 12),
                new HourRow(Channel.SMS, 2, 19, 130, 120, 0, 12),
                // Friday 9:00: 99 deliveries at 20% — one short of the minimum even as a window.
                new HourRow(Channel.SMS, 5, 9, 99, 99, 0, 20));
        var times = SendTimes.of(rows, Set.of(Channel.SMS));
        var best = times.best(Channel.SMS, Measure.CLICKS).orElseThrow();
        assertThat(best.weekday()).isEqualTo(DayOfWeek.TUESDAY);
        assertThat(best.startHour()).isEqualTo(18);
        assertThat(best.endHour()).isEqualTo(20);
        assertThat(best.rate()).isEqualTo(0.1);
        assertThat(SendTimes.of(rows.subList(0, 1), Set.of(Channel.SMS)).best(Channel.SMS, Measure.CLICKS))
                .isEmpty();
    }

    /** Recipients of the demo sent in that local hour of that day (WhatsApp, counted traffic). */
    private long raw(String day, int hour) {
        return asAllAccounts(() -> queryLong("""
                select count(*) from message_recipient r join message m on m.account_id = r.account_id and m.id = r.message_id
                where r.account_id = 1 and m.channel = 'WHATSAPP' and m.type <> 'TEST' and r.sent_at is not null
                  and m.id < 900000000
                  and (r.sent_at at time zone 'Europe/Warsaw')::date = ?::date
                  and extract(hour from r.sent_at at time zone 'Europe/Warsaw') = ?""", day, hour));
    }
}
