package com.mobilemarketing.contacts;

import static com.mobilemarketing.db.Tables.CONTACT;
import static com.mobilemarketing.db.Tables.CONTACT_CONSENT;
import static com.mobilemarketing.db.Tables.OPTIN_COUNT;
import static com.mobilemarketing.db.Tables.OPTIN_LIST;
import static com.mobilemarketing.db.Tables.OPTIN_OVERLAP;
import static org.jooq.impl.DSL.any;
import static org.jooq.impl.DSL.array;
import static org.jooq.impl.DSL.exists;
import static org.jooq.impl.DSL.multiset;
import static org.jooq.impl.DSL.row;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.selectOne;

import com.mobilemarketing.db.Routines;
import com.mobilemarketing.db.enums.Channel;
import java.util.List;
import java.util.regex.Pattern;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Records;
import org.jooq.SortField;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Repository;

/**
 * Opt-in contacts: the "Who?" list behind the opt-in figure. Totals come from the maintained
 * optin_count counters; a search counts its matches, capped, since a one-letter fragment may match
 * most of a large contact base. Pages are read by key (after the last row seen) where the caller
 * knows it, so a deep page costs what the first one costs.
 */
@Repository
public class ContactRepository {

    /** A search never counts beyond this; the list then asks for a longer fragment. */
    public static final int SEARCH_COUNT_CAP = 10_000;

    private static final Pattern PHONE_LIKE = Pattern.compile("[0-9 +()\\-]+");
    private static final Field<String> PHONE_DIGITS =
            DSL.field("regexp_replace({0}, '[^0-9]', '', 'g')", String.class, CONTACT.PHONE);

    /**
     * How many rows of a list a search walks in the list's order looking for its page's matches
     * before it sorts all its matches instead (a common surname's matches sit together in name order,
     * perhaps millions of rows in).
     */
    static final int SEARCH_WALK_ROWS = 2_000;

    private final DSLContext db;
    private final int searchWalkRows;

    @Autowired
    public ContactRepository(DSLContext db) {
        this(db, SEARCH_WALK_ROWS);
    }

    ContactRepository(DSLContext db, int searchWalkRows) {
        this.db = db;
        this.searchWalkRows = searchWalkRows;
    }

    /** Contacts opted in on {@code channel}, or on at least one channel when null, from the counters. */
    public long optInCount(long accountId, @Nullable Channel channel) {
        return db.select(OPTIN_COUNT.CONTACTS)
                .from(OPTIN_COUNT)
                .where(OPTIN_COUNT.ACCOUNT_ID.eq(accountId))
                .and(OPTIN_COUNT.SCOPE.eq(channel == null ? "ANY" : channel.name()))
                .fetchOptional(OPTIN_COUNT.CONTACTS)
                .orElse(0L);
    }

    /** Contacts opted in on exactly the part's channels, from the overlap counters. */
    public long optInCount(long accountId, OverlapPart part) {
        return db.select(OPTIN_OVERLAP.CONTACTS)
                .from(OPTIN_OVERLAP)
                .where(OPTIN_OVERLAP.ACCOUNT_ID.eq(accountId))
                .and(OPTIN_OVERLAP.PART.eq((short) part.bits()))
                .fetchOptional(OPTIN_OVERLAP.CONTACTS)
                .orElse(0L);
    }

    /** The list's total without a search: the channel's or the overlap part's counter. */
    public long total(long accountId, OptInFilter filter) {
        var part = filter.part();
        return part == null ? optInCount(accountId, filter.channel()) : optInCount(accountId, part);
    }

    /** Rows of the list: the counter without a search, else the matches up to {@link #SEARCH_COUNT_CAP} + 1. */
    public int count(long accountId, OptInFilter filter) {
        if (!filter.searching()) {
            return Math.toIntExact(total(accountId, filter));
        }
        return db.fetchCount(selectOne()
                .from(CONTACT)
                .where(CONTACT.ACCOUNT_ID.eq(accountId))
                .and(contactCondition(filter))
                .limit(SEARCH_COUNT_CAP + 1));
    }

