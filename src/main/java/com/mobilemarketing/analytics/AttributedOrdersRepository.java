package com.mobilemarketing.analytics;

import static com.mobilemarketing.db.Tables.ACCOUNT;
import static com.mobilemarketing.db.Tables.CONTACT;
import static com.mobilemarketing.db.Tables.MESSAGE_REVENUE;
import static com.mobilemarketing.db.Tables.ORDER_ATTRIBUTION;

import com.mobilemarketing.core.metrics.Revenue;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Records;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.springframework.stereotype.Repository;

/** The orders credited to one message: their totals from the rollup and the orders themselves. */
@Repository
public class AttributedOrdersRepository {

    /** The page lists at most this many orders, newest first; the CSV has them all. */
    public static final int PAGE_LIMIT = 200;

    private final DSLContext db;

    public AttributedOrdersRepository(DSLContext db) {
        this.db = db;
    }

    /** Orders, revenue and unconverted orders of the message, in the account's currency. */
    public Revenue revenue(MessageRef m) {
        var currency = db.select(ACCOUNT.CURRENCY)
                .from(ACCOUNT)
                .where(ACCOUNT.ID.eq(m.accountId()))
                .fetchSingle(ACCOUNT.CURRENCY);
        return db.select(MESSAGE_REVENUE.ORDERS, MESSAGE_REVENUE.REVENUE_MINOR, MESSAGE_REVENUE.UNCONVERTED)
                .from(MESSAGE_REVENUE)
                .where(MESSAGE_REVENUE.ACCOUNT_ID.eq(m.accountId()), MESSAGE_REVENUE.MESSAGE_ID.eq(m.messageId()))
                .fetchOptional(r -> new Revenue(r.value1(), r.value2(), r.value3(), currency))
                .orElse(Revenue.none(currency));
    }

    /**
     * Orders and revenue (minor units; unconverted orders without value) by whole hours from sending
     * to the order, per recipient: how the message's revenue came in after it was sent.
     */
    public record RevenueHour(int hour, long orders, long revenueMinor) {}

    public List<RevenueHour> revenueAfterSending(MessageRef m) {
        var a = ORDER_ATTRIBUTION;
        Field<Integer> hour = DSL.field(
                "greatest(0, floor(extract(epoch from ({0} - {1})) / 3600))::integer",
                SQLDataType.INTEGER, a.PLACED_AT, a.SENT_AT);
        return db.select(
                        hour,
                        DSL.count().cast(SQLDataType.BIGINT),
                        DSL.coalesce(DSL.sum(a.REVENUE_MINOR).cast(SQLDataType.BIGINT), 0L))
                .from(a)
                .where(a.ACCOUNT_ID.eq(m.accountId()), a.MESSAGE_ID.eq(m.messageId()))
                .groupBy(hour)
                .orderBy(hour)
                .fetch(Records.mapping(RevenueHour::new));
    }

    /** The credited orders, newest first, at most {@code limit}. */
    public List<AttributedOrder> orders(MessageRef m, int limit) {
        var a = ORDER_ATTRIBUTION;
        return db.select(
                        a.ORDER_ID,
                        a.CONTACT_ID,
                        CONTACT.FIRST_NAME.concat(" ").concat(CONTACT.LAST_NAME),
                        CONTACT.PHONE,
                        a.PLACED_AT,
                        a.SENT_AT,
                        a.TOUCH,
                        a.TOUCH_AT,
                        a.VALUE,
                        a.CURRENCY,
                        a.REVENUE_MINOR)
                .from(a)
                .join(CONTACT)
                .on(CONTACT.ACCOUNT_ID.eq(a.ACCOUNT_ID), CONTACT.ID.eq(a.CONTACT_ID))
                .where(a.ACCOUNT_ID.eq(m.accountId()), a.MESSAGE_ID.eq(m.messageId()))
                .orderBy(a.PLACED_AT.desc(), a.ORDER_ID)
                .limit(limit)
                .fetch(Records.mapping(AttributedOrder::new));
    }
}
