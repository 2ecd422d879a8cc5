package com.mobilemarketing.analytics;

import static com.mobilemarketing.db.Tables.CONSENT_CHANGE;
import static com.mobilemarketing.db.Tables.CONTACT;
import static com.mobilemarketing.db.Tables.CONTACT_CONSENT;
import static com.mobilemarketing.db.Tables.MESSAGE_FAILURE_STATS;
import static com.mobilemarketing.db.Tables.MESSAGE_LINK_CLICKER;
import static com.mobilemarketing.db.Tables.MESSAGE_LINK_STATS;
import static com.mobilemarketing.db.Tables.MESSAGE_RECIPIENT;
import static com.mobilemarketing.db.Tables.ORDER_ATTRIBUTION;
import static org.jooq.impl.DSL.any;
import static org.jooq.impl.DSL.array;
import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.noCondition;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.selectOne;
import static org.jooq.impl.DSL.sum;

import com.mobilemarketing.core.db.BinaryCopyRows;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.function.Consumer;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record13;
import org.jooq.Records;
import org.jooq.SelectConditionStep;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Repository;

/**
 * The recipient lists of one message ("Who?"): a page by key on contact_id, a stream for the CSV, a
 * count of a searched list, and each list's size from the counters the page shows. The lists share
 * one source query, so a list and its count select the same rows. Every query names its account: RLS
 * is the second line, not the first.
 */
@Repository
public class RecipientListRepository {

    /** Lists other than a link's clickers and the credited orders' contacts have no event of their own. */
    private static final Field<OffsetDateTime> NO_LIST_EVENT = inline(null, OffsetDateTime.class);

    private final DSLContext db;
    private final AnalyticsRepository counters;

    public RecipientListRepository(DSLContext db, AnalyticsRepository counters) {
        this.db = db;
        this.counters = counters;
    }

    /** The rows a list draws from, the key it pages by and the condition that selects them. */
    private record Source(Table<?> table, Field<Long> key, Condition condition, boolean joinsContact) {}

    private Source source(MessageRef m, RecipientFilter filter) {
        var r = MESSAGE_RECIPIENT;
        Table<?> table = r;
        Field<Long> key = r.CONTACT_ID;
        Condition condition = r.ACCOUNT_ID.eq(m.accountId()).and(r.MESSAGE_ID.eq(m.messageId()));
        if (filter.linkNo() != null) {
            // The clickers of a link drive the scan, so a link with few clickers pages cheaply.
            var k = MESSAGE_LINK_CLICKER;
            table = k.join(r)
                    .on(r.ACCOUNT_ID.eq(k.ACCOUNT_ID), r.MESSAGE_ID.eq(k.MESSAGE_ID), r.CONTACT_ID.eq(k.CONTACT_ID));
            key = k.CONTACT_ID;
            condition = k.ACCOUNT_ID
                    .eq(m.accountId())
                    .and(k.MESSAGE_ID.eq(m.messageId()))
                    .and(k.LINK_NO.eq(filter.linkNo()))
                    .and(k.CLICKS.gt(0L))
                    .and(r.ACCOUNT_ID.eq(m.accountId()));
        }
        if (filter.credited()) {
            condition = condition.and(DSL.exists(selectOne()
                    .from(ORDER_ATTRIBUTION)
                    .where(
                            ORDER_ATTRIBUTION.ACCOUNT_ID.eq(m.accountId()),
                            ORDER_ATTRIBUTION.MESSAGE_ID.eq(m.messageId()),
                            ORDER_ATTRIBUTION.CONTACT_ID.eq(r.CONTACT_ID))));
        }
        if (filter.optedOut()) {
            condition =
                    condition.and(DSL.exists(selectOne().from(CONSENT_CHANGE).where(optOutOf(m, r.CONTACT_ID))));
        }
        if (filter.list() != null) {
            condition = condition.and(
                    switch (filter.list()) {
                        case SENT -> r.SENT_AT.isNotNull();
                        case DELIVERED -> r.DELIVERED_AT.isNotNull();
                        case OPENED -> r.OPENED_AT.isNotNull();
                        case CLICKED -> r.CLICKED_AT.isNotNull();
                        case UNDELIVERED -> r.FAILED_AT.isNotNull().and(r.DELIVERED_AT.isNull());
                    });
        }
        if (filter.errorCode() != null) {
            condition = condition.and(coalesce(r.ERROR_CODE, inline("")).eq(filter.errorCode()));
        }
        if (filter.permanent() != null) {
            condition = condition.and(coalesce(r.ERROR_PERMANENT, inline(false)).eq(filter.permanent()));
        }
        var search = filter.search();
        if (search != null) { // RecipientFilter refuses a longer one than MAX_SEARCH_LENGTH
            table = table.join(CONTACT).on(CONTACT.ACCOUNT_ID.eq(r.ACCOUNT_ID), CONTACT.ID.eq(r.CONTACT_ID));
            condition = condition
                    .and(CONTACT.ACCOUNT_ID.eq(m.accountId()))
                    .and(CONTACT.SEARCH_TEXT.contains(TextFold.fold(search)));
        }
        return new Source(table, key, condition, search != null);
    }

