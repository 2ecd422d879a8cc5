package com.mobilemarketing.stats;

import static com.mobilemarketing.db.Tables.REACH_MONTH_DIRTY;
import static com.mobilemarketing.db.Tables.REACH_SKETCH;
import static com.mobilemarketing.db.Tables.REACH_SKETCH_DIRTY;
import static com.mobilemarketing.db.Tables.REACH_SKETCH_MONTH;

import com.mobilemarketing.core.db.FoldExemptions;
import com.mobilemarketing.core.time.DateRange;
import com.mobilemarketing.db.enums.Channel;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.TableField;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

/**
 * Unique recipients ("Unikalni odbiorcy"): distinct contacts delivered to in a range, estimated by
 * merging HyperLogLog sketches per account, channel and local send day ({@code reach_sketch}) or
 * whole calendar month ({@code reach_sketch_month}, the merge of its days). A fold that delivers a
 * recipient for the first time queues its contact and marks its day; one that withdraws a delivery
 * marks the day for a rebuild. {@link #rebuildDirtyDays} adds the queued contacts to their day
 * sketches, or rebuilds a day from its raw recipients; that marks their months, which {@link
 * #rebuildDirtyMonths} rebuilds from the day sketches; a periodic task calls both. The panel only
 * merges: the range's clean whole months and the days around them.
 */
@Repository
public class ReachRepository {

    private final DSLContext db;
    private final FoldExemptions foldExemptions;

    public ReachRepository(DSLContext db, FoldExemptions foldExemptions) {
        this.db = db;
        this.foldExemptions = foldExemptions;
    }

    /**
     * log2 of the sketch's registers ({@link HyperLogLog}): 4 096 registers, 4 097 bytes serialized,
     * a relative standard error of about 1.6 % (3.2 % at 95 % confidence); a year of three channels
     * reads about 36 month sketches and up to 180 day sketches, under 1 MB.
     */
    public static final int LG_K = HyperLogLog.LOG2_REGISTERS;

    /** Standard deviations of the bound shown: 2 is about 95 % confidence. */
    public static final int CONFIDENCE_DEVIATIONS = 2;

    /**
     * The estimate with its bounds at about 95 % confidence, how many days of the range still wait
     * for their sketches to be rebuilt (their newest deliveries are not in it yet), and how many of
     * those have no sketch at all yet (a first start, or the first minute of a day).
     */
    public record Reach(long estimate, double lowerBound, double upperBound, int pendingDays, int uncountedDays) {

        /**
         * Whether the estimate stands for the whole range: not when a day with deliveries has never
         * been counted, for the merge would leave its contacts out (on a first start: "≈ 0").
         */
        public boolean isKnown() {
            return uncountedDays == 0;
        }

        /** The larger distance of a bound from the estimate, relative to it (0.016 = ± 1.6 %). */
        public double relativeError() {
            return estimate == 0 ? 0 : Math.max(upperBound - estimate, estimate - lowerBound) / estimate;
        }
    }

    /**
     * Distinct contacts delivered to on any of {@code channels} among the recipients sent in {@code
     * range}: the merge of the clean month sketches of the range's whole months and of the day
     * sketches of the other days (those before the first whole month, after the last one, and of
     * months waiting for their rebuild). Merging is exact, so this is the estimate of the merged day
     * sketches.
     */
    public Reach uniqueRecipients(long accountId, DateRange range, Collection<Channel> channels) {
        if (channels.isEmpty()) {
            return new Reach(0, 0, 0, 0, 0);
        }
        var waiting = db.select(
                        DSL.count(),
                        DSL.count()
                                .filterWhere(DSL.notExists(DSL.selectOne()
                                        .from(REACH_SKETCH)
                                        .where(REACH_SKETCH.ACCOUNT_ID.eq(REACH_SKETCH_DIRTY.ACCOUNT_ID))
                                        .and(REACH_SKETCH.DAY.eq(REACH_SKETCH_DIRTY.DAY)))))
                .from(REACH_SKETCH_DIRTY)
                .where(REACH_SKETCH_DIRTY.ACCOUNT_ID.eq(accountId))
                .and(REACH_SKETCH_DIRTY.DAY.between(range.first(), range.last()))
                .fetchSingle();
        var months = cleanMonths(accountId, range);
        var outsideMonths = DSL.and(months.stream()
                .map(month -> REACH_SKETCH.DAY.lt(month).or(REACH_SKETCH.DAY.ge(month.plusMonths(1))))
                .toList());
        var sketches = db.select(REACH_SKETCH_MONTH.SKETCH)
                .from(REACH_SKETCH_MONTH)
                .where(REACH_SKETCH_MONTH.ACCOUNT_ID.eq(accountId))
                .and(REACH_SKETCH_MONTH.MONTH.in(months))
                .and(REACH_SKETCH_MONTH.CHANNEL.in(channels))
                .unionAll(db.select(REACH_SKETCH.SKETCH)
                        .from(REACH_SKETCH)
                        .where(REACH_SKETCH.ACCOUNT_ID.eq(accountId))
                        .and(REACH_SKETCH.DAY.between(range.first(), range.last()))
                        .and(outsideMonths)
                        .and(REACH_SKETCH.CHANNEL.in(channels)))
                .fetch(REACH_SKETCH_MONTH.SKETCH);
        return estimate(sketches, waiting.value1(), waiting.value2());
    }

