package com.mobilemarketing.stats;

import static org.assertj.core.api.Assertions.assertThat;

import com.mobilemarketing.AbstractDatabaseTest;
import com.mobilemarketing.TestMessages;
import com.mobilemarketing.core.db.Tenant;
import com.mobilemarketing.core.time.DateRange;
import com.mobilemarketing.core.time.RangePreset;
import com.mobilemarketing.db.enums.Channel;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Unique recipients from the day sketches against an exact count of distinct delivered contacts
 * over the raw recipients: every range preset, each channel and all together, both accounts; and
 * the sketches follow new deliveries after the task's round.
 */
class ReachSketchTest extends AbstractDatabaseTest {

    private static final ZoneId WARSAW = ZoneId.of("Europe/Warsaw");

    @Autowired
    private ReachRepository reach;

    @Autowired
    private ReachSketchTask task;

    @Test
    void theEstimateIsWithinItsBoundOfTheExactCountForEveryPresetAndSource() {
        task.round();
        var today = OffsetDateTime.now(clock).atZoneSameInstant(WARSAW).toLocalDate();
        int estimated = 0;
        for (var account : List.of(FLORA, SPORT)) {
            assertThat(Tenant.call(account, () -> reach.dirtyDays(account))).isEmpty();
            var integrated =
                    account == FLORA ? EnumSet.allOf(Channel.class) : EnumSet.of(Channel.SMS, Channel.WHATSAPP);
            var sources = new java.util.ArrayList<Set<Channel>>();
            sources.add(integrated);
            integrated.forEach(channel -> sources.add(Set.of(channel)));
            for (var preset : RangePreset.values()) {
                var range = preset.range(today);
                for (var channels : sources) {
                    var got = Tenant.call(account, () -> reach.uniqueRecipients(account, range, channels));
                    long exact = exact(account, range, channels);
                    assertThat(got.pendingDays()).isZero();
                    assertThat(got.relativeError()).isLessThan(0.05);
                    // The bound the panel shows, two standard errors (about 95 %): the exact count lies
                    // between the bounds written in its tooltip. (These figures share most of their
                    // contacts, so they are nearly one draw; HyperLogLogTest shows the 95 % over
                    // independent id sets.)
                    assertThat(exact)
                            .as(
                                    "account %d, %s, %s: ≈ %d ± %.4f vs %d",
                                    account, preset, channels, got.estimate(), got.relativeError(), exact)
                            .isBetween(Math.round(got.lowerBound()), Math.round(got.upperBound()));
                    assertThat(got.lowerBound()).isLessThanOrEqualTo(got.estimate());
                    assertThat(got.upperBound()).isGreaterThanOrEqualTo(got.estimate());
                    if (exact > 0) {
                        estimated++;
                    }
                }
            }
        }
        assertThat(estimated).isGreaterThan(40);
        // The union of channels is no sum: a contact reached on two channels counts once.
        var range = RangePreset.LAST_12_MONTHS.range(today);
        long all = Tenant.call(FLORA, () -> reach.uniqueRecipients(FLORA, range, EnumSet.allOf(Channel.class)))
                .estimate();
        long sum = 0;
        for (var channel : Channel.values()) {
            sum += Tenant.call(FLORA, () -> reach.uniqueRecipients(FLORA, range, Set.of(channel)))
                    .estimate();
        }
        assertThat(all).isLessThan(sum);
    }