    /**
     * One page of a recipient list in contact order. With {@code afterKey} (the last contact id of
     * the previous page) the page starts right behind it; without one but with {@code skip} > 0 the
     * start key is found by an offset scan over the key alone (index-only where a partial index
     * exists), in the same statement.
     */
    public List<RecipientRow> findRecipients(
            MessageRef m, RecipientFilter filter, @Nullable Long afterKey, int skip, int limit) {
        var source = source(m, filter);
        Condition start = noCondition();
        if (afterKey != null) {
            start = source.key().gt(afterKey);
        } else if (skip > 0) {
            start = source.key()
                    .gt(field(select(source.key())
                            .from(source.table())
                            .where(source.condition())
                            .orderBy(source.key())
                            .limit(skip - 1, 1)));
        }
        // Keys first: the page's keys come from the recipient index alone, then only those rows are
        // joined with contacts and consents (otherwise the planner may merge-join every contact of
        // the account up to the message's first recipient).
        var pageKeys = array(select(source.key())
                .from(source.table())
                .where(source.condition())
                .and(start)
                .orderBy(source.key())
                .limit(limit));
        return recipientQuery(db, m, filter, source, source.key().eq(any(pageKeys)))
                .orderBy(source.key())
                .limit(limit)
                .fetch(Records.mapping(RecipientRow::new));
    }

    /**
     * Streams every recipient of the list, never a list in memory: a binary copy of the select read in
     * place by position (fixed by {@link #recipientQuery}), which spares the server formatting five
     * timestamps a row as text and the driver parsing them back, and a jOOQ record per row.
     */
    public void streamRecipients(MessageRef m, RecipientFilter filter, Consumer<RecipientRow> sink) {
        db.transaction(trx -> {
            var tx = trx.dsl();
            var source = source(m, filter);
            var select = tx.renderInlined(
                    recipientQuery(tx, m, filter, source, noCondition()).orderBy(source.key()));
            tx.connection(connection -> BinaryCopyRows.forEach(
                    connection,
                    select,
                    row -> sink.accept(new RecipientRow(
                            row.int8(0),
                            row.text(1),
                            row.text(2),
                            row.text(3),
                            row.bool(4),
                            row.timestamptz(5),
                            row.timestamptz(6),
                            row.timestamptz(7),
                            row.timestamptz(8),
                            row.timestamptz(9),
                            row.text(10),
                            row.bool(11),
                            row.timestamptz(12)))));
        });
    }

    private SelectConditionStep<
                    Record13<
                            Long,
                            String,
                            String,
                            String,
                            Boolean,
                            OffsetDateTime,
                            OffsetDateTime,
                            OffsetDateTime,
                            OffsetDateTime,
                            OffsetDateTime,
                            String,
                            Boolean,
                            OffsetDateTime>>
            recipientQuery(DSLContext dsl, MessageRef m, RecipientFilter filter, Source source, Condition start) {
        var r = MESSAGE_RECIPIENT;
        var cc = CONTACT_CONSENT;
        Field<OffsetDateTime> listEventAt = NO_LIST_EVENT;
        if (filter.linkNo() != null) {
            listEventAt = MESSAGE_LINK_CLICKER.FIRST_CLICKED_AT;
        } else if (filter.credited()) {
            listEventAt = field(select(DSL.max(ORDER_ATTRIBUTION.PLACED_AT))
                    .from(ORDER_ATTRIBUTION)
                    .where(
                            ORDER_ATTRIBUTION.ACCOUNT_ID.eq(m.accountId()),
                            ORDER_ATTRIBUTION.MESSAGE_ID.eq(m.messageId()),
                            ORDER_ATTRIBUTION.CONTACT_ID.eq(r.CONTACT_ID)));
        }
        if (filter.optedOut()) {
            listEventAt = field(select(DSL.min(CONSENT_CHANGE.CHANGED_AT))
                    .from(CONSENT_CHANGE)
                    .where(optOutOf(m, r.CONTACT_ID)));
        }
        Table<?> table = source.table();
        if (!source.joinsContact()) {
            table = table.join(CONTACT).on(CONTACT.ACCOUNT_ID.eq(r.ACCOUNT_ID), CONTACT.ID.eq(r.CONTACT_ID));
        }
        table = table.leftJoin(cc)
                .on(cc.ACCOUNT_ID.eq(r.ACCOUNT_ID), cc.CONTACT_ID.eq(r.CONTACT_ID), cc.CHANNEL.eq(m.channel()));
        return dsl.select(
                        source.key(),
                        CONTACT.FIRST_NAME,
                        CONTACT.LAST_NAME,
                        CONTACT.PHONE,
                        cc.OPTED_IN,
                        r.SENT_AT,
                        r.DELIVERED_AT,
                        r.OPENED_AT,
                        r.CLICKED_AT,
                        r.FAILED_AT,
                        r.ERROR_CODE,
                        r.ERROR_PERMANENT,
                        listEventAt)
                .from(table)
                .where(source.condition())
                .and(start);
    }

