package com.mobilemarketing.messages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mobilemarketing.AbstractDatabaseTest;
import com.mobilemarketing.core.columns.MessageColumn;
import com.mobilemarketing.core.columns.MessageRow;
import com.mobilemarketing.core.db.Tenant;
import com.mobilemarketing.db.enums.MessageState;
import com.mobilemarketing.db.enums.MessageType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The message list's queries against counts and lists written independently in SQL. */
class MessageRepositoryTest extends AbstractDatabaseTest {

    private static final long ANNA = 1;

    @Autowired
    private MessageRepository repository;

    private <T> T flora(Supplier<T> query) {
        return Tenant.call(FLORA, query);
    }

    private List<MessageRow> all(MessageFilter filter, List<SortKey> sort) {
        var rows = new ArrayList<MessageRow>();
        int offset = 0;
        while (true) {
            int from = offset;
            var page = Tenant.call(filter.accountId(), () -> repository.fetch(filter, from, 37, sort));
            rows.addAll(page);
            if (page.size() < 37) {
                return rows;
            }
            offset += 37;
        }
    }

    private List<Long> ids(List<MessageRow> rows) {
        return rows.stream().map(MessageRow::id).toList();
    }

    private List<Long> sqlIds(String sql, Object... bindings) {
        return asAllAccounts(() -> db.fetch(sql, bindings).getValues(0, Long.class));
    }

    @Test
    void eachTypeListsExactlyItsMessagesNewestFirst() {
        for (var account : List.of(FLORA, SPORT)) {
            for (var type : MessageType.values()) {
                var filter = MessageFilter.of(account, type);
                var expected = sqlIds(
                        "select id from message where account_id = ? and type = ?::message_type "
                                + "order by case when sent_at is not null then sent_at else scheduled_at end desc, id desc",
                        account,
                        type.name());
                assertThat(expected).as("demo data has %s messages", type).isNotEmpty();
                assertThat(ids(all(filter, List.of())))
                        .as("%s of account %d", type, account)
                        .isEqualTo(expected);
                assertThat(Tenant.call(account, () -> repository.count(filter))).isEqualTo(expected.size());
                assertThat(all(filter, List.of())).allMatch(row -> row.type() == type);
            }
        }
    }

    @Test
    void scheduledAndCancelledMessagesAreListedWithTheirState() {
        var rows = new ArrayList<MessageRow>();
        for (var account : List.of(FLORA, SPORT)) {
            for (var type : MessageType.values()) {
                rows.addAll(all(MessageFilter.of(account, type), List.of()));
            }
        }
        assertThat(rows).anyMatch(row -> row.state() == MessageState.SCHEDULED && row.sentAt() == null);
        assertThat(rows).anyMatch(row -> row.state() == MessageState.CANCELLED);
    }

    @Test
    void perTypeCountsMatchSql() {
        var counts = flora(() -> repository.countByType(MessageFilter.of(FLORA, MessageType.BULK)));
        for (var type : MessageType.values()) {
            assertThat(counts.get(type).longValue())
                    .isEqualTo(asAllAccounts(() -> queryLong(
                            "select count(*) from message where account_id = 1 and type = ?::message_type",
                            type.name())));
        }
        var mineScheduled =
                flora(() -> repository.countByType(new MessageFilter(FLORA, MessageType.BULK, ANNA, true, null)));
        assertThat(mineScheduled.get(MessageType.RULE).longValue())
                .isEqualTo(asAllAccounts(() -> queryLong(
                        "select count(*) from message where account_id = 1 and type = 'RULE' and owner_id = 1 "
                                + "and state = 'SCHEDULED'")));
        // The scheduled filter does not apply to tests: all of anna's tests are counted.
        assertThat(mineScheduled.get(MessageType.TEST).longValue())
                .isEqualTo(asAllAccounts(() -> queryLong(
                        "select count(*) from message where account_id = 1 and type = 'TEST' and owner_id = 1")));
    }

    @Test
    void mineAndScheduledFiltersNarrowTheList() {
        var mine = all(new MessageFilter(FLORA, MessageType.BULK, ANNA, false, null), List.of());
        assertThat(ids(mine))
                .isEqualTo(sqlIds("select id from message where account_id = 1 and type = 'BULK' and owner_id = 1 "
                        + "order by coalesce(sent_at, scheduled_at) desc, id desc"));
        assertThat(mine)
                .allMatch(row -> row.ownerId() == ANNA && row.ownerName().equals("Anna Kowalska"));

        var scheduled = all(new MessageFilter(FLORA, MessageType.RULE, null, true, null), List.of());
        assertThat(ids(scheduled))
                .isNotEmpty()
                .isEqualTo(
                        sqlIds("select id from message where account_id = 1 and type = 'RULE' and state = 'SCHEDULED' "
                                + "order by scheduled_at desc, id desc"));

        var both = all(new MessageFilter(FLORA, MessageType.BULK, ANNA, true, null), List.of());
        assertThat(both).hasSize((int) (long) asAllAccounts(
                () -> queryLong("select count(*) from message where account_id = 1 and type = 'BULK' and owner_id = 1 "
                        + "and state = 'SCHEDULED'")));

        var tests = all(new MessageFilter(FLORA, MessageType.TEST, null, true, null), List.of());
        assertThat(tests).hasSize((int) (long)
                asAllAccounts(() -> queryLong("select count(*) from message where account_id = 1 and type = 'TEST'")));
    }

