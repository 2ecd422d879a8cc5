package com.mobilemarketing.contacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mobilemarketing.AbstractDatabaseTest;
import com.mobilemarketing.core.db.Tenant;
import com.mobilemarketing.db.enums.Channel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The opt-in "Who?" list equals a recount from contact_consent, pages by key exactly, and searches safely. */
class ContactRepositoryTest extends AbstractDatabaseTest {

    @Autowired
    private ContactRepository contacts;

    @Test
    void everyScopeListsExactlyTheOptedInContactsWithTheirChannelsAndDates() {
        for (var account : List.of(FLORA, SPORT)) {
            for (var channel : Arrays.asList(null, Channel.SMS, Channel.WHATSAPP, Channel.VIBER)) {
                var filter = new OptInFilter(channel);
                var listed = readAll(account, filter, OptInSort.NAME, false);
                var expected = recount(account, channel);
                assertThat(listed.stream()
                                .map(ContactRepositoryTest::describe)
                                .sorted()
                                .toList())
                        .as("account %s, %s", account, channel)
                        .isEqualTo(expected);
                assertThat((long) Tenant.call(account, () -> contacts.count(account, filter)))
                        .isEqualTo(expected.size());
                assertThat(Tenant.call(account, () -> contacts.optInCount(account, channel)))
                        .isEqualTo(expected.size());
            }
        }
        assertThat(recount(SPORT, Channel.VIBER)).isEmpty();
    }

