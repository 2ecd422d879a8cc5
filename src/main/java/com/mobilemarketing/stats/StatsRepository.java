package com.mobilemarketing.stats;

import static com.mobilemarketing.db.Tables.CHANNEL_INTEGRATION;
import static com.mobilemarketing.db.Tables.CONSENT_DAILY;
import static com.mobilemarketing.db.Tables.COST_DAILY;
import static com.mobilemarketing.db.Tables.OPTIN_COUNT;
import static com.mobilemarketing.db.Tables.OPTIN_OVERLAP;
import static com.mobilemarketing.db.Tables.OPT_OUT_DAILY;
import static com.mobilemarketing.db.Tables.REVENUE_DAILY;
import static com.mobilemarketing.db.Tables.STATS_DAILY;
import static com.mobilemarketing.db.Tables.STATS_HOURLY;
import static com.mobilemarketing.db.Tables.USER_PREFERENCE;
import static org.jooq.impl.DSL.sum;

import com.mobilemarketing.contacts.OverlapPart;
import com.mobilemarketing.core.metrics.OptInFlow;
import com.mobilemarketing.core.time.DateRange;
import com.mobilemarketing.db.enums.Channel;
import com.mobilemarketing.db.enums.MessageType;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record6;
import org.jooq.Record8;
import org.jooq.Records;
import org.jooq.SelectHavingStep;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.springframework.stereotype.Repository;

/**
 * The stats panel's reads. Figures come only from the maintained rollups (stats_daily per local
 * day, optin_count), never from raw recipient rows, so a page load costs the same at any volume.
 * Test messages are left out here, once, for every figure.
 */
@Repository
public class StatsRepository {

    /** Maximum length of a stored preference value; longer values are refused. */
    static final int MAX_PREFERENCE_LENGTH = 100;

    private final DSLContext db;

    public StatsRepository(DSLContext db) {
        this.db = db;
    }

    /**
     * Sums of one channel over a period, split by whether the gateway reports deliveries; the
     * opt-outs credited to the same cohorts come in rows of their own (their other sums 0).
     */
    public record ChannelTotals(
            Channel channel,
            boolean counted,
            boolean current,
            long sent,
            long delivered,
            long opened,
            long clicked,
            long optOuts) {}

    /** Orders credited to one channel's messages over a period (by the cohort's local send day). */
    public record ChannelRevenue(
            Channel channel, boolean counted, boolean current, long orders, long revenueMinor, long unconverted) {}

    /** What one channel's recipients of a period cost, in micros of the account's currency (by the local send day). */
    public record ChannelCost(Channel channel, boolean counted, boolean current, long micros, long unpriced) {}

    /** One day (or month) of the chart, counted traffic only, with the revenue credited to it (minor units). */
    public record SeriesPoint(
            LocalDate bucket, long sent, long delivered, long opened, long clicked, long revenueMinor) {}

    /** Opt-ins gained and lost on one day (or month) of the range, from the consent history. */
    public record ConsentPoint(LocalDate bucket, long gained, long lost) {
        public OptInFlow flow() {
            return new OptInFlow(gained, lost);
        }
    }

    /** Opt-in contacts: on at least one channel, and per channel. */
    public record OptInCounts(long any, Map<Channel, Long> perChannel) {
        public long of(Channel channel) {
            return perChannel.getOrDefault(channel, 0L);
        }
    }

    /** Channels integrated on the account, in the enum's order (SMS, WhatsApp, Viber). */
    public Set<Channel> integratedChannels(long accountId) {
        var channels = EnumSet.noneOf(Channel.class);
        channels.addAll(db.select(CHANNEL_INTEGRATION.CHANNEL)
                .from(CHANNEL_INTEGRATION)
                .where(CHANNEL_INTEGRATION.ACCOUNT_ID.eq(accountId))
                .fetch(CHANNEL_INTEGRATION.CHANNEL));
        return channels;
    }

    /** Per-channel sums of the range and of the period of the same length right before it. */
    public List<ChannelTotals> totals(long accountId, DateRange range) {
        return totals(accountId, range, range.previous());
    }

    /**
     * Per-channel sums of the range and of its comparison period ({@code current} tells them apart).
     * The two may overlap (a range over a year against the same days a year earlier), so each is
     * summed on its own: two index range scans of the rollup in one statement.
     */
    public List<ChannelTotals> totals(long accountId, DateRange range, DateRange comparison) {
        return periodTotals(accountId, range, true)
                .unionAll(periodTotals(accountId, comparison, false))
                .unionAll(periodOptOuts(accountId, range, true))
                .unionAll(periodOptOuts(accountId, comparison, false))
                .fetch(Records.mapping(ChannelTotals::new));
    }