    @Test
    void aNewDeliveryMarksItsDayAndTheRoundCountsItsContact() {
        task.round();
        var messages = new TestMessages(db);
        var sentAt = Instant.parse("2026-11-14T09:00:00Z");
        var day = LocalDate.parse("2026-11-14");
        var range = new DateRange(day, day);
        var before = Tenant.call(FLORA, () -> reach.uniqueRecipients(FLORA, range, Set.of(Channel.VIBER)));
        long exactBefore = exact(FLORA, range, Set.of(Channel.VIBER));
        try {
            var message = messages.create(FLORA, "VIBER", null, 400, sentAt, true);
            deliverAll(FLORA, message.id());
            assertThat(Tenant.call(FLORA, () -> reach.dirtyDays(FLORA))).contains(day);
            assertThat(Tenant.call(FLORA, () -> reach.uniqueRecipients(FLORA, range, Set.of(Channel.VIBER)))
                            .pendingDays())
                    .isEqualTo(1);
            assertThat(task.round()).isPositive();
            var after = Tenant.call(FLORA, () -> reach.uniqueRecipients(FLORA, range, Set.of(Channel.VIBER)));
            long exactAfter = exact(FLORA, range, Set.of(Channel.VIBER));
            assertThat(exactAfter).isGreaterThan(exactBefore);
            assertThat(after.pendingDays()).isZero();
            assertThat(after.estimate()).isGreaterThan(before.estimate());
            assertThat(exactAfter).isBetween(Math.round(after.lowerBound()), Math.round(after.upperBound()));
        } finally {
            messages.removeAll();
            task.round();
        }
        assertThat(Tenant.call(FLORA, () -> reach.uniqueRecipients(FLORA, range, Set.of(Channel.VIBER)))
                        .estimate())
                .isEqualTo(before.estimate());
    }

    @Test
    void onlyARecipientThatStartsOrStopsCountingOnADayMarksIt() {
        task.round();
        var messages = new TestMessages(db);
        var sentAt = Instant.parse("2026-11-12T09:00:00Z");
        var day = LocalDate.parse("2026-11-12");
        try {
            var message = deliveredAndCounted(messages, 20, sentAt, day);

            // Opens, clicks and an earlier delivery report of delivered recipients: who counts on
            // which day is unchanged, so no day is marked and the sketch stays as it is.
            asAllAccounts(() -> db.execute(
                    "update message_recipient set opened_at = delivered_at + interval '1 minute', "
                            + "clicked_at = delivered_at + interval '2 minutes', "
                            + "delivered_at = delivered_at - interval '1 second' "
                            + "where account_id = ? and message_id = ?",
                    FLORA,
                    message.id()));
            assertThat(Tenant.call(FLORA, () -> reach.dirtyDays(FLORA))).doesNotContain(day);
            assertThat(queued(FLORA)).isZero();

            // A send time moved to the next day: the day it leaves and the day it joins.
            asAllAccounts(() -> db.execute(
                    "update message_recipient set sent_at = sent_at + interval '1 day', "
                            + "delivered_at = delivered_at + interval '1 day' "
                            + "where account_id = ? and message_id = ? and contact_id = "
                            + "(select min(contact_id) from message_recipient where account_id = ? and message_id = ?)",
                    FLORA,
                    message.id(),
                    FLORA,
                    message.id()));
            assertThat(Tenant.call(FLORA, () -> reach.dirtyDays(FLORA))).contains(day, day.plusDays(1));
            var rebuild = "select rebuild from reach_sketch_dirty where account_id = ? and day = ?";
            assertThat(asAllAccounts(() -> db.fetchValue(rebuild, FLORA, day))).isEqualTo(true);
            assertThat(asAllAccounts(() -> db.fetchValue(rebuild, FLORA, day.plusDays(1))))
                    .isEqualTo(false);
            assertThat(queued(FLORA)).isEqualTo(1);
            task.round();
            // The day it leaves cannot forget a contact in place: it is rebuilt from the recipients
            // still sent that day; the day it joins only adds the one.
            assertThat(storedSketch(FLORA, day, Channel.VIBER))
                    .as("rebuilt from the recipients still sent that day")
                    .isEqualTo(exactSketch(FLORA, day, Channel.VIBER));
            assertThat(storedSketch(FLORA, day.plusDays(1), Channel.VIBER))
                    .isEqualTo(exactSketch(FLORA, day.plusDays(1), Channel.VIBER));
            assertThat(Tenant.call(
                                    FLORA,
                                    () -> reach.uniqueRecipients(
                                            FLORA, new DateRange(day, day.plusDays(1)), Set.of(Channel.VIBER)))
                            .pendingDays())
                    .isZero();
        } finally {
            messages.removeAll();
            task.round();
        }
    }