    @Test
    void everyOverlapPartListsTheContactsOptedInOnExactlyItsChannels() {
        long listed = 0;
        for (var part : OverlapPart.values()) {
            var filter = OptInFilter.of(part);
            var expected = recount(FLORA, null).stream()
                    .filter(contact -> channelsOf(contact).equals(part.channels()))
                    .toList();
            assertThat(expected).as(part.name()).isNotEmpty();
            var pages = readAll(FLORA, filter, OptInSort.PHONE, true);
            assertThat(pages.stream()
                            .map(ContactRepositoryTest::describe)
                            .sorted()
                            .toList())
                    .as(part.name())
                    .isEqualTo(expected);
            assertThat(Tenant.call(FLORA, () -> contacts.total(FLORA, filter))).isEqualTo(expected.size());
            assertThat((long) Tenant.call(FLORA, () -> contacts.count(FLORA, filter.searching("a"))))
                    .isLessThanOrEqualTo(expected.size())
                    .isPositive();
            listed += expected.size();
        }
        // The parts split the opted-in contacts: each is in exactly one.
        assertThat(listed).isEqualTo(Tenant.call(FLORA, () -> contacts.optInCount(FLORA, (Channel) null)));
        assertThatThrownBy(() -> new OptInFilter(Channel.SMS, OverlapPart.SMS, ""))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static java.util.Set<Channel> channelsOf(String described) {
        var channels = java.util.EnumSet.noneOf(Channel.class);
        for (var consent : described.substring(described.indexOf(':') + 1).split(",")) {
            channels.add(Channel.valueOf(consent.substring(0, consent.indexOf('@'))));
        }
        return channels;
    }

    @Test
    void theListsRowsFollowEveryChangeOfAContactsOptInsNamesAndPhone() {
        var counts = new ArrayList<Long>();
        // Changes made in a transaction that is rolled back: the shared test data stays as it is.
        assertThatThrownBy(() -> asAllAccounts(() -> db.transactionResult(trx -> {
                    var sql = trx.dsl();
                    counts.add(listDifferences(sql));
                    // A new contact opted in on two channels, then an opt-out, a new opt-in, a rename and a new
                    // phone, a contact whose every opt-in ends, and a deleted contact.
                    sql.execute("""
                    insert into contact (account_id, id, first_name, last_name, phone, opted_in_sms, opted_in_viber)
                    values (?, 990001, 'Ala', 'Nowa', '+48990001', true, true),
                           (?, 990002, 'Ola', 'Stara', '+48990002', false, true)
                    """, FLORA, FLORA);
                    counts.add(listDifferences(sql));
                    sql.execute("update contact set opted_in_sms = false, opted_in_whatsapp = true where id = 990001");
                    counts.add(listDifferences(sql));
                    sql.execute("update contact set last_name = 'Zmieniona', phone = '+48990009' where id = 990001");
                    counts.add(listDifferences(sql));
                    sql.execute("update contact set opted_in_viber = false where id = 990002");
                    counts.add(listDifferences(sql));
                    sql.execute("""
                    update contact set opted_in_whatsapp = not opted_in_whatsapp, last_name = last_name || 'x'
                    where account_id = ? and id in (select id from contact where account_id = ? order by id limit 40)
                    """, FLORA, FLORA);
                    counts.add(listDifferences(sql));
                    sql.execute("delete from contact where id in (990001, 990002)");
                    counts.add(listDifferences(sql));
                    var rows = sql.fetchSingle("select count(*) from optin_list where contact_id = 990001")
                            .get(0, Long.class);
                    counts.add(rows);
                    throw new RolledBack();
                })))
                .isInstanceOf(RolledBack.class);
        assertThat(counts).containsOnly(0L).hasSize(8);
    }

    @Test
    void noIndexOfContactHasTheOptInFlagsSoAConsentChangeCanUpdateItInPlace() {
        // A column of an index's key or predicate rules out a HOT update: each opt-out would write a
        // new entry in every index of the contact (V182).
        var indexed = asAllAccounts(() -> db.fetch("""
                        select i.indexrelid::regclass::text from pg_index i
                        where i.indrelid = 'contact'::regclass
                          and (pg_get_expr(i.indpred, i.indrelid) ~ 'opted_in'
                               or exists (select 1 from unnest(i.indkey) k
                                          join pg_attribute a on a.attrelid = i.indrelid and a.attnum = k
                                          where a.attname like 'opted_in%'))
                        """).getValues(0, String.class));
        assertThat(indexed).isEmpty();
    }

    private static final class RolledBack extends RuntimeException {}

    @Test
    void theListsOfAContactAreWorkedOutInlineNotByAFunctionCallPerContact() {
        // A function the planner does not inline runs as a statement of its own for every contact of
        // a consent change (V184).
        var plan = String.join("\n", asAllAccounts(() -> db.fetch("""
                        explain verbose select optin_scopes(opted_in_sms, opted_in_whatsapp, opted_in_viber)
                        from contact
                        """).getValues(0, String.class)));
        assertThat(plan).contains("array_remove(").doesNotContain("optin_scopes(");
    }

    /** Rows of optin_list that the contacts' flags, names and phones do not give, and the other way round. */
    private static long listDifferences(org.jooq.DSLContext sql) {
        return sql.fetchSingle("""
                        with expected as (
                            select c.account_id, c.id, s.scope, c.last_name, c.first_name, c.phone from contact c
                            cross join unnest(optin_scopes(c.opted_in_sms, c.opted_in_whatsapp, c.opted_in_viber)) s(scope))
                        select (select count(*) from (select * from expected except select * from optin_list) a)
                             + (select count(*) from (select * from optin_list except select * from expected) b)
                        """).get(0, Long.class);
    }

    @Test
    void pagesByKeyEqualPagesByOffsetInEveryOrder() {
        var filter = new OptInFilter(Channel.VIBER);
        for (var sort : OptInSort.values()) {
            for (var descending : List.of(false, true)) {
                var byOffset = Tenant.call(FLORA, () -> contacts.findPage(FLORA, filter, sort, descending, 0, 100_000));
                var byKey = readAll(FLORA, filter, sort, descending);
                assertThat(byKey).isEqualTo(byOffset);
                // Seek after row 99, skip 50: rows 150.. of the offset listing.
                var after = byOffset.get(99);
                var page = Tenant.call(FLORA, () -> contacts.findPage(FLORA, filter, sort, descending, after, 50, 20));
                assertThat(page).isEqualTo(byOffset.subList(150, 170));
            }
        }
    }

    @Test
    void searchMatchesNamePhoneAndEmailFragmentsWithOrWithoutPolishLetters() {
        var withoutDiacritics = new OptInFilter(null, "zoltowski");
        var withDiacritics = new OptInFilter(null, "ŻÓŁTOWSKI");
        var expected = asAllAccounts(() -> queryLong("""
                select count(*) from contact c
                where c.account_id = ? and c.last_name = 'Żółtowski'
                  and exists (select 1 from contact_consent k where k.account_id = c.account_id and k.contact_id = c.id and k.opted_in)""", FLORA));
        assertThat(expected).isPositive();
        assertThat((long) Tenant.call(FLORA, () -> contacts.count(FLORA, withoutDiacritics)))
                .isEqualTo(expected);
        assertThat((long) Tenant.call(FLORA, () -> contacts.count(FLORA, withDiacritics)))
                .isEqualTo(expected);
        assertThat(Tenant.call(FLORA, () -> contacts.findPage(FLORA, withoutDiacritics, OptInSort.NAME, false, 0, 50)))
                .allSatisfy(c -> assertThat(c.lastName()).isEqualTo("Żółtowski"));

        // A phone number typed without its spaces still matches.
        var phone = asAllAccounts(() -> queryValue(String.class, """
                select c.phone from contact c where c.account_id = ?
                  and exists (select 1 from contact_consent k where k.account_id = c.account_id and k.contact_id = c.id and k.opted_in)
                order by c.id limit 1""", FLORA));
        var digits = phone.replaceAll("[^0-9]", "");
        var byDigits = Tenant.call(
                FLORA, () -> contacts.findPage(FLORA, new OptInFilter(null, digits), OptInSort.NAME, false, 0, 10));
        assertThat(byDigits).extracting(OptInContact::phone).contains(phone);
        var byEmail = Tenant.call(
                FLORA,
                () -> contacts.findPage(FLORA, new OptInFilter(null, "@example.pl"), OptInSort.NAME, false, 0, 5));
        assertThat(byEmail).hasSize(5);
    }

    @Test
    void aSearchGivesTheSamePagesWhetherItWalksTheListOrSortsItsMatches() {
        // A walk of a million rows covers these lists and always finds the page there; a walk of 3
        // rows never does and sorts the matches instead.
        var walking = new ContactRepository(db, 1_000_000);
        var sorting = new ContactRepository(db, 3);
        int pages = 0;
        for (var search : List.of("a", "ska", "zoltowski", "@example.pl", "48")) {
            for (var filter : List.of(
                    new OptInFilter(null, search),
                    new OptInFilter(Channel.WHATSAPP, search),
                    OptInFilter.of(OverlapPart.SMS_WHATSAPP).searching(search))) {
                for (var sort : OptInSort.values()) {
                    for (var descending : List.of(false, true)) {
                        var walked =
                                Tenant.call(FLORA, () -> walking.findPage(FLORA, filter, sort, descending, 0, 100_000));
                        var sorted =
                                Tenant.call(FLORA, () -> sorting.findPage(FLORA, filter, sort, descending, 0, 100_000));
                        assertThat(sorted)
                                .as("%s %s %s", filter, sort, descending)
                                .isEqualTo(walked);
                        if (walked.size() > 30) {
                            var after = walked.get(4);
                            assertThat(Tenant.call(
                                            FLORA,
                                            () -> sorting.findPage(FLORA, filter, sort, descending, after, 5, 20)))
                                    .isEqualTo(walked.subList(10, 30));
                            assertThat(Tenant.call(
                                            FLORA,
                                            () -> walking.findPage(FLORA, filter, sort, descending, after, 5, 20)))
                                    .isEqualTo(walked.subList(10, 30));
                            pages++;
                        }
                    }
                }
            }
        }
        assertThat(pages).isGreaterThan(20);
    }

    @Test
    void wildcardsAreLiteralAndOverlongSearchesAreRefused() {
        assertThat(Tenant.call(FLORA, () -> contacts.count(FLORA, new OptInFilter(null, "%"))))
                .isZero();
        assertThat(Tenant.call(FLORA, () -> contacts.count(FLORA, new OptInFilter(null, "_"))))
                .isZero();
        assertThatThrownBy(() -> new OptInFilter(null, "x".repeat(OptInFilter.MAX_SEARCH_LENGTH + 1)))
                .isInstanceOf(IllegalArgumentException.class);
        // A fragment matching nearly everyone is counted only up to the cap.
        assertThat(Tenant.call(FLORA, () -> contacts.count(FLORA, new OptInFilter(null, "a"))))
                .isLessThanOrEqualTo(ContactRepository.SEARCH_COUNT_CAP + 1);
    }

    @Test
    void aNulCharacterInASearchIsDroppedNotSentToTheDatabase() {
        var plain = Tenant.call(FLORA, () -> contacts.count(FLORA, new OptInFilter(null, "an")));
        assertThat(plain).isPositive();
        assertThat(Tenant.call(FLORA, () -> contacts.count(FLORA, new OptInFilter(null, "a\0n"))))
                .isEqualTo(plain);
        assertThat(new OptInFilter(null, "\0").searching()).isFalse();
    }

    @Test
    void anotherAccountsContactsNeverShow() {
        // Asking for Flora's list while the connection belongs to Sportowy Świat: the filter and RLS agree on nothing.
        assertThat(Tenant.call(
                        SPORT, () -> contacts.findPage(FLORA, new OptInFilter(null), OptInSort.NAME, false, 0, 10)))
                .isEmpty();
    }

    private List<OptInContact> readAll(long account, OptInFilter filter, OptInSort sort, boolean descending) {
        var all = new ArrayList<OptInContact>();
        OptInContact after = null;
        while (true) {
            var last = after;
            var page = Tenant.call(account, () -> contacts.findPage(account, filter, sort, descending, last, 0, 250));
            all.addAll(page);
            if (page.size() < 250) {
                return all;
            }
            after = page.getLast();
        }
    }

    private static String describe(OptInContact contact) {
        return contact.id() + ":"
                + contact.consents().stream()
                        .map(c -> c.channel().name() + "@" + c.since().toInstant())
                        .collect(Collectors.joining(","));
    }

    /** Contact id with its opted-in channels and times, straight from contact_consent. */
    private List<String> recount(long account, @Nullable Channel channel) {
        return asAllAccounts(() -> db.fetch(
                                """
                        select k.contact_id || ':' || string_agg(k.channel::text || '@' || to_char(k.changed_at at time zone 'UTC',
                                   'YYYY-MM-DD"T"HH24:MI:SS"Z"'), ',' order by k.channel) as d
                        from contact_consent k
                        where k.account_id = ? and k.opted_in
                          and (?::text is null or exists (select 1 from contact_consent x where x.account_id = k.account_id
                                  and x.contact_id = k.contact_id and x.opted_in and x.channel::text = ?::text))
                        group by k.contact_id
                        """,
                                account,
                                channel == null ? null : channel.name(),
                                channel == null ? null : channel.name())
                        .getValues("d", String.class))
                .stream()
                .sorted()
                .toList();
    }
}