    private SelectHavingStep<Record8<Channel, Boolean, Boolean, Long, Long, Long, Long, Long>> periodTotals(
            long accountId, DateRange range, boolean current) {
        return db.select(
                        STATS_DAILY.CHANNEL,
                        STATS_DAILY.COUNTED,
                        DSL.inline(current).as("current"),
                        total(STATS_DAILY.SENT).as("sent"),
                        total(STATS_DAILY.DELIVERED).as("delivered"),
                        total(STATS_DAILY.OPENED).as("opened"),
                        total(STATS_DAILY.CLICKED).as("clicked"),
                        DSL.inline(0L).as("opt_outs"))
                .from(STATS_DAILY)
                .where(days(accountId, range.first(), range.last()))
                .groupBy(STATS_DAILY.CHANNEL, STATS_DAILY.COUNTED);
    }

    /** Opt-outs credited to the messages sent in the range, by the same cohorts, test messages left out. */
    private SelectHavingStep<Record8<Channel, Boolean, Boolean, Long, Long, Long, Long, Long>> periodOptOuts(
            long accountId, DateRange range, boolean current) {
        var o = OPT_OUT_DAILY;
        var zero = DSL.inline(0L);
        var cohorts = o.ACCOUNT_ID
                .eq(accountId)
                .and(o.DAY.between(range.first(), range.last()))
                .and(o.TYPE.ne(MessageType.TEST));
        return db.select(
                        o.CHANNEL,
                        o.COUNTED,
                        DSL.inline(current).as("current"),
                        zero,
                        zero,
                        zero,
                        zero,
                        total(o.OPT_OUTS).as("opt_outs"))
                .from(o)
                .where(cohorts)
                .groupBy(o.CHANNEL, o.COUNTED);
    }

    /**
     * Orders and revenue per channel of the range and of the period before it, from the revenue
     * rollup, test messages left out; the same cohorts as {@link #totals}.
     */
    public List<ChannelRevenue> revenue(long accountId, DateRange range) {
        return revenue(accountId, range, range.previous());
    }

    /** As {@link #totals(long, DateRange, DateRange)}: the range and its comparison period, each summed on its own. */
    public List<ChannelRevenue> revenue(long accountId, DateRange range, DateRange comparison) {
        return periodRevenue(accountId, range, true)
                .unionAll(periodRevenue(accountId, comparison, false))
                .fetch(Records.mapping(ChannelRevenue::new));
    }

    private SelectHavingStep<Record6<Channel, Boolean, Boolean, Long, Long, Long>> periodRevenue(
            long accountId, DateRange range, boolean current) {
        return db.select(
                        REVENUE_DAILY.CHANNEL,
                        REVENUE_DAILY.COUNTED,
                        DSL.inline(current).as("current"),
                        total(REVENUE_DAILY.ORDERS).as("orders"),
                        total(REVENUE_DAILY.REVENUE_MINOR).as("revenue_minor"),
                        total(REVENUE_DAILY.UNCONVERTED).as("unconverted"))
                .from(REVENUE_DAILY)
                .where(REVENUE_DAILY.ACCOUNT_ID.eq(accountId))
                .and(REVENUE_DAILY.DAY.between(range.first(), range.last()))
                .and(REVENUE_DAILY.TYPE.ne(MessageType.TEST))
                .groupBy(REVENUE_DAILY.CHANNEL, REVENUE_DAILY.COUNTED);
    }

