package com.mobilemarketing.bench;

import static com.mobilemarketing.db.Tables.APP_USER;
import static com.mobilemarketing.db.Tables.CLICK_EVENT;
import static com.mobilemarketing.db.Tables.CONTACT;
import static com.mobilemarketing.db.Tables.MESSAGE;
import static com.mobilemarketing.db.Tables.MESSAGE_LINK;
import static com.mobilemarketing.db.Tables.MESSAGE_RECIPIENT;
import static com.mobilemarketing.db.Tables.MESSAGE_STATS;
import static com.mobilemarketing.db.Tables.OPTIN_COUNT;
import static com.mobilemarketing.db.Tables.STATS_DAILY;
import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.sum;

import com.mobilemarketing.analytics.WhoList;
import com.mobilemarketing.core.time.DateRange;
import com.mobilemarketing.db.enums.Channel;
import com.mobilemarketing.db.enums.MessageType;
import java.util.List;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.SortField;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;

/**
 * The queries a screen needs, written the way the style guide asks (typed jOOQ, account filter,
 * counters instead of raw rows, keyset for "Who?"), for screens whose repository is not there yet.
 * The benchmark prefers the feature's own repository when it exists.
 */
final class StandInQueries {

    static final int PAGE = 50;
    private final DSLContext db;

    StandInQueries(DSLContext db) {
        this.db = db;
    }

    /** Opt-in contacts of one source (null = all channels). */
    long optIn(long account, @Nullable Channel channel) {
        return db.select(OPTIN_COUNT.CONTACTS)
                .from(OPTIN_COUNT)
                .where(OPTIN_COUNT.ACCOUNT_ID.eq(account))
                .and(OPTIN_COUNT.SCOPE.eq(channel == null ? "ANY" : channel.getLiteral()))
                .fetchOptional(OPTIN_COUNT.CONTACTS)
                .orElse(0L);
    }

    /** Totals per channel and the day-by-day series of one source and range, from the daily rollup. */
    List<?> statsPanel(long account, @Nullable Channel channel, DateRange range) {
        Condition where = STATS_DAILY.ACCOUNT_ID.eq(account)
                .and(STATS_DAILY.DAY.between(range.first(), range.last()))
                .and(STATS_DAILY.COUNTED)
                .and(STATS_DAILY.TYPE.ne(MessageType.TEST));
        if (channel != null) {
            where = where.and(STATS_DAILY.CHANNEL.eq(channel));
        }
        var totals = db.select(STATS_DAILY.CHANNEL, sum(STATS_DAILY.SENT), sum(STATS_DAILY.DELIVERED),
                        sum(STATS_DAILY.OPENED), sum(STATS_DAILY.CLICKED), sum(STATS_DAILY.FAILED))
                .from(STATS_DAILY).where(where).groupBy(STATS_DAILY.CHANNEL).fetch();
        var series = db.select(STATS_DAILY.DAY, STATS_DAILY.CHANNEL, sum(STATS_DAILY.SENT),
                        sum(STATS_DAILY.DELIVERED), sum(STATS_DAILY.OPENED), sum(STATS_DAILY.CLICKED))
                .from(STATS_DAILY).where(where)
                .groupBy(STATS_DAILY.DAY, STATS_DAILY.CHANNEL)
                .orderBy(STATS_DAILY.DAY, STATS_DAILY.CHANNEL)
                .fetch();
        return List.of(totals, series);
    }

    enum GridSort { SENT_DATE, NAME, OWNER, SENT, DELIVERED, OPENED, UNDELIVERED, CHANNEL }

    private static Condition gridCondition(long account, MessageType type, @Nullable String search) {
        var where = MESSAGE.ACCOUNT_ID.eq(account).and(MESSAGE.TYPE.eq(type));
        if (search != null) {
            var folded = DSL.function("fold_text", String.class, DSL.val(search));
            where = where.and(MESSAGE.NAME_SEARCH.like(DSL.concat(DSL.inline("%"), folded, DSL.inline("%"))));
        }
        return where;
    }