    /**
     * One page in the chosen order: the {@code skip} rows after {@code after} (a row of an earlier
     * page, found by key) or, without it, after the first {@code skip} rows.
     */
    public List<OptInContact> findPage(
            long accountId,
            OptInFilter filter,
            OptInSort sort,
            boolean descending,
            @Nullable OptInContact after,
            int skip,
            int limit) {
        var condition = listCondition(accountId, filter);
        if (after != null) {
            condition = condition.and(afterKey(listKey(sort), sort, descending, after));
        }
        if (filter.searching()) {
            var ids = searchPage(accountId, filter, condition, sort, descending, after, skip, limit);
            return contacts(accountId, CONTACT.ID.in(ids), sort, descending);
        }
        // Keys first, from the list's narrow rows: skipping deep into the list walks one range of
        // one of its indexes; the contacts and their consents are read for the page's rows alone.
        var pageIds = array(select(OPTIN_LIST.CONTACT_ID)
                .from(OPTIN_LIST)
                .where(condition)
                .orderBy(order(listKey(sort), descending))
                .limit(limit)
                .offset(skip));
        return contacts(accountId, CONTACT.ID.eq(any(pageIds)), sort, descending);
    }

    /**
     * A search's page: a bounded stretch of the list (its rows from {@code list}) walked in its order,
     * testing each contact; where that stretch holds fewer matches than the page needs and the list
     * goes on, the matches sorted instead (found through the contacts' trigram index). Both give the
     * same rows.
     */
    private List<Long> searchPage(
            long accountId,
            OptInFilter filter,
            Condition list,
            OptInSort sort,
            boolean descending,
            @Nullable OptInContact after,
            int skip,
            int limit) {
        var walked = select(OPTIN_LIST.CONTACT_ID, OPTIN_LIST.LAST_NAME, OPTIN_LIST.FIRST_NAME, OPTIN_LIST.PHONE)
                .from(OPTIN_LIST)
                .where(list)
                .orderBy(order(listKey(sort), descending))
                .limit(searchWalkRows)
                .asTable("walked");
        var walkedId = walked.field(OPTIN_LIST.CONTACT_ID);
        var walkedKey = listKey(sort).stream().<Field<?>>map(walked::field).toList();
        var found = db.select(walkedId)
                .from(walked)
                .where(exists(selectOne()
                        .from(CONTACT)
                        .where(CONTACT.ACCOUNT_ID.eq(accountId))
                        .and(CONTACT.ID.eq(walkedId))
                        .and(matches(filter.search()))))
                .orderBy(order(walkedKey, descending))
                .limit(skip + limit)
                .fetch(walkedId);
        if (found.size() == skip + limit || db.fetchCount(walked) < searchWalkRows) {
            return found.subList(Math.min(skip, found.size()), found.size());
        }
        var matching = CONTACT.ACCOUNT_ID.eq(accountId).and(contactCondition(filter));
        if (after != null) {
            matching = matching.and(afterKey(contactKey(sort), sort, descending, after));
        }
        return db.select(CONTACT.ID)
                .from(CONTACT)
                .where(matching)
                .orderBy(order(contactKey(sort), descending))
                .limit(limit)
                .offset(skip)
                .fetch(CONTACT.ID);
    }

    /** The page's contacts, with their consents, in the list's order. */
    private List<OptInContact> contacts(long accountId, Condition ids, OptInSort sort, boolean descending) {
        return db.select(
                        CONTACT.ID,
                        CONTACT.FIRST_NAME,
                        CONTACT.LAST_NAME,
                        CONTACT.PHONE,
                        CONTACT.EMAIL,
                        multiset(select(CONTACT_CONSENT.CHANNEL, CONTACT_CONSENT.CHANGED_AT)
                                        .from(CONTACT_CONSENT)
                                        .where(CONTACT_CONSENT.ACCOUNT_ID.eq(CONTACT.ACCOUNT_ID))
                                        .and(CONTACT_CONSENT.CONTACT_ID.eq(CONTACT.ID))
                                        .and(CONTACT_CONSENT.OPTED_IN.isTrue())
                                        .orderBy(CONTACT_CONSENT.CHANNEL))
                                .convertFrom(r -> r.map(Records.mapping(OptInContact.Consent::new))))
                .from(CONTACT)
                .where(CONTACT.ACCOUNT_ID.eq(accountId))
                .and(ids)
                .orderBy(order(contactKey(sort), descending))
                .fetch(Records.mapping(OptInContact::new));
    }

