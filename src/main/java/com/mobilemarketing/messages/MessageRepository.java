package com.mobilemarketing.messages;

import static com.mobilemarketing.db.Tables.ACCOUNT;
import static com.mobilemarketing.db.Tables.APP_USER;
import static com.mobilemarketing.db.Tables.MESSAGE;
import static com.mobilemarketing.db.Tables.MESSAGE_COST;
import static com.mobilemarketing.db.Tables.MESSAGE_OPT_OUT;
import static com.mobilemarketing.db.Tables.MESSAGE_REVENUE;
import static com.mobilemarketing.db.Tables.MESSAGE_STATS;
import static com.mobilemarketing.db.Tables.SMS_GATEWAY;
import static org.jooq.impl.DSL.castNull;
import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.noCondition;
import static org.jooq.impl.DSL.nullif;
import static org.jooq.impl.DSL.val;
import static org.jooq.impl.DSL.when;

import com.mobilemarketing.core.columns.MessageColumn;
import com.mobilemarketing.core.columns.MessageRow;
import com.mobilemarketing.core.db.MessageTables;
import com.mobilemarketing.core.metrics.Measurability;
import com.mobilemarketing.db.Routines;
import com.mobilemarketing.db.enums.MessageState;
import com.mobilemarketing.db.enums.MessageType;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SelectLimitStep;
import org.jooq.SortField;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.springframework.stereotype.Repository;

/**
 * The message list: one query per grid page with the counters of the per-message rollup (never a
 * count of recipient rows), a count and per-type counts from the same condition.
 */
@Repository
public class MessageRepository {

    /** Newest first: the expression of the {@code message_list} index (the stored {@code list_time}, V188, is the same time). */
    static final Field<OffsetDateTime> LIST_TIME = coalesce(MESSAGE.SENT_AT, MESSAGE.SCHEDULED_AT);

    private static final Field<Long> SENT = coalesce(MESSAGE_STATS.SENT, 0L);
    private static final Field<Long> DELIVERED = coalesce(MESSAGE_STATS.DELIVERED, 0L);
    private static final Field<Long> OPENED = coalesce(MESSAGE_STATS.OPENED, 0L);
    private static final Field<Long> CLICKED = coalesce(MESSAGE_STATS.CLICKED, 0L);
    private static final Field<Long> UNDELIVERED = coalesce(MESSAGE_STATS.FAILED, 0L);
    private static final Field<Long> ORDERS = coalesce(MESSAGE_REVENUE.ORDERS, 0L);
    private static final Field<Long> REVENUE = coalesce(MESSAGE_REVENUE.REVENUE_MINOR, 0L);
    private static final Field<Long> UNCONVERTED = coalesce(MESSAGE_REVENUE.UNCONVERTED, 0L);
    private static final Field<Long> COST = coalesce(MESSAGE_COST.COST_MICROS, 0L);
    private static final Field<Long> UNPRICED = coalesce(MESSAGE_COST.UNPRICED, 0L);
    private static final Field<Long> OPT_OUTS = coalesce(MESSAGE_OPT_OUT.OPT_OUTS, 0L);

    // Rates as every screen shows them (Metric): delivered of sent, opened of delivered, clicked of
    // delivered; null, sorted last, where the channel or gateway does not report the outcome
    // (Measurability) or there is no base.
    private static final Condition DELIVERY_REPORTED =
            Measurability.deliveryReported(MESSAGE.CHANNEL, SMS_GATEWAY.SUPPORTS_CALLBACKS);
    private static final Field<BigDecimal> DELIVERY_RATE = when(
                    DELIVERY_REPORTED,
                    MESSAGE_STATS.DELIVERED.cast(SQLDataType.NUMERIC).div(nullif(MESSAGE_STATS.SENT, 0L)))
            .otherwise(castNull(SQLDataType.NUMERIC));
    private static final Field<BigDecimal> OPEN_RATE = when(
                    Measurability.opensReported(MESSAGE.CHANNEL).and(DELIVERY_REPORTED),
                    MESSAGE_STATS.OPENED.cast(SQLDataType.NUMERIC).div(nullif(MESSAGE_STATS.DELIVERED, 0L)))
            .otherwise(castNull(SQLDataType.NUMERIC));
    private static final Field<BigDecimal> CLICK_RATE = when(
                    DELIVERY_REPORTED,
                    MESSAGE_STATS.CLICKED.cast(SQLDataType.NUMERIC).div(nullif(MESSAGE_STATS.DELIVERED, 0L)))
            .otherwise(castNull(SQLDataType.NUMERIC));