    /** The opt-outs of a contact credited to the message (served by the consent_change_message index). */
    private static Condition optOutOf(MessageRef m, Field<Long> contactId) {
        var h = CONSENT_CHANGE;
        return h.ACCOUNT_ID
                .eq(m.accountId())
                .and(h.MESSAGE_ID.eq(m.messageId()))
                .and(h.CONTACT_ID.eq(contactId))
                .and(h.CONTACT_ID.isNotNull())
                .and(h.OPTED_IN.isFalse());
    }

    /**
     * The size of a list without search, from the counters: the "Who?" totals of the page are the
     * figures the page shows. A search needs {@link #countMatching}.
     */
    public long total(MessageRef m, RecipientFilter filter) {
        if (filter.hasSearch()) {
            throw new IllegalArgumentException("A searched list has no maintained total");
        }
        if (filter.linkNo() != null) {
            var s = MESSAGE_LINK_STATS;
            return db.select(s.UNIQUE_CLICKERS)
                    .from(s)
                    .where(
                            s.ACCOUNT_ID.eq(m.accountId()),
                            s.MESSAGE_ID.eq(m.messageId()),
                            s.LINK_NO.eq(filter.linkNo()))
                    .fetchOptional(s.UNIQUE_CLICKERS)
                    .orElse(0L);
        }
        if (filter.optedOut()) {
            return counters.optOuts(m);
        }
        if (filter.credited()) {
            // A message has few credited orders: counted from their index, not kept as a counter.
            return db.select(DSL.countDistinct(ORDER_ATTRIBUTION.CONTACT_ID))
                    .from(ORDER_ATTRIBUTION)
                    .where(
                            ORDER_ATTRIBUTION.ACCOUNT_ID.eq(m.accountId()),
                            ORDER_ATTRIBUTION.MESSAGE_ID.eq(m.messageId()))
                    .fetchSingle()
                    .value1();
        }
        if (filter.errorCode() != null) {
            var f = MESSAGE_FAILURE_STATS;
            var condition = f.ACCOUNT_ID
                    .eq(m.accountId())
                    .and(f.MESSAGE_ID.eq(m.messageId()))
                    .and(f.ERROR_CODE.eq(filter.errorCode()));
            if (filter.permanent() != null) {
                condition = condition.and(f.PERMANENT.eq(filter.permanent()));
            }
            return db.select(coalesce(sum(f.RECIPIENTS), BigDecimal.ZERO))
                    .from(f)
                    .where(condition)
                    .fetchSingle()
                    .value1()
                    .longValue();
        }
        var funnel = counters.funnel(m);
        var list = filter.list();
        if (list == null) {
            return funnel.recipients();
        }
        return switch (list) {
            case SENT -> funnel.sent();
            case DELIVERED -> funnel.delivered();
            case OPENED -> funnel.opened();
            case CLICKED -> funnel.clicked();
            case UNDELIVERED -> funnel.undelivered();
        };
    }

    /** Exact size of a searched list; computed only when asked for. */
    public long countMatching(MessageRef m, RecipientFilter filter) {
        var source = source(m, filter);
        return db.fetchCount(db.select(source.key()).from(source.table()).where(source.condition()));
    }
}