    @Test
    void searchIgnoresCaseAndPolishDiacritics() {
        var expected = asAllAccounts(
                () -> queryLong(
                        "select count(*) from message where account_id = 1 and type = 'BULK' and name ilike '%Żółty tydzień%'"));
        assertThat(expected).isPositive();
        for (var text : List.of("zolty tydzien", "ŻÓŁTY TYDZIEŃ", "Żółty tydz", "  zOlTy Tydzień ")) {
            var rows = all(new MessageFilter(FLORA, MessageType.BULK, null, false, text), List.of());
            assertThat(rows)
                    .as(text)
                    .hasSize((int) (long) expected)
                    .allMatch(row -> row.name().startsWith("Żółty tydzień cen"));
        }
        var swieta = all(new MessageFilter(FLORA, MessageType.BULK, null, false, "swiateczna"), List.of());
        assertThat(swieta).hasSize((int) (long) asAllAccounts(() -> queryLong(
                "select count(*) from message where account_id = 1 and type = 'BULK' and name like 'Świąteczna%'")));
        var birthday =
                all(new MessageFilter(FLORA, MessageType.BIRTHDAY, null, false, "zyczenia urodzinowe"), List.of());
        assertThat(birthday).hasSize((int) (long) asAllAccounts(
                () -> queryLong("select count(*) from message where account_id = 1 and type = 'BIRTHDAY'")));
    }

    @Test
    void oneAndTwoLetterSearchesWork() {
        // "ś" and "s" both match s and ś; independent recount with a regular expression.
        for (var text : List.of("s", "ś", "S")) {
            var rows = all(new MessageFilter(FLORA, MessageType.BULK, null, false, text), List.of());
            assertThat(rows).as(text).hasSize((int) (long) asAllAccounts(() -> queryLong(
                    "select count(*) from message where account_id = 1 and type = 'BULK' and name ~* '[sśŚ]'")));
        }
        var rows = all(new MessageFilter(FLORA, MessageType.RULE, null, false, "ko"), List.of());
        assertThat(ids(rows))
                .isNotEmpty()
                .isEqualTo(sqlIds("select id from message where account_id = 1 and type = 'RULE' and name ilike '%ko%' "
                        + "order by coalesce(sent_at, scheduled_at) desc, id desc"));
    }

    @Test
    void searchTreatsWildcardsLiterally() {
        var percent = all(new MessageFilter(FLORA, MessageType.BULK, null, false, "%"), List.of());
        assertThat(percent).hasSize((int) (long) asAllAccounts(() -> queryLong(
                "select count(*) from message where account_id = 1 and type = 'BULK' and strpos(name, '%') > 0")));
        assertThat(percent).allMatch(row -> row.name().contains("%"));
        assertThat(all(new MessageFilter(FLORA, MessageType.BULK, null, false, "_"), List.of()))
                .isEmpty();
    }

    @Test
    void aNulCharacterInASearchIsDroppedNotSentToTheDatabase() {
        // PostgreSQL cannot take a NUL in a text parameter, and no stored name holds one.
        var plain = all(new MessageFilter(FLORA, MessageType.BULK, null, false, "a"), List.of());
        assertThat(plain).isNotEmpty();
        assertThat(all(new MessageFilter(FLORA, MessageType.BULK, null, false, "\0a\0"), List.of()))
                .isEqualTo(plain);
        assertThat(new MessageFilter(FLORA, MessageType.BULK, null, false, "\0 ").search())
                .isNull();
    }