    // Order figures as Metric defines them: per delivered where delivery is reported, per order with a value.
    private static final Field<BigDecimal> CONVERSION_RATE = when(
                    DELIVERY_REPORTED, ORDERS.cast(SQLDataType.NUMERIC).div(nullif(MESSAGE_STATS.DELIVERED, 0L)))
            .otherwise(castNull(SQLDataType.NUMERIC));
    private static final Field<BigDecimal> REVENUE_PER_RECIPIENT = when(
                    DELIVERY_REPORTED, REVENUE.cast(SQLDataType.NUMERIC).div(nullif(MESSAGE_STATS.DELIVERED, 0L)))
            .otherwise(castNull(SQLDataType.NUMERIC));
    private static final Field<BigDecimal> AVERAGE_ORDER_VALUE =
            REVENUE.cast(SQLDataType.NUMERIC).div(nullif(ORDERS.minus(UNCONVERTED), 0L));

    // Cost figures as Metric defines them: unknown (null, sorted last) while a recipient has no price.
    private static final Condition PRICED = UNPRICED.eq(0L);
    private static final Field<BigDecimal> COST_PER_DELIVERED = when(
                    PRICED.and(DELIVERY_REPORTED),
                    COST.cast(SQLDataType.NUMERIC).div(nullif(MESSAGE_STATS.DELIVERED, 0L)))
            .otherwise(castNull(SQLDataType.NUMERIC));
    private static final Field<BigDecimal> COST_PER_READ = when(
                    PRICED.and(Measurability.opensReported(MESSAGE.CHANNEL)).and(DELIVERY_REPORTED),
                    COST.cast(SQLDataType.NUMERIC).div(nullif(MESSAGE_STATS.OPENED, 0L)))
            .otherwise(castNull(SQLDataType.NUMERIC));
    private static final Field<BigDecimal> COST_PER_CLICK = when(
                    PRICED, COST.cast(SQLDataType.NUMERIC).div(nullif(MESSAGE_STATS.CLICKED, 0L)))
            .otherwise(castNull(SQLDataType.NUMERIC));
    private static final Field<BigDecimal> COST_PER_ORDER = when(
                    PRICED, COST.cast(SQLDataType.NUMERIC).div(nullif(ORDERS, 0L)))
            .otherwise(castNull(SQLDataType.NUMERIC));
    // Revenue over cost; one currency per account, so the units' fixed ratio does not change the order.
    private static final Field<BigDecimal> RETURN = when(
                    PRICED, REVENUE.cast(SQLDataType.NUMERIC).div(nullif(COST, 0L)))
            .otherwise(castNull(SQLDataType.NUMERIC));
    private static final Field<BigDecimal> OPT_OUT_RATE = when(
                    DELIVERY_REPORTED, OPT_OUTS.cast(SQLDataType.NUMERIC).div(nullif(MESSAGE_STATS.DELIVERED, 0L)))
            .otherwise(castNull(SQLDataType.NUMERIC));
    private static final Field<Long> PRICED_COST = when(PRICED, COST).otherwise(castNull(SQLDataType.BIGINT));