    /**
     * Day-by-day (or month-by-month) counted sums of the given channels and the revenue credited to
     * the same cohorts (minor units, unconverted orders without value, as the tiles count it); buckets
     * without traffic or orders are absent. Both rollups are read in one statement.
     */
    public List<SeriesPoint> series(long accountId, DateRange range, Collection<Channel> channels, boolean monthly) {
        Field<LocalDate> trafficBucket = bucket(STATS_DAILY.DAY, monthly);
        Field<LocalDate> revenueBucket = bucket(REVENUE_DAILY.DAY, monthly);
        var zero = DSL.inline(0L);
        var traffic = db.select(
                        trafficBucket.as("bucket"),
                        STATS_DAILY.SENT.as("sent"),
                        STATS_DAILY.DELIVERED.as("delivered"),
                        STATS_DAILY.OPENED.as("opened"),
                        STATS_DAILY.CLICKED.as("clicked"),
                        zero.as("revenue_minor"))
                .from(STATS_DAILY)
                .where(days(accountId, range.first(), range.last()), STATS_DAILY.COUNTED.isTrue())
                .and(STATS_DAILY.CHANNEL.in(channels));
        var revenue = db.select(revenueBucket, zero, zero, zero, zero, REVENUE_DAILY.REVENUE_MINOR)
                .from(REVENUE_DAILY)
                .where(REVENUE_DAILY.ACCOUNT_ID.eq(accountId))
                .and(REVENUE_DAILY.DAY.between(range.first(), range.last()))
                .and(REVENUE_DAILY.TYPE.ne(MessageType.TEST))
                .and(REVENUE_DAILY.COUNTED.isTrue())
                .and(REVENUE_DAILY.CHANNEL.in(channels));
        var both = traffic.unionAll(revenue).asTable("b");
        var bucket = both.field("bucket", LocalDate.class);
        return db.select(
                        bucket,
                        total(both.field("sent", Long.class)),
                        total(both.field("delivered", Long.class)),
                        total(both.field("opened", Long.class)),
                        total(both.field("clicked", Long.class)),
                        total(both.field("revenue_minor", Long.class)))
                .from(both)
                .groupBy(bucket)
                .orderBy(bucket)
                .fetch(Records.mapping(SeriesPoint::new));
    }

    /**
     * Cost per channel of the range and of its comparison period, from the cost rollup, test messages
     * left out; the same cohorts as {@link #totals}, each period summed on its own.
     */
    public List<ChannelCost> costs(long accountId, DateRange range, DateRange comparison) {
        // One scan of both periods (they may overlap), each period's sums taken by a filter.
        var now = COST_DAILY.DAY.between(range.first(), range.last());
        var before = COST_DAILY.DAY.between(comparison.first(), comparison.last());
        var result = new ArrayList<ChannelCost>();
        for (var r : db.select(
                        COST_DAILY.CHANNEL,
                        COST_DAILY.COUNTED,
                        filtered(COST_DAILY.COST_MICROS, now),
                        filtered(COST_DAILY.UNPRICED, now),
                        filtered(COST_DAILY.COST_MICROS, before),
                        filtered(COST_DAILY.UNPRICED, before))
                .from(COST_DAILY)
                .where(COST_DAILY.ACCOUNT_ID.eq(accountId), now.or(before), COST_DAILY.TYPE.ne(MessageType.TEST))
                .groupBy(COST_DAILY.CHANNEL, COST_DAILY.COUNTED)) {
            result.add(new ChannelCost(r.value1(), r.value2(), true, r.value3(), r.value4()));
            result.add(new ChannelCost(r.value1(), r.value2(), false, r.value5(), r.value6()));
        }
        return result;
    }

    private static Field<Long> filtered(Field<Long> field, Condition in) {
        return DSL.coalesce(sum(field).filterWhere(in).cast(SQLDataType.BIGINT), 0L);
    }

    /** The day itself, or the first day of its month. */
    private static Field<LocalDate> bucket(Field<LocalDate> day, boolean monthly) {
        return monthly ? DSL.field("cast(date_trunc('month', {0}) as date)", SQLDataType.LOCALDATE, day) : day;
    }

    /**
     * Outcomes of the counted traffic sent in each local weekday (1 = Monday) × hour of the range,
     * per channel, from the hourly rollup: at most 24 rows a day and a channel, never raw recipients.
     */
    public List<SendTimes.HourRow> sendTimes(long accountId, DateRange range, Collection<Channel> channels) {
        Field<Integer> weekday =
                DSL.field("cast(extract(isodow from {0}) as integer)", SQLDataType.INTEGER, STATS_HOURLY.DAY);
        Field<Integer> hour = STATS_HOURLY.HOUR.cast(SQLDataType.INTEGER);
        return db.select(
                        STATS_HOURLY.CHANNEL,
                        weekday,
                        hour,
                        total(STATS_HOURLY.SENT),
                        total(STATS_HOURLY.DELIVERED),
                        total(STATS_HOURLY.OPENED),
                        total(STATS_HOURLY.CLICKED))
                .from(STATS_HOURLY)
                .where(STATS_HOURLY.ACCOUNT_ID.eq(accountId))
                .and(STATS_HOURLY.DAY.between(range.first(), range.last()))
                .and(STATS_HOURLY.CHANNEL.in(channels))
                .groupBy(STATS_HOURLY.CHANNEL, weekday, hour)
                .fetch(Records.mapping(SendTimes.HourRow::new));
    }

