package com.mobilemarketing.analytics.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.mobilemarketing.KaribuTest;
import com.mobilemarketing.analytics.RecipientRow;
import com.mobilemarketing.analytics.WhoList;
import com.mobilemarketing.core.db.Tenant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.textfield.TextField;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** "Who?" lists hold exactly the contacts of a recount, page after page and after a far jump. */
class RecipientsDialogsTest extends KaribuTest {

    @Autowired
    private RecipientsDialogs dialogs;

    private long message;

    @BeforeEach
    void signIn() {
        login("anna");
        message = Tenant.call(FLORA, () -> queryLong("""
                select m.id from message m join message_recipient r on r.account_id = m.account_id and r.message_id = m.id
                where m.account_id = 1 and m.channel = 'VIBER' group by m.id order by count(*) desc, m.id limit 1
                """));
    }

    private List<Long> recount(String condition) {
        return Tenant.call(
                FLORA,
                () -> db.fetch(
                                "select contact_id from message_recipient where account_id = 1 and message_id = ? and "
                                        + condition + " order by contact_id",
                                message)
                        .getValues(0, Long.class));
    }

    @SuppressWarnings("unchecked")
    private Grid<RecipientRow> openWho(WhoList list) {
        dialogs.open(FLORA, message, list);
        return _get(Grid.class, spec -> spec.withId("who-grid"));
    }

    private static List<Long> readAll(Grid<RecipientRow> grid) {
        var ids = new ArrayList<Long>();
        for (int offset = 0; ; offset += 50) {
            var page = GridKt._fetch(grid, offset, 50);
            page.forEach(row -> ids.add(row.contactId()));
            if (page.size() < 50) {
                return ids;
            }
        }
    }

    @Test
    void sentDeliveredAndOpenedListExactlyTheRecountedContactsPageByPage() {
        for (var list :
                List.of(WhoList.SENT, WhoList.DELIVERED, WhoList.OPENED, WhoList.UNDELIVERED, WhoList.CLICKED)) {
            var expected = recount(
                    switch (list) {
                        case SENT -> "sent_at is not null";
                        case DELIVERED -> "delivered_at is not null";
                        case OPENED -> "opened_at is not null";
                        case CLICKED -> "clicked_at is not null";
                        case UNDELIVERED -> "failed_at is not null and delivered_at is null";
                    });
            var grid = openWho(list);
            assertThat(GridKt._size(grid)).as(list.name()).isEqualTo(expected.size());
            assertThat(readAll(grid)).as(list.name()).isEqualTo(expected);
            _get(Dialog.class, spec -> spec.withId("who-dialog")).close();
        }
        assertThat(recount("sent_at is not null").size()).isGreaterThan(150);
    }

    @Test
    void aFarJumpCostsAnOffsetScanOnceAndStillListsTheRightContacts() {
        var expected = recount("delivered_at is not null");
        var grid = openWho(WhoList.DELIVERED);
        var far = expected.size() - 70;
        assertThat(GridKt._fetch(grid, far, 50).stream()
                        .map(RecipientRow::contactId)
                        .toList())
                .isEqualTo(expected.subList(far, far + 50));
        // The next page continues by key from the jump.
        assertThat(GridKt._fetch(grid, far + 50, 50).stream()
                        .map(RecipientRow::contactId)
                        .toList())
                .isEqualTo(expected.subList(far + 50, expected.size()));
    }

    @Test
    void rowsShowTheOptInOfTheMessagesChannelAndTheEventTime() {
        var grid = openWho(WhoList.OPENED);
        var row = GridKt._get(grid, 0);
        var consent = Tenant.call(
                FLORA,
                () -> db.fetchOptional(
                                "select opted_in from contact_consent where account_id = 1 and contact_id = ? and channel = 'VIBER'",
                                row.contactId())
                        .map(r -> r.get(0, Boolean.class))
                        .orElse(null));
        assertThat(row.optedIn()).isEqualTo(consent);
        var opened = Tenant.call(
                FLORA,
                () -> queryValue(
                        java.time.OffsetDateTime.class,
                        "select opened_at from message_recipient where account_id = 1 and message_id = ? and contact_id = ?",
                        message,
                        row.contactId()));
        assertThat(row.openedAt()).isEqualTo(opened);
    }

    @Test
    @SuppressWarnings("unchecked")
    void searchNarrowsTheList() {
        var grid = openWho(WhoList.SENT);
        _setValue(_get(TextField.class, spec -> spec.withId("who-search")), "zolt");
        var expected = Tenant.call(FLORA, () -> db.fetch("""
                        select r.contact_id from message_recipient r join contact c on c.account_id = r.account_id and c.id = r.contact_id
                        where r.account_id = 1 and r.message_id = ? and r.sent_at is not null
                          and translate(lower(c.last_name), 'żółć', 'zolc') like '%zolt%'
                        order by 1
                        """, message).getValues(0, Long.class));
        assertThat(expected).isNotEmpty();
        assertThat(readAll(grid)).isEqualTo(expected);
    }

    @Test
    void aMessageOfAnotherAccountShowsNothing() {
        var foreign = Tenant.call(
                SPORT, () -> queryLong("select min(id) from message where account_id = 2 and state = 'SENT'"));
        dialogs.open(FLORA, foreign, WhoList.SENT);
        _assertNone(Dialog.class, spec -> spec.withId("who-dialog"));
    }
}