    /**
     * The estimate of the union of serialized sketches, with its bounds, as the panel shows it. Public
     * so that a test can compare the month-and-day merge with the merge of the day sketches alone.
     */
    public static Reach estimate(List<byte[]> sketches, int pending, int uncounted) {
        if (sketches.isEmpty()) {
            return new Reach(0, 0, 0, pending, uncounted);
        }
        var union = new HyperLogLog();
        for (var bytes : sketches) {
            union.merge(HyperLogLog.fromBytes(bytes));
        }
        return new Reach(
                Math.round(union.estimate()),
                union.lowerBound(CONFIDENCE_DEVIATIONS),
                union.upperBound(CONFIDENCE_DEVIATIONS),
                pending,
                uncounted);
    }

    /** The first days of the calendar months wholly inside the range whose sketches are not waiting for a rebuild. */
    private List<LocalDate> cleanMonths(long accountId, DateRange range) {
        var first = range.first().getDayOfMonth() == 1
                ? range.first()
                : range.first().withDayOfMonth(1).plusMonths(1);
        var end = range.last().plusDays(1).withDayOfMonth(1);
        if (!first.isBefore(end)) {
            return List.of();
        }
        var dirty = db.select(REACH_MONTH_DIRTY.MONTH)
                .from(REACH_MONTH_DIRTY)
                .where(REACH_MONTH_DIRTY.ACCOUNT_ID.eq(accountId))
                .and(REACH_MONTH_DIRTY.MONTH.ge(first).and(REACH_MONTH_DIRTY.MONTH.lt(end)))
                .fetchSet(REACH_MONTH_DIRTY.MONTH);
        var months = new ArrayList<LocalDate>();
        for (var month = first; month.isBefore(end); month = month.plusMonths(1)) {
            if (!dirty.contains(month)) {
                months.add(month);
            }
        }
        return months;
    }

    /**
     * Claims up to {@code maxDays} dirty days of any account (days another node works on are
     * skipped) and brings their sketches up to date, all in one transaction: a day marked for a
     * rebuild is rebuilt from its raw recipients; any other day only gets the contacts of its queued
     * deliveries added. Either way the day's queue is emptied, for a rebuild reads those deliveries
     * too. A fold that marks a claimed day again waits for this transaction and leaves the day dirty
     * for the next round. Returns the number of days brought up to date; run across accounts. The
     * transaction writes no delivery events, so it does not hold back the fold of other days
     * meanwhile ({@link FoldExemptions}): rebuilding many days, as after a first start on a large
     * database, takes seconds a transaction.
     */
    public int rebuildDirtyDays(int maxDays) {
        return db.transactionResult(trx -> {
            var tx = trx.dsl();
            var days = claim(tx, "reach_sketch_dirty", "day", ", d.rebuild", maxDays);
            if (days.isEmpty()) {
                return 0;
            }
            try (var exemption = foldExemptions.exempt(tx)) {
                rebuildClaimedDays(tx, days);
            }
            return days.size();
        });
    }

    /** The claimed days' sketches brought up to date and their months marked. */
    private static void rebuildClaimedDays(DSLContext tx, Result<Record> days) {
        mergeQueued(tx, days);
        var months = new TreeMap<Long, TreeSet<LocalDate>>();
        for (var day : days) {
            long accountId = day.get(0, Long.class);
            var date = day.get(1, LocalDate.class);
            if (day.get(2, Boolean.class)) {
                rebuildDay(tx, accountId, date);
            }
            months.computeIfAbsent(accountId, a -> new TreeSet<>()).add(date.withDayOfMonth(1));
        }
        // The months are marked after the days, in one order for every round: two rounds (two
        // nodes) marking the same months in different orders deadlocked.
        months.forEach((account, marks) -> marks.forEach(month -> tx.insertInto(REACH_MONTH_DIRTY)
                .set(REACH_MONTH_DIRTY.ACCOUNT_ID, account)
                .set(REACH_MONTH_DIRTY.MONTH, month)
                // An update, not "do nothing": it locks a mark that already exists, so a month
                // rebuild running now skips it instead of claiming it and reading the day
                // sketches without this one.
                .onConflict(REACH_MONTH_DIRTY.ACCOUNT_ID, REACH_MONTH_DIRTY.MONTH)
                .doUpdate()
                .set(REACH_MONTH_DIRTY.MARKED_AT, DSL.currentOffsetDateTime())
                .execute()));
    }