    @Test
    void newDeliveriesAreAddedToTheirDaySketchWithoutReadingTheDayAgain() {
        task.round();
        var messages = new TestMessages(db);
        var sentAt = Instant.parse("2026-11-15T09:00:00Z");
        var day = LocalDate.parse("2026-11-15");
        try {
            deliveredAndCounted(messages, 200, sentAt, day);
            // A contact the day's recipients do not have, put into the stored sketch: a rebuild would
            // drop it, an addition keeps it.
            var planted = HyperLogLog.fromBytes(storedSketch(FLORA, day, Channel.VIBER));
            for (long id = -1; id >= -500; id--) {
                planted.add(id);
            }
            asAllAccounts(() -> db.execute(
                    "update reach_sketch set sketch = ? where account_id = ? and day = ? and channel = 'VIBER'",
                    planted.toBytes(),
                    FLORA,
                    day));

            var second = messages.create(FLORA, "VIBER", null, 300, sentAt.plusSeconds(3600), true);
            deliverAll(FLORA, second.id());
            assertThat(queued(FLORA)).isEqualTo(300);
            assertThat(Tenant.call(FLORA, () -> reach.dirtyDays(FLORA))).contains(day);
            task.round();
            assertThat(queued(FLORA)).isZero();
            assertThat(Tenant.call(FLORA, () -> reach.dirtyDays(FLORA))).doesNotContain(day);
            var expected = HyperLogLog.fromBytes(exactSketch(FLORA, day, Channel.VIBER));
            expected.merge(planted);
            assertThat(storedSketch(FLORA, day, Channel.VIBER)).isEqualTo(expected.toBytes());
        } finally {
            messages.removeAll();
            task.round();
        }
        // Deleting recipients rebuilds the day: the planted contacts are gone with them.
        var left =
                Tenant.call(FLORA, () -> reach.uniqueRecipients(FLORA, new DateRange(day, day), Set.of(Channel.VIBER)));
        assertThat(left.estimate())
                .isEqualTo(Math.round(HyperLogLog.fromBytes(exactSketch(FLORA, day, Channel.VIBER))
                        .estimate()));
        assertThat(queued(FLORA)).isZero();
    }

    @Test
    void deliveriesCommittedWhileARoundRunsAreNotLost() throws Exception {
        task.round();
        var messages = new TestMessages(db);
        var sentAt = Instant.parse("2026-11-13T09:00:00Z");
        var day = LocalDate.parse("2026-11-13");
        var range = new DateRange(day, day);
        var deliver = "update message_recipient set delivered_at = sent_at + interval '3 seconds' "
                + "where account_id = ? and message_id = ? and contact_id % 2 = ?";
        try {
            var message = messages.create(FLORA, "VIBER", null, 400, sentAt, true);
            // Half delivered and committed: the day's mark exists.
            asAllAccounts(() -> db.execute(deliver, FLORA, message.id(), 0));
            var written = new java.util.concurrent.CountDownLatch(1);
            var commit = new java.util.concurrent.CountDownLatch(1);
            // A fold delivers the other half and has not committed when the round runs.
            var fold = Thread.ofPlatform()
                    .start(() -> Tenant.runAllAccounts(() -> db.transaction(trx -> {
                        trx.dsl().execute(deliver, FLORA, message.id(), 1);
                        written.countDown();
                        commit.await();
                    })));
            written.await();
            task.round();
            commit.countDown();
            fold.join();
            // The round passed over the day the fold held; its mark is there for the next round.
            assertThat(Tenant.call(FLORA, () -> reach.dirtyDays(FLORA))).contains(day);
            task.round();
            var after = Tenant.call(FLORA, () -> reach.uniqueRecipients(FLORA, range, Set.of(Channel.VIBER)));
            long exact = exact(FLORA, range, Set.of(Channel.VIBER));
            assertThat(exact).isGreaterThanOrEqualTo(400);
            assertThat(exact).isBetween(Math.round(after.lowerBound()), Math.round(after.upperBound()));
        } finally {
            messages.removeAll();
            task.round();
        }
    }