    /** Sortable columns; everything else is refused. The id always ends the order. */
    private static final Map<String, Field<?>> SORTABLE = Map.ofEntries(
            Map.entry(MessageColumn.NAME.key(), MESSAGE.NAME_SEARCH),
            Map.entry(MessageColumn.OWNER.key(), APP_USER.FULL_NAME),
            Map.entry(MessageColumn.SENT.key(), SENT),
            Map.entry(MessageColumn.SENT_DATE.key(), LIST_TIME),
            Map.entry(MessageColumn.DELIVERED.key(), DELIVERED),
            Map.entry(MessageColumn.OPENED.key(), OPENED),
            Map.entry(MessageColumn.UNDELIVERED.key(), UNDELIVERED),
            Map.entry(MessageColumn.CHANNEL.key(), MESSAGE.CHANNEL),
            Map.entry(MessageColumn.CLICKED.key(), CLICKED),
            Map.entry(MessageColumn.DELIVERY_RATE.key(), DELIVERY_RATE),
            Map.entry(MessageColumn.OPEN_RATE.key(), OPEN_RATE),
            Map.entry(MessageColumn.CLICK_RATE.key(), CLICK_RATE),
            Map.entry(MessageColumn.GATEWAY.key(), SMS_GATEWAY.NAME),
            Map.entry(MessageColumn.SCHEDULED_DATE.key(), MESSAGE.SCHEDULED_AT),
            Map.entry(MessageColumn.STATE.key(), MESSAGE.STATE),
            Map.entry(MessageColumn.ORDERS.key(), ORDERS),
            Map.entry(MessageColumn.REVENUE.key(), REVENUE),
            Map.entry(MessageColumn.REVENUE_PER_RECIPIENT.key(), REVENUE_PER_RECIPIENT),
            Map.entry(MessageColumn.CONVERSION_RATE.key(), CONVERSION_RATE),
            Map.entry(MessageColumn.AVERAGE_ORDER_VALUE.key(), AVERAGE_ORDER_VALUE),
            Map.entry(MessageColumn.COST.key(), PRICED_COST),
            Map.entry(MessageColumn.COST_PER_DELIVERED.key(), COST_PER_DELIVERED),
            Map.entry(MessageColumn.COST_PER_READ.key(), COST_PER_READ),
            Map.entry(MessageColumn.COST_PER_CLICK.key(), COST_PER_CLICK),
            Map.entry(MessageColumn.COST_PER_ORDER.key(), COST_PER_ORDER),
            Map.entry(MessageColumn.RETURN.key(), RETURN),
            Map.entry(MessageColumn.OPT_OUTS.key(), OPT_OUTS),
            Map.entry(MessageColumn.OPT_OUT_RATE.key(), OPT_OUT_RATE));

    /** The sortable columns of the message row itself. */
    private static final Set<String> OWN_ORDER = Set.of(
            MessageColumn.NAME.key(),
            MessageColumn.SENT_DATE.key(),
            MessageColumn.CHANNEL.key(),
            MessageColumn.SCHEDULED_DATE.key(),
            MessageColumn.STATE.key());

    private final DSLContext db;

    public MessageRepository(DSLContext db) {
        this.db = db;
    }

    public static boolean isSortable(String column) {
        return SORTABLE.containsKey(column);
    }

    /** One page of the list; {@code sort} empty means newest first. */
    public List<MessageRow> fetch(MessageFilter filter, int offset, int limit, List<SortKey> sort) {
        var order = orderBy(sort);
        if (sort.stream().allMatch(key -> OWN_ORDER.contains(key.column()))) {
            // An order of the message's own columns: the page's messages are picked from the message
            // table alone, and only they get their figures joined, not every message a short search
            // matches (a 2-letter search at the L tier: thousands of rows joined, sorted, 40 kept).
            var page = DSL.select(MESSAGE.ACCOUNT_ID, MESSAGE.ID)
                    .from(MESSAGE)
                    .where(condition(filter))
                    .orderBy(order)
                    .offset(offset)
                    .limit(limit)
                    .asTable("page");
            return select(MessageTables.withAccountOwnerAndGateway(page), noCondition(), order)
                    .fetchInto(MessageRow.class);
        }
        return select(MessageTables.withAccountOwnerAndGateway(), condition(filter), order)
                .offset(offset)
                .limit(limit)
                .fetchInto(MessageRow.class);
    }

    /** The list's row of every message of {@code messages} that meets {@code where}, in {@code order}. */
    private SelectLimitStep<Record> select(Table<?> messages, Condition where, List<SortField<?>> order) {
        // More fields than jOOQ types a record with: mapped by position onto the row's constructor.
        return db.select(
                        MESSAGE.ID,
                        MESSAGE.NAME,
                        MESSAGE.TYPE,
                        MESSAGE.STATE,
                        MESSAGE.CHANNEL,
                        SMS_GATEWAY.NAME,
                        SMS_GATEWAY.SUPPORTS_CALLBACKS,
                        MESSAGE.OWNER_ID,
                        APP_USER.FULL_NAME,
                        MESSAGE.SCHEDULED_AT,
                        MESSAGE.SENT_AT,
                        SENT,
                        DELIVERED,
                        OPENED,
                        CLICKED,
                        UNDELIVERED,
                        ORDERS,
                        REVENUE,
                        UNCONVERTED,
                        COST,
                        UNPRICED,
                        ACCOUNT.CURRENCY,
                        OPT_OUTS)
                .from(messages)
                .leftJoin(MESSAGE_STATS)
                .on(MESSAGE_STATS.ACCOUNT_ID.eq(MESSAGE.ACCOUNT_ID).and(MESSAGE_STATS.MESSAGE_ID.eq(MESSAGE.ID)))
                .leftJoin(MESSAGE_REVENUE)
                .on(MESSAGE_REVENUE.ACCOUNT_ID.eq(MESSAGE.ACCOUNT_ID).and(MESSAGE_REVENUE.MESSAGE_ID.eq(MESSAGE.ID)))
                .leftJoin(MESSAGE_COST)
                .on(MESSAGE_COST.ACCOUNT_ID.eq(MESSAGE.ACCOUNT_ID).and(MESSAGE_COST.MESSAGE_ID.eq(MESSAGE.ID)))
                .leftJoin(MESSAGE_OPT_OUT)
                .on(MESSAGE_OPT_OUT.ACCOUNT_ID.eq(MESSAGE.ACCOUNT_ID).and(MESSAGE_OPT_OUT.MESSAGE_ID.eq(MESSAGE.ID)))
                .where(where)
                .orderBy(order);
    }