    /**
     * Deletes the queued deliveries of the claimed days and adds those of the days not marked for a
     * rebuild to their sketches, counted like the daily rollup (no test sends, no gateway without
     * delivery reports). The queue holds only what a fold committed; a delivery still uncommitted
     * holds its day's mark, so that day was not claimed.
     */
    private static void mergeQueued(DSLContext tx, Result<Record> days) {
        var added = new HashMap<DayChannel, HyperLogLog>();
        try (var cursor = tx.resultQuery(
                        """
                with claimed as (
                    select * from unnest(?::bigint[], ?::date[], ?::boolean[]) c(account_id, day, rebuild)
                ), queued as (
                    delete from reach_delivery q using claimed c
                    where q.account_id = c.account_id and q.day = c.day
                    returning q.account_id, q.day, q.message_id, q.contact_id, c.rebuild
                )
                select q.account_id, q.day, m.channel, q.contact_id
                from queued q
                join message m on m.account_id = q.account_id and m.id = q.message_id
                left join sms_gateway g on g.account_id = m.account_id and g.id = m.gateway_id
                where not q.rebuild and m.type <> 'TEST' and coalesce(g.supports_callbacks, true)""",
                        days.getValues(0, Long.class).toArray(Long[]::new),
                        days.getValues(1, LocalDate.class).toArray(LocalDate[]::new),
                        days.getValues(2, Boolean.class).toArray(Boolean[]::new))
                .fetchSize(10_000)
                .fetchLazy()) {
            for (var row : cursor) {
                var key = new DayChannel(
                        row.get(0, Long.class), row.get(1, LocalDate.class), Channel.valueOf(row.get(2, String.class)));
                added.computeIfAbsent(key, k -> new HyperLogLog()).add(row.get(3, Long.class));
            }
        }
        if (added.isEmpty()) {
            return;
        }
        // The stored sketches of those days, in one query, merged into the additions.
        var addedDays = added.keySet().stream()
                .map(key -> DSL.row(key.accountId(), key.day()))
                .distinct()
                .toList();
        tx.select(REACH_SKETCH.ACCOUNT_ID, REACH_SKETCH.DAY, REACH_SKETCH.CHANNEL, REACH_SKETCH.SKETCH)
                .from(REACH_SKETCH)
                .where(DSL.row(REACH_SKETCH.ACCOUNT_ID, REACH_SKETCH.DAY).in(addedDays))
                .forEach(row -> {
                    var sketch = added.get(new DayChannel(row.value1(), row.value2(), row.value3()));
                    if (sketch != null) {
                        sketch.merge(HyperLogLog.fromBytes(row.value4()));
                    }
                });
        added.forEach((key, sketch) -> store(tx, key.accountId(), key.day(), key.channel(), sketch));
    }

    /** Writes a day's sketch of a channel, over the stored one. */
    private static void store(DSLContext tx, long accountId, LocalDate day, Channel channel, HyperLogLog sketch) {
        var bytes = sketch.toBytes();
        tx.insertInto(REACH_SKETCH)
                .set(REACH_SKETCH.ACCOUNT_ID, accountId)
                .set(REACH_SKETCH.DAY, day)
                .set(REACH_SKETCH.CHANNEL, channel)
                .set(REACH_SKETCH.SKETCH, bytes)
                .set(REACH_SKETCH.BUILT_AT, DSL.currentOffsetDateTime())
                .onConflict(REACH_SKETCH.ACCOUNT_ID, REACH_SKETCH.DAY, REACH_SKETCH.CHANNEL)
                .doUpdate()
                .set(REACH_SKETCH.SKETCH, bytes)
                .set(REACH_SKETCH.BUILT_AT, DSL.currentOffsetDateTime())
                .execute();
    }

    /** A day sketch's key. */
    private record DayChannel(long accountId, LocalDate day, Channel channel) {}