    /**
     * Opt-ins gained and lost day by day (or month by month) of the range on the given channels, from
     * the consent rollup (local days of the changes); buckets without changes are absent.
     */
    public List<ConsentPoint> consentSeries(
            long accountId, DateRange range, Collection<Channel> channels, boolean monthly) {
        var c = CONSENT_DAILY;
        var bucket = bucket(c.DAY, monthly);
        return db.select(bucket, total(c.GAINED), total(c.LOST))
                .from(c)
                .where(c.ACCOUNT_ID.eq(accountId))
                .and(c.DAY.between(range.first(), range.last()))
                .and(c.CHANNEL.in(channels))
                .groupBy(bucket)
                .orderBy(bucket)
                .fetch(Records.mapping(ConsentPoint::new));
    }

    public OptInCounts optInCounts(long accountId) {
        var perChannel = new EnumMap<Channel, Long>(Channel.class);
        long any = 0;
        for (var row : db.select(OPTIN_COUNT.SCOPE, OPTIN_COUNT.CONTACTS)
                .from(OPTIN_COUNT)
                .where(OPTIN_COUNT.ACCOUNT_ID.eq(accountId))
                .fetch()) {
            if ("ANY".equals(row.value1())) {
                any = row.value2();
            } else {
                perChannel.put(Channel.valueOf(row.value1()), row.value2());
            }
        }
        return new OptInCounts(any, Map.copyOf(perChannel));
    }

    /**
     * Opted-in contacts per part of the channel overlap (on exactly which channels each is reachable,
     * today's consents), from the seven maintained counters; parts without contacts are left out.
     */
    public Map<OverlapPart, Long> overlap(long accountId) {
        var parts = new EnumMap<OverlapPart, Long>(OverlapPart.class);
        for (var row : db.select(OPTIN_OVERLAP.PART, OPTIN_OVERLAP.CONTACTS)
                .from(OPTIN_OVERLAP)
                .where(OPTIN_OVERLAP.ACCOUNT_ID.eq(accountId))
                .and(OPTIN_OVERLAP.CONTACTS.gt(0L))
                .fetch()) {
            OverlapPart.ofBits(row.value1()).ifPresent(part -> parts.put(part, row.value2()));
        }
        return parts;
    }

    public Optional<String> preference(long accountId, long userId, String key) {
        return db.select(USER_PREFERENCE.VALUE)
                .from(USER_PREFERENCE)
                .where(USER_PREFERENCE.ACCOUNT_ID.eq(accountId))
                .and(USER_PREFERENCE.USER_ID.eq(userId))
                .and(USER_PREFERENCE.PREF_KEY.eq(key))
                .fetchOptional(USER_PREFERENCE.VALUE);
    }

    public void savePreference(long accountId, long userId, String key, String value, OffsetDateTime at) {
        if (value.length() > MAX_PREFERENCE_LENGTH) {
            throw new IllegalArgumentException("Preference value too long");
        }
        db.insertInto(USER_PREFERENCE)
                .set(USER_PREFERENCE.ACCOUNT_ID, accountId)
                .set(USER_PREFERENCE.USER_ID, userId)
                .set(USER_PREFERENCE.PREF_KEY, key)
                .set(USER_PREFERENCE.VALUE, value)
                .set(USER_PREFERENCE.UPDATED_AT, at)
                .onConflict(USER_PREFERENCE.ACCOUNT_ID, USER_PREFERENCE.USER_ID, USER_PREFERENCE.PREF_KEY)
                .doUpdate()
                .set(USER_PREFERENCE.VALUE, value)
                .set(USER_PREFERENCE.UPDATED_AT, at)
                .execute();
    }

    /** The account's days from {@code first} to {@code last}; test messages are left out here, once, for every figure. */
    private static Condition days(long accountId, LocalDate first, LocalDate last) {
        return STATS_DAILY
                .ACCOUNT_ID
                .eq(accountId)
                .and(STATS_DAILY.DAY.between(first, last))
                .and(STATS_DAILY.TYPE.ne(MessageType.TEST));
    }

    private static Field<Long> total(Field<Long> field) {
        return DSL.coalesce(sum(field).cast(SQLDataType.BIGINT), 0L);
    }
}
