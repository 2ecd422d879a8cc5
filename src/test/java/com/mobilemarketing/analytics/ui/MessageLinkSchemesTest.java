package com.mobilemarketing.analytics.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.mobilemarketing.KaribuTest;
import com.mobilemarketing.LitCells;
import com.mobilemarketing.analytics.SupportRepository.MessageHit;
import com.mobilemarketing.core.columns.MessageColumn;
import com.mobilemarketing.core.columns.MessageRow;
import com.mobilemarketing.core.ui.SafeLinks;
import com.mobilemarketing.dashboard.ui.DashboardView;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.QueryParameters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Messages whose links use a scheme other than http(s) open on every page that shows them: the
 * analytics page (marketer and support) lists such links as plain text, never as anchors, next to
 * a clickable https link; the message grid lists the message. One message per scheme, the link
 * also in its name and content.
 */
class MessageLinkSchemesTest extends KaribuTest {

    static final List<String> LINKS = List.of(
            "viber://pa?chatURI=flora",
            "whatsapp://send?text=Promo",
            "sms:+48600100200?body=STOP",
            "tel:+48600100200",
            "javascript:alert(document.cookie)");
    private static final String WEB_LINK = "https://sklep.example.pl/oferta/1";

    private final List<Long> messages = new ArrayList<>();

    @BeforeEach
    void messagesWithOddLinks() {
        asAllAccounts(() -> {
            long contact = queryLong("select min(id) from contact where account_id = 1");
            for (var link : LINKS) {
                long id = db.fetchSingle(
                                "insert into message (account_id, name, content, channel, type, state, owner_id, "
                                        + "audience_size, sent_at) values (1, ?, ?, 'WHATSAPP', 'BULK', 'SENT', 1, 1, "
                                        + "now() - interval '1 day') returning id",
                                "Link " + link,
                                "Promo " + link + " " + WEB_LINK)
                        .get(0, Long.class);
                db.execute(
                        "insert into message_link (account_id, message_id, link_no, url) values (1, ?, 1, ?), (1, ?, 2, ?)",
                        id,
                        link,
                        id,
                        WEB_LINK);
                db.execute(
                        "insert into message_recipient (account_id, message_id, contact_id, sent_at) "
                                + "values (1, ?, ?, now() - interval '1 day')",
                        id,
                        contact);
                messages.add(id);
            }
            return null;
        });
    }

    @AfterEach
    void removeMessages() {
        asAllAccounts(() -> {
            for (var id : messages) {
                // The support test's opens: the access log shows other tests' opens first.
                db.execute("delete from support_access_log where account_id = 1 and message_id = ?", id);
                // Recipients first: the rollup trigger needs their message row to find the day's row.
                db.execute("delete from message_recipient where account_id = 1 and message_id = ?", id);
                db.execute("delete from message where account_id = 1 and id = ?", id);
            }
            db.execute("delete from stats_daily where account_id = 1 and sent = 0 and delivered = 0 and opened = 0 "
                    + "and clicked = 0 and failed = 0");
            return null;
        });
        messages.clear();
    }

    /** The open analytics page lists the odd link as text and only the https link as an anchor. */
    private void assertLinksShownSafely(String link) {
        assertThat(UI.getCurrent().getCurrentView()).as(link).isInstanceOf(MessageAnalyticsView.class);
        var list = _get(Div.class, spec -> spec.withClasses("analytics-links"));
        var texts = _find(list, Span.class).stream()
                .filter(span -> span.hasClassName(SafeLinks.TEXT_CLASS))
                .map(Span::getText)
                .toList();
        assertThat(texts).as(link).containsExactly(link);
        var anchors = _find(list, Anchor.class);
        assertThat(anchors).as(link).hasSize(1);
        assertThat(anchors.getFirst().getHref()).isEqualTo(WEB_LINK);
        assertThat(anchors.getFirst().getElement().getAttribute("rel")).isEqualTo("noopener noreferrer");
        assertThat(_get(com.vaadin.flow.component.html.Paragraph.class, spec -> spec.withId("message-content"))
                        .getText())
                .contains(link);
    }

    @Test
    void theAnalyticsPageShowsLinksOfOtherSchemesAsText() {
        login("anna");
        for (int i = 0; i < LINKS.size(); i++) {
            UI.getCurrent().navigate("mobile-marketing/messages/" + messages.get(i));
            assertLinksShownSafely(LINKS.get(i));
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void supportFindsAndOpensThemToo() {
        login("support");
        for (int i = 0; i < LINKS.size(); i++) {
            UI.getCurrent().navigate(SupportView.ROUTE);
            _setValue(_get(TextField.class, spec -> spec.withId("support-search")), Long.toString(messages.get(i)));
            _click(_get(Button.class, spec -> spec.withId("support-search-button")));
            Grid<MessageHit> results = _get(Grid.class, spec -> spec.withId("support-results"));
            var ids =
                    GridKt._findAll(results).stream().map(MessageHit::messageId).toList();
            assertThat(ids).contains(messages.get(i));
            GridKt._clickItem(results, ids.indexOf(messages.get(i)));
            assertLinksShownSafely(LINKS.get(i));
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theMessageGridListsThem() {
        login("anna");
        UI.getCurrent().navigate(DashboardView.ROUTE, QueryParameters.simple(Map.of()));
        _setValue(_get(TextField.class, spec -> spec.withId("message-search")), "Link ");
        Grid<MessageRow> grid = _get(Grid.class, spec -> spec.withId("message-grid"));
        var rows = GridKt._fetch(grid, 0, GridKt._size(grid));
        var names = new ArrayList<Object>();
        for (int row = 0; row < rows.size(); row++) {
            if (messages.contains(rows.get(row).id())) {
                names.add(
                        LitCells.properties(grid, row, MessageColumn.NAME.key()).get("name"));
            }
        }
        assertThat(names)
                .containsExactlyInAnyOrderElementsOf(
                        LINKS.stream().map(link -> "Link " + link).toList());
    }
}
