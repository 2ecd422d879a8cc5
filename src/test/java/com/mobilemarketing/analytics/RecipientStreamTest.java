package com.mobilemarketing.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import com.mobilemarketing.AbstractDatabaseTest;
import com.mobilemarketing.core.db.Tenant;
import com.mobilemarketing.db.enums.Channel;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The stream behind the recipients CSV (a binary copy of the select, its values written into it)
 * gives the rows the list's pages give, for every kind of list, including search texts that
 * quotes, escapes and wildcards must not break, nor turn into SQL.
 */
class RecipientStreamTest extends AbstractDatabaseTest {

    @Autowired
    private RecipientListRepository repository;

    @Test
    void theStreamGivesTheRowsOfTheListsPagesForEveryFilter() {
        var messageId = Tenant.call(FLORA, () -> queryLong("""
                select m.id from message m
                where m.account_id = 1 and m.channel = 'WHATSAPP' and m.state = 'SENT'
                  and exists (select 1 from message_recipient r where r.account_id = 1 and r.message_id = m.id and r.clicked_at is not null)
                  and exists (select 1 from message_recipient r where r.account_id = 1 and r.message_id = m.id and r.failed_at is not null)
                order by (select count(*) from message_recipient r where r.account_id = 1 and r.message_id = m.id) desc, m.id
                limit 1
                """));
        var message = new MessageRef(FLORA, messageId, Channel.WHATSAPP, ZoneId.of("Europe/Warsaw"));
        var failure = Tenant.call(FLORA, () -> db.fetchOne("""
                select error_code, coalesce(error_permanent, false) from message_recipient
                where account_id = 1 and message_id = ? and failed_at is not null and error_code is not null limit 1
                """, messageId));
        var filters = new ArrayList<RecipientFilter>(List.of(
                RecipientFilter.all(),
                RecipientFilter.linkClickers((short) 1),
                new RecipientFilter(null, null, null, null, true, false, null),
                new RecipientFilter(null, null, null, null, false, true, null),
                new RecipientFilter(null, null, null, null, false, false, "a"),
                new RecipientFilter(null, null, null, null, false, false, "o'b%_\\"),
                new RecipientFilter(null, null, null, null, false, false, "x') or true or ('")));
        for (var list : WhoList.values()) {
            filters.add(RecipientFilter.of(list));
        }
        if (failure != null) {
            filters.add(RecipientFilter.failureGroup(failure.get(0, String.class), failure.get(1, Boolean.class)));
        }
        var nonEmpty = 0;
        for (var filter : filters) {
            var paged = Tenant.call(FLORA, () -> repository.findRecipients(message, filter, null, 0, 1_000_000));
            var streamed = new ArrayList<RecipientRow>();
            Tenant.run(FLORA, () -> repository.streamRecipients(message, filter, streamed::add));
            assertThat(streamed).as("%s", filter).isEqualTo(paged);
            nonEmpty += paged.isEmpty() ? 0 : 1;
        }
        assertThat(nonEmpty).isGreaterThanOrEqualTo(8);

        // A NUL character (which PostgreSQL cannot take in a text parameter) is dropped, not sent.
        var withNul = Tenant.call(
                FLORA,
                () -> repository.findRecipients(message, RecipientFilter.all().withSearch("\0a"), null, 0, 1000));
        var plain = Tenant.call(
                FLORA,
                () -> repository.findRecipients(message, RecipientFilter.all().withSearch("a"), null, 0, 1000));
        assertThat(withNul).isNotEmpty().isEqualTo(plain);
        assertThat(new RecipientFilter(null, null, null, null, false, false, "\0").hasSearch())
                .isFalse();
    }
}