    /** One page of the message list and the list's count, from one shared condition. */
    List<?> gridPage(long account, MessageType type, @Nullable String search, GridSort sort, int offset) {
        SortField<?> first = switch (sort) {
            case SENT_DATE -> coalesce(MESSAGE.SENT_AT, MESSAGE.SCHEDULED_AT).desc();
            case NAME -> MESSAGE.NAME.asc();
            case OWNER -> APP_USER.FULL_NAME.asc();
            case SENT -> MESSAGE_STATS.SENT.desc().nullsLast();
            case DELIVERED -> MESSAGE_STATS.DELIVERED.desc().nullsLast();
            case OPENED -> MESSAGE_STATS.OPENED.desc().nullsLast();
            case UNDELIVERED -> MESSAGE_STATS.FAILED.desc().nullsLast();
            case CHANNEL -> MESSAGE.CHANNEL.asc();
        };
        return db.select(MESSAGE.ID, MESSAGE.NAME, APP_USER.FULL_NAME, MESSAGE.CHANNEL, MESSAGE.STATE,
                        MESSAGE.SENT_AT, MESSAGE.SCHEDULED_AT, MESSAGE_STATS.SENT, MESSAGE_STATS.DELIVERED,
                        MESSAGE_STATS.OPENED, MESSAGE_STATS.FAILED)
                .from(MESSAGE)
                .join(APP_USER).on(APP_USER.ID.eq(MESSAGE.OWNER_ID))
                .leftJoin(MESSAGE_STATS).on(MESSAGE_STATS.ACCOUNT_ID.eq(MESSAGE.ACCOUNT_ID)
                        .and(MESSAGE_STATS.MESSAGE_ID.eq(MESSAGE.ID)))
                .where(gridCondition(account, type, search))
                .orderBy(first, MESSAGE.ID.desc())
                .offset(offset)
                .limit(PAGE)
                .fetch()
                ;
    }

    int gridCount(long account, MessageType type, @Nullable String search) {
        return db.fetchCount(MESSAGE, gridCondition(account, type, search));
    }

    private static Condition whoCondition(long account, long message, WhoList list) {
        var r = MESSAGE_RECIPIENT;
        var where = r.ACCOUNT_ID.eq(account).and(r.MESSAGE_ID.eq(message));
        return switch (list) {
            case SENT -> where.and(r.SENT_AT.isNotNull());
            case DELIVERED -> where.and(r.DELIVERED_AT.isNotNull());
            case OPENED -> where.and(r.OPENED_AT.isNotNull());
            case CLICKED -> where.and(r.CLICKED_AT.isNotNull());
            case UNDELIVERED -> where.and(r.FAILED_AT.isNotNull()).and(r.DELIVERED_AT.isNull());
        };
    }

    /**
     * A "Who?" page at an offset: the keys come from an index-only scan of the list's (partial)
     * index, then only the page's rows are joined to contacts.
     */
    List<?> whoPage(long account, long message, WhoList list, int offset) {
        var keys = db.select(MESSAGE_RECIPIENT.CONTACT_ID)
                .from(MESSAGE_RECIPIENT)
                .where(whoCondition(account, message, list))
                .orderBy(MESSAGE_RECIPIENT.CONTACT_ID)
                .offset(offset)
                .limit(PAGE)
                .asTable("k");
        var keyId = keys.field(MESSAGE_RECIPIENT.CONTACT_ID);
        return whoRows(account, message, keys, keyId);
    }

    /** The next "Who?" page after a known last key: what scrolling on from a page costs. */
    List<?> whoPageAfter(long account, long message, WhoList list, long lastContactId) {
        var keys = db.select(MESSAGE_RECIPIENT.CONTACT_ID)
                .from(MESSAGE_RECIPIENT)
                .where(whoCondition(account, message, list))
                .and(MESSAGE_RECIPIENT.CONTACT_ID.gt(lastContactId))
                .orderBy(MESSAGE_RECIPIENT.CONTACT_ID)
                .limit(PAGE)
                .asTable("k");
        var keyId = keys.field(MESSAGE_RECIPIENT.CONTACT_ID);
        return whoRows(account, message, keys, keyId);
    }