    @Test
    void monthSketchesGiveExactlyTheEstimateOfTheirDaysAndADirtyDayMarksItsMonth() {
        task.round();
        var today = OffsetDateTime.now(clock).atZoneSameInstant(WARSAW).toLocalDate();
        var all = EnumSet.allOf(Channel.class);
        assertThat(Tenant.call(FLORA, () -> reach.dirtyMonths(FLORA))).isEmpty();
        assertThat(asAllAccounts(
                        () -> queryLong("select count(*) from reach_sketch_month where account_id = ?", FLORA)))
                .isPositive();
        for (var preset : RangePreset.values()) {
            for (var channels : List.<Set<Channel>>of(all, Set.of(Channel.SMS), Set.of(Channel.VIBER))) {
                assertSameAsDays(FLORA, preset.range(today), channels);
            }
        }
        // A range of whole months with days at both ends, 15 August to 14 November, on a channel the
        // account never sent on: its October sketch appears only through the rebuilt day.
        var range = new DateRange(LocalDate.parse("2026-08-15"), LocalDate.parse("2026-11-14"));
        var viber = Set.of(Channel.VIBER);
        assertThat(assertSameAsDays(SPORT, range, viber).estimate()).isZero();
        var messages = new TestMessages(db);
        try {
            var message = messages.create(SPORT, "VIBER", null, 300, Instant.parse("2026-10-14T09:00:00Z"), true);
            deliverAll(SPORT, message.id());
            assertThat(Tenant.allAccounts(() -> reach.rebuildDirtyDays(1_000))).isPositive();
            // The rebuilt day marked its month: until the month is rebuilt, the range reads October's days.
            assertThat(Tenant.call(SPORT, () -> reach.dirtyMonths(SPORT)))
                    .containsExactly(LocalDate.parse("2026-10-01"));
            var marked = assertSameAsDays(SPORT, range, viber);
            assertThat(marked.estimate()).isBetween(280L, 320L);
            assertThat(Tenant.allAccounts(() -> reach.rebuildDirtyMonths(1_000)))
                    .isEqualTo(1);
            assertThat(Tenant.call(SPORT, () -> reach.dirtyMonths(SPORT))).isEmpty();
            assertThat(assertSameAsDays(SPORT, range, viber)).isEqualTo(marked);
            // October's sketch is the merge of its day sketches, byte for byte, on every channel.
            var october = new DateRange(LocalDate.parse("2026-10-01"), LocalDate.parse("2026-10-31"));
            for (var channel : Channel.values()) {
                var month = asAllAccounts(() -> db.fetchOptional(
                                "select sketch from reach_sketch_month where account_id = ? "
                                        + "and month = '2026-10-01' and channel = ?::channel",
                                SPORT,
                                channel.name())
                        .map(row -> row.get(0, byte[].class)));
                var days = daySketches(SPORT, october, Set.of(channel));
                var merged = new HyperLogLog();
                days.forEach(bytes -> merged.merge(HyperLogLog.fromBytes(bytes)));
                assertThat(month.isPresent()).isEqualTo(!days.isEmpty());
                month.ifPresent(bytes -> assertThat(bytes).isEqualTo(merged.toBytes()));
            }
        } finally {
            messages.removeAll();
            task.round();
        }
        assertThat(assertSameAsDays(SPORT, range, viber).estimate()).isZero();
    }