    @Test
    void searchLongerThanTheLimitIsRefused() {
        assertThatThrownBy(() -> new MessageFilter(FLORA, MessageType.BULK, null, false, "x".repeat(101)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new MessageFilter(FLORA, MessageType.BULK, null, false, "x".repeat(100)).search())
                .hasSize(100);
        assertThat(new MessageFilter(FLORA, MessageType.BULK, null, false, "   ").search())
                .isNull();
    }

    @Test
    void sortsThroughTheWhitelistEndingOnTheId() {
        var filter = MessageFilter.of(FLORA, MessageType.BULK);
        var bySent = all(filter, List.of(new SortKey(MessageColumn.SENT.key(), false)));
        assertThat(bySent)
                .isSortedAccordingTo(Comparator.comparingLong(MessageRow::sent)
                        .reversed()
                        .thenComparing(Comparator.comparingLong(MessageRow::id).reversed()));
        var byDeliveredAsc = all(filter, List.of(new SortKey(MessageColumn.DELIVERED.key(), true)));
        assertThat(byDeliveredAsc)
                .isSortedAccordingTo(
                        Comparator.comparingLong(MessageRow::delivered).thenComparingLong(MessageRow::id));
        var byRevenue = all(filter, List.of(new SortKey(MessageColumn.REVENUE.key(), false)));
        assertThat(byRevenue)
                .isSortedAccordingTo(Comparator.comparingLong(MessageRow::revenueMinor)
                        .reversed()
                        .thenComparing(Comparator.comparingLong(MessageRow::id).reversed()));
        assertThat(byRevenue.getFirst().revenueMinor()).isPositive();
        // The list's figures are the rollup's, which equal the recount (Recount): here against message_revenue.
        assertThat(byRevenue.stream().mapToLong(MessageRow::orders).sum())
                .isEqualTo(asAllAccounts(() -> queryLong("select coalesce(sum(r.orders), 0) from message_revenue r "
                        + "join message m on m.account_id = r.account_id and m.id = r.message_id "
                        + "where r.account_id = 1 and m.type = 'BULK'")));
        var byOrdersAsc = all(filter, List.of(new SortKey(MessageColumn.ORDERS.key(), true)));
        assertThat(byOrdersAsc)
                .isSortedAccordingTo(
                        Comparator.comparingLong(MessageRow::orders).thenComparingLong(MessageRow::id));
        var byName = all(filter, List.of(new SortKey(MessageColumn.NAME.key(), true)));
        assertThat(ids(byName))
                .isEqualTo(sqlIds(
                        "select id from message where account_id = 1 and type = 'BULK' order by name_search, id"));
        // An order of the message's own columns picks the page first and joins its figures after:
        // the same rows, figure for figure, as an order that needs the figures to sort.
        assertThat(byName).containsExactlyInAnyOrderElementsOf(byDeliveredAsc);
        var byOldest = all(filter, List.of(new SortKey(MessageColumn.SENT_DATE.key(), true)));
        assertThat(ids(byOldest))
                .isEqualTo(sqlIds("select id from message where account_id = 1 and type = 'BULK' "
                        + "order by coalesce(sent_at, scheduled_at), id"));
        for (var column : List.of(
                MessageColumn.DELIVERY_RATE.key(),
                MessageColumn.OPEN_RATE.key(),
                MessageColumn.CLICK_RATE.key(),
                MessageColumn.OWNER.key(),
                MessageColumn.GATEWAY.key(),
                MessageColumn.SCHEDULED_DATE.key(),
                MessageColumn.STATE.key(),
                MessageColumn.CHANNEL.key(),
                MessageColumn.OPENED.key(),
                MessageColumn.CLICKED.key(),
                MessageColumn.UNDELIVERED.key(),
                MessageColumn.REVENUE_PER_RECIPIENT.key(),
                MessageColumn.CONVERSION_RATE.key(),
                MessageColumn.AVERAGE_ORDER_VALUE.key())) {
            assertThat(all(filter, List.of(new SortKey(column, false))))
                    .as(column)
                    .hasSize(
                            filter == null
                                    ? 0
                                    : (int) (long) asAllAccounts(() -> queryLong(
                                            "select count(*) from message where account_id = 1 and type = 'BULK'")));
        }
        assertThatThrownBy(() -> flora(() -> repository.fetch(filter, 0, 10, List.of(new SortKey("content", true)))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void countsInRowsEqualARecountFromRecipients() {
        for (var type : MessageType.values()) {
            for (var row : all(MessageFilter.of(FLORA, type), List.of())) {
                var recount = asAllAccounts(() -> db.fetchSingle("""
                        select count(*) filter (where sent_at is not null),
                               count(*) filter (where delivered_at is not null),
                               count(*) filter (where opened_at is not null),
                               count(*) filter (where clicked_at is not null),
                               count(*) filter (where failed_at is not null and delivered_at is null)
                        from message_recipient where account_id = 1 and message_id = ?
                        """, row.id()));
                assertThat(List.of(row.sent(), row.delivered(), row.opened(), row.clicked(), row.undelivered()))
                        .as("message %d", row.id())
                        .isEqualTo(List.of(
                                recount.get(0, Long.class),
                                recount.get(1, Long.class),
                                recount.get(2, Long.class),
                                recount.get(3, Long.class),
                                recount.get(4, Long.class)));
            }
        }
    }

    @Test
    void anotherAccountsMessagesAreNeverListed() {
        var sportIds = sqlIds("select id from message where account_id = 2");
        var floraListed = new ArrayList<Long>();
        for (var type : MessageType.values()) {
            floraListed.addAll(ids(all(MessageFilter.of(FLORA, type), List.of())));
        }
        assertThat(floraListed).doesNotContainAnyElementsOf(sportIds);
        assertThat(flora(() -> repository.exists(FLORA, sportIds.getFirst()))).isFalse();
        assertThat(flora(() -> repository.exists(FLORA, floraListed.getFirst())))
                .isTrue();
        // Even seeing every account, the explicit account filter keeps the list to one account.
        var listed =
                asAllAccounts(() -> repository.fetch(MessageFilter.of(FLORA, MessageType.BULK), 0, 1000, List.of()));
        assertThat(listed).extracting(MessageRow::id).doesNotContainAnyElementsOf(sportIds);
    }
}