    private List<?> whoRows(long account, long message, org.jooq.Table<?> keys, org.jooq.Field<Long> keyId) {
        var r = MESSAGE_RECIPIENT;
        return db.select(CONTACT.ID, CONTACT.FIRST_NAME, CONTACT.LAST_NAME, CONTACT.PHONE, r.SENT_AT,
                        r.DELIVERED_AT, r.OPENED_AT, r.CLICKED_AT, r.FAILED_AT, r.ERROR_CODE)
                .from(keys)
                .join(r).on(r.ACCOUNT_ID.eq(account).and(r.MESSAGE_ID.eq(message)).and(r.CONTACT_ID.eq(keyId)))
                .join(CONTACT).on(CONTACT.ACCOUNT_ID.eq(account).and(CONTACT.ID.eq(keyId)))
                .orderBy(keyId)
                .fetch()
                ;
    }

    /** The size of a "Who?" list comes from the message's counters, never from counting rows. */
    long whoCount(long account, long message, WhoList list) {
        var s = MESSAGE_STATS;
        var field = switch (list) {
            case SENT -> s.SENT;
            case DELIVERED -> s.DELIVERED;
            case OPENED -> s.OPENED;
            case CLICKED -> s.CLICKED;
            case UNDELIVERED -> s.FAILED;
        };
        return db.select(field).from(s).where(s.ACCOUNT_ID.eq(account).and(s.MESSAGE_ID.eq(message)))
                .fetchOptional(field).orElse(0L);
    }

    /** The analytics page of one message: settings and funnel, clicks per link, undelivered by reason. */
    List<?> analytics(long account, long message) {
        var head = db.select(MESSAGE.fields()).select(MESSAGE_STATS.fields())
                .from(MESSAGE)
                .leftJoin(MESSAGE_STATS).on(MESSAGE_STATS.ACCOUNT_ID.eq(MESSAGE.ACCOUNT_ID)
                        .and(MESSAGE_STATS.MESSAGE_ID.eq(MESSAGE.ID)))
                .where(MESSAGE.ACCOUNT_ID.eq(account).and(MESSAGE.ID.eq(message)))
                .fetch();
        var links = db.select(MESSAGE_LINK.LINK_NO, MESSAGE_LINK.URL, count(CLICK_EVENT.ID))
                .from(MESSAGE_LINK)
                .leftJoin(CLICK_EVENT).on(CLICK_EVENT.ACCOUNT_ID.eq(MESSAGE_LINK.ACCOUNT_ID)
                        .and(CLICK_EVENT.MESSAGE_ID.eq(MESSAGE_LINK.MESSAGE_ID))
                        .and(CLICK_EVENT.LINK_NO.eq(MESSAGE_LINK.LINK_NO)))
                .where(MESSAGE_LINK.ACCOUNT_ID.eq(account).and(MESSAGE_LINK.MESSAGE_ID.eq(message)))
                .groupBy(MESSAGE_LINK.LINK_NO, MESSAGE_LINK.URL)
                .orderBy(MESSAGE_LINK.LINK_NO)
                .fetch();
        var reasons = db.select(MESSAGE_RECIPIENT.ERROR_CODE, MESSAGE_RECIPIENT.ERROR_PERMANENT, count())
                .from(MESSAGE_RECIPIENT)
                .where(whoCondition(account, message, WhoList.UNDELIVERED))
                .groupBy(MESSAGE_RECIPIENT.ERROR_CODE, MESSAGE_RECIPIENT.ERROR_PERMANENT)
                .fetch();
        return List.of(head, links, reasons);
    }
}
