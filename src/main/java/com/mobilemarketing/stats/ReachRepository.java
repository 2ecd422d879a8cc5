package com.mobilemarketing.stats;

import static com.mobilemarketing.db.Tables.REACH_SKETCH;
import static com.mobilemarketing.db.Tables.REACH_SKETCH_DIRTY;

import com.mobilemarketing.core.time.DateRange;
import com.mobilemarketing.db.enums.Channel;
import java.time.LocalDate;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

/**
 * Unique recipients ("Unikalni odbiorcy"): distinct contacts delivered to in a range, estimated by
 * merging one HyperLogLog sketch per account, local send day and channel ({@code reach_sketch}).
 * Sketches are rebuilt from the raw recipients of the days a fold marked dirty, by
 * {@link #rebuildDirtyDays}, which a periodic task calls; the panel only merges them.
 */
@Repository
public class ReachRepository {

    private final DSLContext db;

    public ReachRepository(DSLContext db) {
        this.db = db;
    }

    /**
     * log2 of the sketch's registers ({@link HyperLogLog}): 4 096 registers, 4 097 bytes serialized,
     * a relative standard error of about 1.6 % (3.3 % at 95 % confidence); the union of a year's
     * 1 095 day-channel sketches reads under 4.5 MB.
     */
    public static final int LG_K = HyperLogLog.LOG2_REGISTERS;

    /** Standard deviations of the bound shown: 2 is about 95 % confidence. */
    public static final int CONFIDENCE_DEVIATIONS = 2;

    /**
     * The estimate with its bounds at about 95 % confidence, and how many days of the range still
     * wait for their sketches to be rebuilt (their newest deliveries are not in it yet).
     */
    public record Reach(long estimate, double lowerBound, double upperBound, int pendingDays) {

        /** The larger distance of a bound from the estimate, relative to it (0.016 = ± 1.6 %). */
        public double relativeError() {
            return estimate == 0 ? 0 : Math.max(upperBound - estimate, estimate - lowerBound) / estimate;
        }
    }

    /** Distinct contacts delivered to on any of {@code channels} among the recipients sent in {@code range}. */
    public Reach uniqueRecipients(long accountId, DateRange range, Collection<Channel> channels) {
        if (channels.isEmpty()) {
            return new Reach(0, 0, 0, 0);
        }
        var pending = db.fetchCount(
                REACH_SKETCH_DIRTY,
                REACH_SKETCH_DIRTY.ACCOUNT_ID.eq(accountId),
                REACH_SKETCH_DIRTY.DAY.between(range.first(), range.last()));
        var sketches = db.select(REACH_SKETCH.SKETCH)
                .from(REACH_SKETCH)
                .where(REACH_SKETCH.ACCOUNT_ID.eq(accountId))
                .and(REACH_SKETCH.DAY.between(range.first(), range.last()))
                .and(REACH_SKETCH.CHANNEL.in(channels))
                .fetch(REACH_SKETCH.SKETCH);
        if (sketches.isEmpty()) {
            return new Reach(0, 0, 0, pending);
        }
        var union = new HyperLogLog();
        for (var bytes : sketches) {
            union.merge(HyperLogLog.fromBytes(bytes));
        }
        return new Reach(
                Math.round(union.estimate()),
                union.lowerBound(CONFIDENCE_DEVIATIONS),
                union.upperBound(CONFIDENCE_DEVIATIONS),
                pending);
    }

    /**
     * Claims up to {@code maxDays} dirty days of any account (days another node works on are
     * skipped) and rebuilds their sketches from the raw recipients, all in one transaction: a fold
     * that marks a claimed day again waits for it and leaves the day dirty for the next round.
     * Returns the number of days rebuilt; run across accounts.
     */
    public int rebuildDirtyDays(int maxDays) {
        return db.transactionResult(trx -> {
            var tx = trx.dsl();
            var days = tx.fetch("""
                    delete from reach_sketch_dirty d
                    using (select account_id, day from reach_sketch_dirty
                           order by marked_at limit ? for update skip locked) claimed
                    where d.account_id = claimed.account_id and d.day = claimed.day
                    returning d.account_id, d.day""", maxDays);
            for (var day : days) {
                rebuildDay(tx, day.get(0, Long.class), day.get(1, LocalDate.class));
            }
            return days.size();
        });
    }

    /**
     * The day's delivered recipients per channel, counted like the daily rollup, each into its
     * channel's sketch. Recipients are found through the messages sent up to two days before the
     * local day's end (a send takes less) and the recipients' primary key.
     */
    private static void rebuildDay(DSLContext tx, long accountId, LocalDate day) {
        var sketches = new EnumMap<Channel, HyperLogLog>(Channel.class);
        var recipients = new EnumMap<Channel, Long>(Channel.class);
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
                recipients.merge(channel, 1L, Long::sum);
            }
        }
        tx.deleteFrom(REACH_SKETCH)
                .where(REACH_SKETCH.ACCOUNT_ID.eq(accountId), REACH_SKETCH.DAY.eq(day))
                .execute();
        for (var entry : sketches.entrySet()) {
            tx.insertInto(REACH_SKETCH)
                    .set(REACH_SKETCH.ACCOUNT_ID, accountId)
                    .set(REACH_SKETCH.DAY, day)
                    .set(REACH_SKETCH.CHANNEL, entry.getKey())
                    .set(REACH_SKETCH.SKETCH, entry.getValue().toBytes())
                    .set(REACH_SKETCH.RECIPIENTS, recipients.get(entry.getKey()))
                    .set(REACH_SKETCH.BUILT_AT, DSL.currentOffsetDateTime())
                    .execute();
        }
    }

    /** The days still waiting for their sketches (for tests and health). */
    public List<LocalDate> dirtyDays(long accountId) {
        return db.select(REACH_SKETCH_DIRTY.DAY)
                .from(REACH_SKETCH_DIRTY)
                .where(REACH_SKETCH_DIRTY.ACCOUNT_ID.eq(accountId))
                .orderBy(REACH_SKETCH_DIRTY.DAY)
                .fetch(REACH_SKETCH_DIRTY.DAY);
    }
}