    /**
     * A Viber message of Flora's with {@code count} recipients, all delivered, after a round: its
     * day was marked, and its sketch is that of the day's raw recipients.
     */
    private TestMessages.TestMessage deliveredAndCounted(
            TestMessages messages, int count, Instant sentAt, LocalDate day) {
        var message = messages.create(FLORA, "VIBER", null, count, sentAt, true);
        deliverAll(FLORA, message.id());
        assertThat(Tenant.call(FLORA, () -> reach.dirtyDays(FLORA))).contains(day);
        task.round();
        assertThat(Tenant.call(FLORA, () -> reach.dirtyDays(FLORA))).doesNotContain(day);
        assertThat(storedSketch(FLORA, day, Channel.VIBER)).isEqualTo(exactSketch(FLORA, day, Channel.VIBER));
        return message;
    }

    /** Every recipient of the message delivered three seconds after its send. */
    private void deliverAll(long account, long messageId) {
        asAllAccounts(() -> db.execute(
                "update message_recipient set delivered_at = sent_at + interval '3 seconds' "
                        + "where account_id = ? and message_id = ?",
                account,
                messageId));
    }

    /** The range's estimate from month and day sketches is exactly that of its day sketches alone. */
    private ReachRepository.Reach assertSameAsDays(long account, DateRange range, Set<Channel> channels) {
        var got = Tenant.call(account, () -> reach.uniqueRecipients(account, range, channels));
        var fromDays =
                ReachRepository.estimate(daySketches(account, range, channels), got.pendingDays(), got.uncountedDays());
        assertThat(got).as("account %d, %s, %s", account, range, channels).isEqualTo(fromDays);
        return got;
    }

    private List<byte[]> daySketches(long account, DateRange range, Set<Channel> channels) {
        return asAllAccounts(() -> db.fetch(
                        "select sketch from reach_sketch where account_id = ? and day between ?::date and ?::date "
                                + "and channel::text = any (?::text[])",
                        account,
                        range.first(),
                        range.last(),
                        channels.stream().map(Channel::name).toArray(String[]::new))
                .getValues(0, byte[].class));
    }

    /** The stored sketch of one day and channel. */
    private byte[] storedSketch(long account, LocalDate day, Channel channel) {
        return asAllAccounts(() -> db.fetchSingle(
                        "select sketch from reach_sketch where account_id = ? and day = ? and channel = ?::channel",
                        account,
                        day,
                        channel.name())
                .get(0, byte[].class));
    }

    /** The sketch of the contacts delivered to on one local day and channel, built from the raw recipients. */
    private byte[] exactSketch(long account, LocalDate day, Channel channel) {
        var sketch = new HyperLogLog();
        asAllAccounts(() -> db.fetch("select r.contact_id " + DELIVERED_IN_RANGE, account, day, day, new String[] {
                            channel.name()
                        })
                        .getValues(0, Long.class))
                .forEach(sketch::add);
        return sketch.toBytes();
    }

    /** Deliveries waiting to be added to their day sketches. */
    private long queued(long account) {
        return asAllAccounts(() -> queryLong("select count(*) from reach_delivery where account_id = ?", account));
    }

    /**
     * The delivered recipients sent in the local days of a range on some channels, counted like the
     * panel's figures; binds the account, the range's first and last day and the channel names.
     */
    private static final String DELIVERED_IN_RANGE = """
            from message_recipient r
            join message m on m.account_id = r.account_id and m.id = r.message_id
            join account a on a.id = r.account_id
            left join sms_gateway g on g.account_id = m.account_id and g.id = m.gateway_id
            where r.account_id = ? and r.delivered_at is not null and m.type <> 'TEST'
              and coalesce(g.supports_callbacks, true)
              and (r.sent_at at time zone a.time_zone)::date between ?::date and ?::date
              and m.channel::text = any (?::text[])""";

    /** Distinct contacts delivered to in the local days of the range, counted like the panel's figures. */
    private long exact(long account, DateRange range, Set<Channel> channels) {
        return asAllAccounts(() -> queryLong(
                "select count(distinct r.contact_id) " + DELIVERED_IN_RANGE,
                account,
                range.first(),
                range.last(),
                channels.stream().map(Channel::name).toArray(String[]::new)));
    }
}
