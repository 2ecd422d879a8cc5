package com.mobilemarketing.analytics.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.mobilemarketing.KaribuTest;
import com.mobilemarketing.analytics.SupportRepository.AccessLogRow;
import com.mobilemarketing.analytics.SupportRepository.MessageHit;
import com.mobilemarketing.analytics.SupportRepository.MisroutedReport;
import com.mobilemarketing.core.db.Tenant;
import com.mobilemarketing.core.ui.NotFoundView;
import com.mobilemarketing.ingest.EventFolder;
import com.mobilemarketing.ingest.IngestRepository;
import com.mobilemarketing.ingest.StatusEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.TextField;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Support finds and opens any account's message (logged) and sees delivery reports that came
 * through another integration; marketers never see another account's message.
 */
class SupportViewTest extends KaribuTest {

    @Autowired
    private IngestRepository ingest;

    @Autowired
    private EventFolder folder;

    private long sportMessage() {
        return Tenant.call(
                SPORT,
                () -> queryLong(
                        "select max(id) from message where account_id = 2 and state = 'SENT' and type = 'BULK'"));
    }

    private long logged(long message) {
        return asAllAccounts(() -> queryLong(
                "select count(*) from support_access_log where support_user_id = 1000 and account_id = 2 and message_id = ?",
                message));
    }

    @SuppressWarnings("unchecked")
    private Grid<MessageHit> search(String text) {
        _setValue(_get(TextField.class, spec -> spec.withId("support-search")), text);
        _click(_get(Button.class, spec -> spec.withId("support-search-button")));
        return _get(Grid.class, spec -> spec.withId("support-results"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void supportFindsAMessageOfAnotherAccountOpensItAndTheAccessIsLogged() {
        var message = sportMessage();
        var before = logged(message);
        login("support");
        UI.getCurrent().navigate(SupportView.ROUTE);

        var results = search(Long.toString(message));
        assertThat(GridKt._findAll(results).stream().map(MessageHit::messageId)).contains(message);
        var row = GridKt._findAll(results).stream()
                .map(MessageHit::messageId)
                .toList()
                .indexOf(message);
        GridKt._clickItem(results, row);

        assertThat(UI.getCurrent().getCurrentView()).isInstanceOf(MessageAnalyticsView.class);
        _get(Div.class, spec -> spec.withId("message-header"));
        var sent = asAllAccounts(() -> queryLong(
                "select count(*) from message_recipient where account_id = 2 and message_id = ? and sent_at is not null",
                message));
        assertThat(_get(Span.class, spec -> spec.withId("funnel-sent")).getText())
                .isEqualTo(com.mobilemarketing.core.ui.Formats.count(
                        sent, UI.getCurrent().getLocale()));
        assertThat(logged(message)).isEqualTo(before + 1);

        UI.getCurrent().navigate(SupportView.ROUTE);
        Grid<AccessLogRow> log = _get(Grid.class, spec -> spec.withId("support-log"));
        var latest = GridKt._get(log, 0);
        assertThat(latest.messageId()).isEqualTo(message);
        assertThat(latest.accountId()).isEqualTo(SPORT);
        assertThat(latest.supportUser()).isEqualTo("Zespół Wsparcia");
    }

    @Test
    void supportFindsMessagesByProviderIdAccountNameAndNameFragment() {
        var provider = asAllAccounts(
                () -> db.fetchOne("select message_id, provider_message_id from message_recipient where account_id = 2 "
                        + "and provider_message_id is not null order by message_id desc, contact_id limit 1"));
        login("support");
        UI.getCurrent().navigate(SupportView.ROUTE);
        var byProvider = search(provider.get("provider_message_id", String.class));
        assertThat(GridKt._findAll(byProvider))
                .extracting(MessageHit::messageId)
                .containsExactly(provider.get("message_id", Long.class));
        var byAccount = search("sportowy swiat");
        assertThat(GridKt._findAll(byAccount)).isNotEmpty().allMatch(hit -> hit.accountId() == SPORT);
        var byName = search("zolty tydzien");
        assertThat(GridKt._findAll(byName))
                .isNotEmpty()
                .allMatch(hit -> hit.messageName().startsWith("Żółty tydzień"));
        // A NUL character (which PostgreSQL cannot take in a text parameter) is dropped, not sent.
        assertThat(GridKt._findAll(search("zolty\0 tydzien"))).isEqualTo(GridKt._findAll(byName));
    }

    @Test
    void aMarketerOfAnotherAccountGetsTheSameNotFoundAsForUnknownOrMalformedIds() {
        var floraMessage = Tenant.call(FLORA, () -> queryLong("select min(id) from message where account_id = 1"));
        login("marek");
        for (var id : new String[] {Long.toString(floraMessage), "999999999", "abc", "-1", "1e3"}) {
            UI.getCurrent().navigate("mobile-marketing/messages/" + id);
            assertThat(UI.getCurrent().getCurrentView()).as(id).isInstanceOf(NotFoundView.class);
        }
        var own = sportMessage();
        UI.getCurrent().navigate("mobile-marketing/messages/" + own);
        assertThat(UI.getCurrent().getCurrentView()).isInstanceOf(MessageAnalyticsView.class);
        assertThat(logged(own)).isGreaterThanOrEqualTo(0);
    }

    @Test
    @SuppressWarnings("unchecked")
    void supportSeesReportsThatCameThroughAnotherIntegration() {
        // A signed WhatsApp report carrying the provider id of one of Sportowy Świat's SMS recipients.
        var recipient = asAllAccounts(
                () -> db.fetchOne("select r.message_id, r.provider_message_id from message_recipient r join message m "
                        + "on m.account_id = r.account_id and m.id = r.message_id where r.account_id = 2 "
                        + "and m.channel = 'SMS' and r.provider_message_id is not null "
                        + "order by r.message_id desc, r.contact_id limit 1"));
        long messageId = recipient.get(0, Long.class);
        var providerId = recipient.get(1, String.class);
        var report = new StatusEvent(
                SPORT,
                StatusEvent.WHATSAPP,
                providerId,
                StatusEvent.DELIVERED,
                clock.instant(),
                null,
                null,
                null,
                null);
        asAllAccounts(() -> ingest.insertEvents(List.of(report)));
        try {
            folder.foldPending();
            login("support");
            UI.getCurrent().navigate(SupportView.ROUTE);
            Grid<MisroutedReport> grid = _get(Grid.class, spec -> spec.withId("support-misrouted"));
            var row = GridKt._findAll(grid).stream()
                    .filter(r -> r.providerMessageId().equals(providerId))
                    .toList();
            assertThat(row).hasSize(1);
            assertThat(row.getFirst().messageId()).isEqualTo(messageId);
            int index = GridKt._findAll(grid).indexOf(row.getFirst());
            assertThat(GridKt._getFormattedRow(grid, index))
                    .containsSubsequence(
                            "Sportowy Świat", "WhatsApp", providerId, "Dostarczone", Long.toString(messageId), "SMS");
        } finally {
            asAllAccounts(() -> db.execute(
                    "delete from delivery_event where account_id = 2 and provider = 'whatsapp' and provider_message_id = ?",
                    providerId));
        }
    }
}