    /**
     * Claims up to {@code maxMonths} months whose days were rebuilt (months another node works on
     * are skipped) and rebuilds each month's sketch per channel from its committed day sketches. A
     * day rebuilt meanwhile marks its month again, so the month is rebuilt once more in a later
     * round. Returns the number of months rebuilt; run across accounts.
     */
    public int rebuildDirtyMonths(int maxMonths) {
        return db.transactionResult(trx -> {
            var tx = trx.dsl();
            var months = claim(tx, "reach_month_dirty", "month", "", maxMonths);
            for (var claimed : months) {
                long accountId = claimed.get(0, Long.class);
                var month = claimed.get(1, LocalDate.class);
                var merged = new EnumMap<Channel, HyperLogLog>(Channel.class);
                tx.select(REACH_SKETCH.CHANNEL, REACH_SKETCH.SKETCH)
                        .from(REACH_SKETCH)
                        .where(REACH_SKETCH.ACCOUNT_ID.eq(accountId))
                        .and(REACH_SKETCH.DAY.ge(month).and(REACH_SKETCH.DAY.lt(month.plusMonths(1))))
                        .forEach(row -> merged.computeIfAbsent(row.value1(), c -> new HyperLogLog())
                                .merge(HyperLogLog.fromBytes(row.value2())));
                tx.deleteFrom(REACH_SKETCH_MONTH)
                        .where(REACH_SKETCH_MONTH.ACCOUNT_ID.eq(accountId), REACH_SKETCH_MONTH.MONTH.eq(month))
                        .execute();
                for (Map.Entry<Channel, HyperLogLog> entry : merged.entrySet()) {
                    tx.insertInto(REACH_SKETCH_MONTH)
                            .columns(
                                    REACH_SKETCH_MONTH.ACCOUNT_ID,
                                    REACH_SKETCH_MONTH.MONTH,
                                    REACH_SKETCH_MONTH.CHANNEL,
                                    REACH_SKETCH_MONTH.SKETCH,
                                    REACH_SKETCH_MONTH.BUILT_AT)
                            .values(
                                    DSL.val(accountId),
                                    DSL.val(month),
                                    DSL.val(entry.getKey()),
                                    DSL.val(entry.getValue().toBytes()),
                                    DSL.currentOffsetDateTime())
                            .execute();
                }
            }
            return months.size();
        });
    }

    /**
     * Deletes and returns up to {@code max} of the oldest marks of a dirty table (account, day or
     * month, then the {@code extra} columns), skipping rows another transaction holds. The names
     * are this class's constants.
     */
    private static Result<Record> claim(DSLContext tx, String table, String key, String extra, int max) {
        return tx.resultQuery("""
                        delete from %1$s d
                        using (select account_id, %2$s from %1$s
                               order by marked_at limit ? for update skip locked) claimed
                        where d.account_id = claimed.account_id and d.%2$s = claimed.%2$s
                        returning d.account_id, d.%2$s%3$s""".formatted(table, key, extra), max).fetch();
    }

    /**
     * The day's delivered recipients per channel, counted like the daily rollup, each into its
     * channel's sketch. Recipients are found through the messages sent up to two days before the
     * local day's end (a send takes less) and the recipients' primary key.
     */
    private static void rebuildDay(DSLContext tx, long accountId, LocalDate day) {
        var sketches = new EnumMap<Channel, HyperLogLog>(Channel.class);
        try (var cursor = tx.resultQuery("""
                with bounds as (
                    select (?::date)::timestamp at time zone a.time_zone as day_start,
                           (?::date + 1)::timestamp at time zone a.time_zone as day_end
                    from account a where a.id = ?
                )
                select m.channel, r.contact_id
                from bounds b
                join message m on m.account_id = ? and m.sent_at >= b.day_start - interval '2 days'
                                  and m.sent_at < b.day_end
                join message_recipient r on r.account_id = m.account_id and r.message_id = m.id
                left join sms_gateway g on g.account_id = m.account_id and g.id = m.gateway_id
                where m.type <> 'TEST' and coalesce(g.supports_callbacks, true)
                  and r.sent_at >= b.day_start and r.sent_at < b.day_end and r.delivered_at is not null""", day, day, accountId, accountId)
                .fetchSize(10_000)
                .fetchLazy()) {
            for (var row : cursor) {
                var channel = Channel.valueOf(row.get(0, String.class));
                sketches.computeIfAbsent(channel, c -> new HyperLogLog()).add(row.get(1, Long.class));
            }
        }
        tx.deleteFrom(REACH_SKETCH)
                .where(REACH_SKETCH.ACCOUNT_ID.eq(accountId), REACH_SKETCH.DAY.eq(day))
                .execute();
        sketches.forEach((channel, sketch) -> store(tx, accountId, day, channel, sketch));
    }

    /** The months waiting for their sketches to be rebuilt from their days (for tests and health). */
    public List<LocalDate> dirtyMonths(long accountId) {
        return marks(REACH_MONTH_DIRTY.ACCOUNT_ID, REACH_MONTH_DIRTY.MONTH, accountId);
    }

    /** The days still waiting for their sketches (for tests and health). */
    public List<LocalDate> dirtyDays(long accountId) {
        return marks(REACH_SKETCH_DIRTY.ACCOUNT_ID, REACH_SKETCH_DIRTY.DAY, accountId);
    }

    private List<LocalDate> marks(TableField<?, Long> account, TableField<?, LocalDate> key, long accountId) {
        return db.select(key)
                .from(key.getTable())
                .where(account.eq(accountId))
                .orderBy(key)
                .fetch(key);
    }
}