    public List<OptInContact> findPage(
            long accountId, OptInFilter filter, OptInSort sort, boolean descending, int offset, int limit) {
        return findPage(accountId, filter, sort, descending, null, offset, limit);
    }

    /** The list's rows (V182, V183: one per contact and list, with the list's sort keys). */
    private static Condition listCondition(long accountId, OptInFilter filter) {
        var part = filter.part();
        var channel = filter.channel();
        var scope = part != null ? "PART" + part.bits() : channel == null ? "ANY" : channel.name();
        return OPTIN_LIST.ACCOUNT_ID.eq(accountId).and(OPTIN_LIST.SCOPE.eq(scope));
    }

    /** A search's matches on the contacts: their maintained flags (V61) and search text. */
    private static Condition contactCondition(OptInFilter filter) {
        var part = filter.part();
        var condition = part == null ? optedIn(filter.channel()) : exactly(part);
        if (filter.searching()) {
            condition = condition.and(matches(filter.search()));
        }
        return condition;
    }

    private static Condition optedIn(@Nullable Channel channel) {
        var flag = channel == null
                ? CONTACT.OPTED_IN_ANY
                : switch (channel) {
                    case SMS -> CONTACT.OPTED_IN_SMS;
                    case WHATSAPP -> CONTACT.OPTED_IN_WHATSAPP;
                    case VIBER -> CONTACT.OPTED_IN_VIBER;
                };
        return flag.isTrue();
    }

    /** Opted in on exactly the part's channels. */
    private static Condition exactly(OverlapPart part) {
        return CONTACT.OPTED_IN_SMS
                .eq(part.has(Channel.SMS))
                .and(CONTACT.OPTED_IN_WHATSAPP.eq(part.has(Channel.WHATSAPP)))
                .and(CONTACT.OPTED_IN_VIBER.eq(part.has(Channel.VIBER)));
    }

    /** Name, phone or email fragment, folded like the stored search text ("zolw" finds "Żółw"). */
    private static Condition matches(String search) {
        var text = CONTACT.SEARCH_TEXT.like(Routines.foldText("%" + escapeLike(search) + "%"));
        var digits = search.replaceAll("[^0-9]", "");
        if (PHONE_LIKE.matcher(search).matches() && digits.length() >= 3) {
            return text.or(PHONE_DIGITS.like("%" + digits + "%"));
        }
        return text;
    }

    private static String escapeLike(String value) {
        return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    /** The list's order on its own rows (the index it walks) and, the same, on the contacts. */
    private static List<Field<?>> listKey(OptInSort sort) {
        return switch (sort) {
            case NAME -> List.of(OPTIN_LIST.LAST_NAME, OPTIN_LIST.FIRST_NAME, OPTIN_LIST.CONTACT_ID);
            case PHONE -> List.of(OPTIN_LIST.PHONE, OPTIN_LIST.CONTACT_ID);
        };
    }

    private static List<Field<?>> contactKey(OptInSort sort) {
        return switch (sort) {
            case NAME -> List.of(CONTACT.LAST_NAME, CONTACT.FIRST_NAME, CONTACT.ID);
            case PHONE -> List.of(CONTACT.PHONE, CONTACT.ID);
        };
    }

    private static List<SortField<?>> order(List<Field<?>> key, boolean descending) {
        return key.stream()
                .<SortField<?>>map(f -> descending ? f.desc() : f.asc())
                .toList();
    }

    private static Condition afterKey(List<Field<?>> key, OptInSort sort, boolean descending, OptInContact after) {
        var values = switch (sort) {
            case NAME -> new Object[] {after.lastName(), after.firstName(), after.id()};
            case PHONE -> new Object[] {after.phone(), after.id()};
        };
        var row = row(key);
        return descending ? row.lt(values) : row.gt(values);
    }
}