    public int count(MessageFilter filter) {
        return db.fetchCount(MESSAGE, condition(filter));
    }

    /**
     * Messages per tab under the same owner, scheduled and search filters (the filter's own type is
     * ignored): one grouped count, tabs without messages get 0.
     */
    public Map<MessageType, Integer> countByType(MessageFilter filter) {
        var counts = new EnumMap<MessageType, Integer>(MessageType.class);
        for (var type : MessageType.values()) {
            counts.put(type, 0);
        }
        db.select(MESSAGE.TYPE, DSL.count())
                .from(MESSAGE)
                .where(filterCondition(filter))
                .groupBy(MESSAGE.TYPE)
                .forEach(r -> counts.put(r.value1(), r.value2()));
        return counts;
    }

    /** Whether the account has this message (ids of other accounts do not exist for it). */
    public boolean exists(long accountId, long messageId) {
        return db.fetchExists(MESSAGE, MESSAGE.ACCOUNT_ID.eq(accountId).and(MESSAGE.ID.eq(messageId)));
    }

    /** The shared condition of page and count. */
    static Condition condition(MessageFilter filter) {
        return filterCondition(filter).and(MESSAGE.TYPE.eq(filter.type()));
    }

    private static Condition filterCondition(MessageFilter filter) {
        var condition = MESSAGE.ACCOUNT_ID.eq(filter.accountId());
        if (filter.ownerId() != null) {
            condition = condition.and(MESSAGE.OWNER_ID.eq(filter.ownerId()));
        }
        if (filter.scheduledOnly()) {
            // Test messages are never scheduled: the filter does not apply on their tab.
            condition = condition.and(MESSAGE.STATE.eq(MessageState.SCHEDULED).or(MESSAGE.TYPE.eq(MessageType.TEST)));
        }
        condition = condition.and(searchCondition(filter.search()));
        return condition;
    }

    /**
     * Name contains the text, folded the same way as the stored {@code name_search} (lower case,
     * Polish letters without diacritics). The fragment is escaped, so % and _ match themselves; from
     * three letters on the trigram index serves it, shorter fragments scan the account's messages
     * of the tab through the list index.
     */
    private static Condition searchCondition(String search) {
        if (search == null) {
            return noCondition();
        }
        return MESSAGE.NAME_SEARCH.contains(Routines.foldText(val(search)));
    }

    private static List<SortField<?>> orderBy(List<SortKey> sort) {
        var fields = new ArrayList<SortField<?>>();
        for (var key : sort) {
            var field = SORTABLE.get(key.column());
            if (field == null) {
                throw new IllegalArgumentException("Not a sortable column: " + key.column());
            }
            if (field == LIST_TIME) {
                // Plain asc/desc so that the message_list index serves the order.
                fields.add(key.ascending() ? LIST_TIME.asc() : LIST_TIME.desc());
            } else {
                fields.add(
                        key.ascending() ? field.asc().nullsLast() : field.desc().nullsLast());
            }
        }
        if (fields.isEmpty()) {
            fields.add(LIST_TIME.desc());
            fields.add(MESSAGE.ID.desc());
        } else {
            fields.add(sort.getFirst().ascending() ? MESSAGE.ID.asc() : MESSAGE.ID.desc());
        }
        return fields;
    }
}
