package com.mobilemarketing.analytics.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.mobilemarketing.KaribuTest;
import com.mobilemarketing.TestMessages;
import com.mobilemarketing.analytics.RecipientRow;
import com.mobilemarketing.analytics.WhoList;
import com.mobilemarketing.core.db.Tenant;
import com.mobilemarketing.core.live.LiveUpdates;
import com.mobilemarketing.core.ui.EChart;
import com.mobilemarketing.core.ui.Formats;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The analytics page of one message: every figure equals a recount written here from the raw
 * recipient and click rows (never the production queries or rollups).
 */
class MessageAnalyticsViewTest extends KaribuTest {

    @org.springframework.beans.factory.annotation.Autowired
    private LiveUpdates liveUpdates;

    private long whatsapp;
    private Locale locale;

    @BeforeEach
    void openTheLargestWhatsAppMessage() {
        whatsapp = largest("m.channel = 'WHATSAPP'");
        login("anna");
        UI.getCurrent().navigate("mobile-marketing/messages/" + whatsapp);
        locale = UI.getCurrent().getLocale();
    }

    private long largest(String condition) {
        return Tenant.call(
                FLORA,
                () -> queryLong(
                        "select m.id from message m join message_recipient r on r.account_id = m.account_id and r.message_id = m.id "
                                + "where m.account_id = 1 and " + condition
                                + " group by m.id order by count(*) desc, m.id limit 1"));
    }

    private long recount(long message, String condition) {
        return Tenant.call(
                FLORA,
                () -> queryLong(
                        "select count(*) from message_recipient where account_id = 1 and message_id = ? and "
                                + condition,
                        message));
    }

    private String text(String id) {
        return _get(Span.class, spec -> spec.withId(id)).getText();
    }

    private static String textOf(Component component) {
        return component.getElement().getTextRecursively();
    }

    @Test
    void creditedOrdersAreListedWithTheirTouchAndSumToTheRevenue() {
        var message = Tenant.call(
                FLORA,
                () -> queryLong("select message_id from message_revenue where account_id = 1 and orders > 0 "
                        + "order by orders desc, message_id limit 1"));
        UI.getCurrent().navigate("mobile-marketing/messages/" + message);
        var orders = Tenant.call(
                FLORA,
                () -> queryLong(
                        "select count(*) from order_attribution where account_id = 1 and message_id = ?", message));
        var section = _get(
                com.vaadin.flow.component.orderedlayout.VerticalLayout.class, spec -> spec.withId("attributed-orders"));
        assertThat(textOf(section)).contains("atrybucja: ostatnie kliknięcie, 5 dni");
        assertThat(_get(com.vaadin.flow.component.html.Paragraph.class, spec -> spec.withId("orders-summary"))
                        .getText())
                .startsWith("Zamówienia: " + orders)
                .contains("Przychód: ");
        var rows = section.getChildren()
                .flatMap(Component::getChildren)
                .filter(c -> c.getClassNames().contains("attributed-order"))
                .toList();
        assertThat(rows).hasSize((int) Math.min(orders, 200));
        assertThat(textOf(rows.getFirst())).containsPattern("(klik|odczyt|doręczenie) \\d+ (min|h|dni) po wysłaniu");
        assertThat(_get(com.vaadin.flow.component.html.Anchor.class, spec -> spec.withId("orders-csv")))
                .isNotNull();
    }

    @Test
    void creditedOrdersHaveTheirWhoListAndTheirRevenueOverTimeEqualsTheRecount() {
        var message = Tenant.call(
                FLORA,
                () -> queryLong("select message_id from message_revenue where account_id = 1 and orders > 1 "
                        + "order by orders desc, message_id limit 1"));
        UI.getCurrent().navigate("mobile-marketing/messages/" + message);
        // The recount view computes the attribution from raw orders and recipients.
        var contacts = Tenant.call(
                FLORA,
                () -> db.fetch(
                                "select distinct contact_id from order_attribution_recount where account_id = 1 and message_id = ? order by 1",
                                message)
                        .getValues(0, Long.class));
        var revenueMinor = Tenant.call(
                FLORA,
                () -> queryLong(
                        "select coalesce(sum(revenue_minor), 0) from order_attribution_recount where account_id = 1 and message_id = ?",
                        message));
        assertThat(contacts).isNotEmpty();

        // Who? lists the contacts of the credited orders, with the time of their last order.
        _click(_get(com.vaadin.flow.component.button.Button.class, spec -> spec.withId("orders-who")));
        @SuppressWarnings("unchecked")
        Grid<RecipientRow> who = _get(Grid.class, spec -> spec.withId("who-grid"));
        assertThat(GridKt._size(who)).isEqualTo(contacts.size());
        var rows = GridKt._fetch(who, 0, contacts.size() + 10);
        assertThat(rows.stream().map(RecipientRow::contactId).toList()).isEqualTo(contacts);
        var lastOrder = Tenant.call(
                FLORA,
                () -> queryValue(
                        java.time.OffsetDateTime.class,
                        "select max(placed_at) from order_attribution_recount where account_id = 1 and message_id = ? and contact_id = ?",
                        message,
                        contacts.getFirst()));
        assertThat(rows.getFirst().listEventAt()).isEqualTo(lastOrder);
        assertThat(text("who-total")).isEqualTo("Odbiorców: " + Formats.count(contacts.size(), locale));
        _get(com.vaadin.flow.component.dialog.Dialog.class, spec -> spec.withId("who-dialog"))
                .close();

        // Revenue over time after sending: the bars add up to the message's revenue, the running total ends on it.
        var option = JsonMapper.builder()
                .build()
                .readTree(_get(EChart.class, spec -> spec.withId("orders-revenue-chart"))
                        .getOptionJson());
        var bars = option.get("series").get(0);
        var sum = java.math.BigDecimal.ZERO;
        for (var value : bars.get("data")) {
            sum = sum.add(value.decimalValue());
        }
        var expected = com.mobilemarketing.core.metrics.Revenue.amount(revenueMinor, "PLN");
        assertThat(sum).isEqualByComparingTo(expected);
        var running = option.get("series").get(1).get("data");
        assertThat(running.get(running.size() - 1).decimalValue()).isEqualByComparingTo(expected);
        assertThat(bars.get("itemStyle").get("color").asString())
                .isEqualTo(com.mobilemarketing.core.metrics.Metric.REVENUE.color());
        assertThat(option.get("yAxis").get("axisLabel").get("formatter").asString())
                .isEqualTo("{value} zł");
    }

    @Test
    void aCampaignMessageShowsTheCampaignsReachAndLinksItsOtherMessages() {
        var message = largest("m.campaign_id is not null and m.channel = 'WHATSAPP'");
        var campaign = Tenant.call(
                FLORA, () -> queryLong("select campaign_id from message where account_id = 1 and id = ?", message));
        var others = Tenant.call(
                FLORA,
                () -> db.fetch(
                                "select id from message where account_id = 1 and campaign_id = ? and id <> ?",
                                campaign,
                                message)
                        .getValues(0, Long.class));
        assertThat(others).isNotEmpty();
        UI.getCurrent().navigate("mobile-marketing/messages/" + message);
        var section = _get(
                com.vaadin.flow.component.orderedlayout.VerticalLayout.class,
                spec -> spec.withId("analytics-campaign"));
        assertThat(textOf(section)).startsWith("Kampania");
        var reached = Tenant.call(FLORA, () -> queryLong("""
                select count(distinct r.contact_id) from message_recipient r
                join message m on m.account_id = r.account_id and m.id = r.message_id
                where m.account_id = 1 and m.campaign_id = ? and r.delivered_at is not null""", campaign));
        assertThat(reached).isPositive();
        var reachedRow = _get(com.vaadin.flow.component.html.Div.class, spec -> spec.withId("campaign-reached"));
        assertThat(textOf(reachedRow))
                .isEqualTo("Unikalni odbiorcy" + com.mobilemarketing.core.ui.Formats.count(reached, locale));
        // SMS has no reads: "—", never 0.
        if (_find(com.vaadin.flow.component.html.Div.class, spec -> spec.withId("campaign-first-SMS"))
                        .size()
                == 1) {
            assertThat(textOf(
                            _get(com.vaadin.flow.component.html.Div.class, spec -> spec.withId("campaign-first-SMS"))))
                    .endsWith("—");
        }
        for (var other : others) {
            var link =
                    _get(com.vaadin.flow.component.html.Anchor.class, spec -> spec.withId("campaign-message-" + other));
            assertThat(link.getHref()).startsWith("mobile-marketing/messages/" + other);
        }
    }

    @Test
    void aMessageOutsideACampaignHasNoCampaignSection() {
        UI.getCurrent().navigate("mobile-marketing/messages/" + largest("m.campaign_id is null"));
        assertThat(_find(
                        com.vaadin.flow.component.orderedlayout.VerticalLayout.class,
                        spec -> spec.withId("analytics-campaign")))
                .isEmpty();
    }

    @Test
    void funnelEqualsTheRecount() {
        assertThat(UI.getCurrent().getCurrentView()).isInstanceOf(MessageAnalyticsView.class);
        _get(Div.class, spec -> spec.withId("message-header"));
        long sent = recount(whatsapp, "sent_at is not null");
        long delivered = recount(whatsapp, "delivered_at is not null");
        long opened = recount(whatsapp, "opened_at is not null");
        long clicked = recount(whatsapp, "clicked_at is not null");
        long undelivered = recount(whatsapp, "failed_at is not null and delivered_at is null");
        assertThat(sent).isPositive();
        assertThat(undelivered).isPositive();
        assertThat(text("funnel-sent")).isEqualTo(Formats.count(sent, locale));
        assertThat(text("funnel-delivered")).isEqualTo(Formats.count(delivered, locale));
        assertThat(text("funnel-opened")).isEqualTo(Formats.count(opened, locale));
        assertThat(text("funnel-clicked")).isEqualTo(Formats.count(clicked, locale));
        assertThat(text("funnel-undelivered")).isEqualTo(Formats.count(undelivered, locale));
        assertThat(text("funnel-delivered-detail")).contains(Formats.rate(delivered, sent, locale));
        assertThat(text("funnel-opened-detail")).contains(Formats.rate(opened, delivered, locale));
        assertThat(text("funnel-clicked-detail")).contains(Formats.rate(clicked, delivered, locale));
    }

    @Test
    @SuppressWarnings("unchecked")
    void readsAndClicksByLocalWeekdayAndHourEqualTheRecount() {
        var chart = _get(EChart.class, spec -> spec.withId("message-weekhours-chart"));
        var cells = Tenant.call(FLORA, () -> db.fetch("""
                select extract(isodow from opened_at at time zone 'Europe/Warsaw')::int - 1 as day,
                       extract(hour from opened_at at time zone 'Europe/Warsaw')::int as hour, count(*) as n
                from message_recipient where account_id = 1 and message_id = ? and opened_at is not null
                group by 1, 2""", whatsapp));
        assertThat(cells).isNotEmpty();
        var option = JsonMapper.builder().build().readTree(chart.getOptionJson());
        var data = option.get("series").get(0).get("data");
        assertThat(data).hasSize(cells.size());
        for (var cell : cells) {
            var found = false;
            for (var point : data) {
                if (point.get(0).asInt() == cell.get("hour", Integer.class)
                        && point.get(1).asInt() == cell.get("day", Integer.class)) {
                    assertThat(point.get(2).asLong()).isEqualTo(cell.get("n", Long.class));
                    found = true;
                }
            }
            assertThat(found).as("cell %s", cell).isTrue();
        }
        // Clicks instead of reads.
        Select<com.mobilemarketing.core.metrics.Metric> measure =
                _get(Select.class, spec -> spec.withId("message-weekhours-measure"));
        _setValue(measure, com.mobilemarketing.core.metrics.Metric.CLICKED);
        long clicks = 0;
        for (var point : JsonMapper.builder()
                .build()
                .readTree(chart.getOptionJson())
                .get("series")
                .get(0)
                .get("data")) {
            clicks += point.get(2).asLong();
        }
        assertThat(clicks).isEqualTo(recount(whatsapp, "clicked_at is not null"));
    }

    @Test
    void newEventsRefreshTheFiguresLive() {
        var messages = new TestMessages(db);
        try {
            var message =
                    messages.create(FLORA, "WHATSAPP", null, 4, clock.instant().minusSeconds(3600), true);
            // A fresh page that starts its live refresh on attach.
            UI.getCurrent().navigate(com.mobilemarketing.dashboard.ui.DashboardView.class);
            UI.getCurrent().navigate("mobile-marketing/messages/" + message.id());
            assertDeliveriesShowLive(message);
        } finally {
            messages.removeAll();
        }
    }

    @Test
    void anotherMessageEnteredInTheSameUiRefreshesLive() {
        var messages = new TestMessages(db);
        try {
            var message =
                    messages.create(FLORA, "WHATSAPP", null, 4, clock.instant().minusSeconds(3600), true);
            var whatsappPage = UI.getCurrent().getCurrentView();
            UI.getCurrent().navigate("mobile-marketing/messages/" + message.id());
            // The router enters the attached page again with the other id: no attach starts a refresh.
            assertThat(UI.getCurrent().getCurrentView()).isSameAs(whatsappPage);
            assertDeliveriesShowLive(message);
        } finally {
            messages.removeAll();
        }
    }

    /** Two of the message's four recipients are delivered: the open page shows it without a reload. */
    private void assertDeliveriesShowLive(TestMessages.TestMessage message) {
        assertThat(text("funnel-sent")).isEqualTo(Formats.count(4, locale));
        assertThat(text("funnel-delivered")).isEqualTo(Formats.count(0, locale));
        Tenant.run(
                FLORA,
                () -> db.execute(
                        "update message_recipient set delivered_at = sent_at + interval '1 minute' "
                                + "where account_id = 1 and message_id = ? and contact_id = any(?)",
                        message.id(),
                        message.contacts().subList(0, 2).toArray(Long[]::new)));
        liveUpdates.changed(new LiveUpdates.Change(FLORA, java.util.Set.of(message.id()), java.time.Instant.now()));
        var expected = Formats.count(2, locale);
        assertThat(com.mobilemarketing.Poll.until(
                        () -> text("funnel-delivered"),
                        expected::equals,
                        () -> com.github.mvysny.kaributesting.v10.MockVaadin.clientRoundtrip(false)))
                .isEqualTo(expected);
    }

    @Test
    void smsOnAGatewayWithoutCallbacksSaysDeliveryIsUnknown() {
        var silent = largest("m.gateway_id = 2");
        UI.getCurrent().navigate("mobile-marketing/messages/" + silent);
        assertThat(text("funnel-sent")).isEqualTo(Formats.count(recount(silent, "sent_at is not null"), locale));
        assertThat(text("funnel-delivered")).isEqualTo(Formats.NOT_AVAILABLE);
        assertThat(text("funnel-opened")).isEqualTo(Formats.NOT_AVAILABLE);
        assertThat(text("funnel-undelivered")).isEqualTo(Formats.NOT_AVAILABLE);
        assertThat(text("funnel-clicked")).isEqualTo(Formats.count(recount(silent, "clicked_at is not null"), locale));
        assertThat(_get(com.vaadin.flow.component.html.Paragraph.class, spec -> spec.withId("delivery-unknown-note"))
                        .getText())
                .contains("Bramka Ekonomiczna");
        // A rate without a base is a dash alone ("CTR — dostarczonych" read oddly), the reason its tooltip.
        var ctr = _get(Span.class, spec -> spec.withId("funnel-clicked-detail"));
        assertThat(ctr.getText()).isEqualTo(Formats.NOT_AVAILABLE);
        assertThat(ctr.getElement().getAttribute("aria-label")).contains("raportów doręczeń");
    }

    @Test
    void aScheduledMessageShowsItsContentAndDashesForRatesWithoutABase() {
        var scheduled = Tenant.call(
                FLORA, () -> queryLong("select min(id) from message where account_id = 1 and state = 'SCHEDULED'"));
        UI.getCurrent().navigate("mobile-marketing/messages/" + scheduled);
        assertThat(_get(com.vaadin.flow.component.html.H3.class, spec -> spec.withText("Treść wiadomości")))
                .isNotNull();
        assertThat(text("funnel-sent")).isEqualTo("0");
        for (var id : java.util.List.of("funnel-delivered-detail", "funnel-undelivered-detail")) {
            var detail = _get(Span.class, spec -> spec.withId(id));
            assertThat(detail.getText()).as(id).isEqualTo(Formats.NOT_AVAILABLE);
            assertThat(detail.getElement().getAttribute("aria-label"))
                    .as(id)
                    .isEqualTo("Nie da się policzyć: nikomu nie wysłano tej wiadomości.");
        }
    }

    @Test
    void ratesUseTheGlossaryWords() {
        assertThat(text("funnel-delivered-detail")).startsWith("Wskaźnik dostarczenia ");
        assertThat(text("funnel-opened-detail")).startsWith("Wskaźnik otwarć ");
        assertThat(text("funnel-clicked-detail")).startsWith("CTR ");
    }

    @Test
    void failureGroupsEqualTheRecountAndOpenTheirWhoList() {
        var expected = Tenant.call(FLORA, () -> db.fetch("""
                        select coalesce(error_code, '') as code, coalesce(error_permanent, false) as permanent, count(*) as n
                        from message_recipient where account_id = 1 and message_id = ? and failed_at is not null and delivered_at is null
                        group by 1, 2 order by 3 desc, 1, 2
                        """, whatsapp))
                .map(r -> r.get("code", String.class) + "|" + Formats.count(r.get("n", Long.class), locale));
        var rows = _find(Div.class, spec -> spec.withClasses("failure-group"));
        var shown = rows.stream()
                .map(row -> {
                    var cells = row.getChildren().toList();
                    return textOf(cells.get(0)) + "|" + textOf(cells.get(3));
                })
                .toList();
        assertThat(shown).isEqualTo(expected);

        // The first group's "Who?" lists exactly its recipients.
        var first = Tenant.call(FLORA, () -> db.fetchOne("""
                select coalesce(error_code, '') as code, coalesce(error_permanent, false) as permanent
                from message_recipient where account_id = 1 and message_id = ? and failed_at is not null and delivered_at is null
                group by 1, 2 order by count(*) desc, 1, 2 limit 1
                """, whatsapp));
        var ids = Tenant.call(
                FLORA,
                () -> db.fetch("""
                        select contact_id from message_recipient where account_id = 1 and message_id = ? and failed_at is not null
                          and delivered_at is null and coalesce(error_code, '') = ? and coalesce(error_permanent, false) = ?
                        order by contact_id
                        """, whatsapp, first.get("code", String.class), first.get("permanent", Boolean.class))
                        .getValues(0, Long.class));
        _click(_get(com.vaadin.flow.component.button.Button.class, spec -> spec.withId("failure-who-0")));
        @SuppressWarnings("unchecked")
        Grid<RecipientRow> who = _get(Grid.class, spec -> spec.withId("who-grid"));
        assertThat(GridKt._size(who)).isEqualTo(ids.size());
        assertThat(GridKt._fetch(who, 0, ids.size() + 10).stream()
                        .map(RecipientRow::contactId)
                        .toList())
                .isEqualTo(ids);
    }

    @Test
    void linkClicksEqualTheRecountAndOpenTheirClickers() {
        var expected = Tenant.call(FLORA, () -> db.fetch("""
                        select l.link_no, count(c.id) as clicks, count(distinct c.contact_id) as uniq
                        from message_link l left join click_event c
                          on c.account_id = l.account_id and c.message_id = l.message_id and c.link_no = l.link_no
                        where l.account_id = 1 and l.message_id = ? group by l.link_no order by l.link_no
                        """, whatsapp))
                .map(r -> r.get("link_no", Integer.class) + "|" + Formats.count(r.get("clicks", Long.class), locale)
                        + "|" + Formats.count(r.get("uniq", Long.class), locale));
        var shown = _find(Div.class, spec -> spec.withClasses("link-row")).stream()
                .map(row -> {
                    var cells = row.getChildren().toList();
                    return textOf(cells.get(0)) + "|" + textOf(cells.get(2)) + "|" + textOf(cells.get(3));
                })
                .toList();
        assertThat(shown).isEqualTo(expected);

        var clickers = Tenant.call(
                FLORA,
                () -> db.fetch(
                                "select distinct contact_id from click_event where account_id = 1 and message_id = ? and link_no = 1 order by 1",
                                whatsapp)
                        .getValues(0, Long.class));
        assertThat(clickers).isNotEmpty();
        _click(_get(com.vaadin.flow.component.button.Button.class, spec -> spec.withId("link-who-1")));
        @SuppressWarnings("unchecked")
        Grid<RecipientRow> who = _get(Grid.class, spec -> spec.withId("who-grid"));
        assertThat(GridKt._size(who)).isEqualTo(clickers.size());
        var rows = GridKt._fetch(who, 0, clickers.size() + 10);
        assertThat(rows.stream().map(RecipientRow::contactId).toList()).isEqualTo(clickers);
        var firstClick = Tenant.call(
                FLORA,
                () -> queryValue(
                        java.time.OffsetDateTime.class,
                        "select min(clicked_at) from click_event where account_id = 1 and message_id = ? and link_no = 1 and contact_id = ?",
                        whatsapp,
                        clickers.getFirst()));
        assertThat(rows.getFirst().listEventAt()).isEqualTo(firstClick);
    }

    @Test
    void latencyPercentilesFallIntoTheBucketOfTheExactPercentile() {
        var exact = Tenant.call(FLORA, () -> db.fetchOne("""
                select percentile_disc(0.5) within group (order by extract(epoch from delivered_at - sent_at)::float8) as d50,
                       percentile_disc(0.95) within group (order by extract(epoch from delivered_at - sent_at)::float8) as d95
                from message_recipient where account_id = 1 and message_id = ? and delivered_at is not null and sent_at is not null
                """, whatsapp));
        var read = Tenant.call(FLORA, () -> db.fetchOne("""
                select percentile_disc(0.5) within group (order by extract(epoch from opened_at - delivered_at)::float8) as r50,
                       percentile_disc(0.95) within group (order by extract(epoch from opened_at - delivered_at)::float8) as r95
                from message_recipient where account_id = 1 and message_id = ? and opened_at is not null and delivered_at is not null
                """, whatsapp));
        assertThat(text("latency-delivery-p50"))
                .isEqualTo(AnalyticsTexts.latency(bucket(exact.get("d50", Double.class)), locale));
        assertThat(text("latency-delivery-p95"))
                .isEqualTo(AnalyticsTexts.latency(bucket(exact.get("d95", Double.class)), locale));
        assertThat(text("latency-read-p50"))
                .isEqualTo(AnalyticsTexts.latency(bucket(read.get("r50", Double.class)), locale));
        assertThat(text("latency-read-p95"))
                .isEqualTo(AnalyticsTexts.latency(bucket(read.get("r95", Double.class)), locale));
        assertThat(text("latency-read-p50")).startsWith("≈");
    }

    /** The histogram's bucket of a latency, written independently of the production code. */
    private static int bucket(double seconds) {
        return seconds < 0.1 ? 0 : 1 + (int) Math.floor(Math.log(seconds / 0.1) / Math.log(1.05));
    }

    @Test
    void timelineSumsEqualTheRecount() throws Exception {
        var chart = _get(EChart.class, spec -> spec.withClasses("analytics-timeline-chart"));
        var option = JsonMapper.builder().build().readTree(chart.getOptionJson());
        var sums = new ArrayList<Long>();
        for (var series : option.get("series")) {
            long sum = 0;
            for (var value : series.get("data")) {
                sum += value.asLong();
            }
            sums.add(sum);
        }
        assertThat(sums)
                .containsExactly(
                        recount(whatsapp, "delivered_at is not null"),
                        recount(whatsapp, "opened_at is not null"),
                        recount(whatsapp, "clicked_at is not null"));
        assertThat(chart.getElement().getAttribute("aria-label")).isNotBlank();
        assertThat(chart.getElement().getAttribute("lang")).isEqualTo("pl-PL");
    }

    @Test
    @SuppressWarnings("unchecked")
    void recipientsFilterAndSearch() {
        Grid<RecipientRow> grid = _get(Grid.class, spec -> spec.withId("recipients-grid"));
        assertThat(GridKt._size(grid)).isEqualTo(recount(whatsapp, "true"));

        Select<WhoList> status = _get(Select.class, spec -> spec.withId("recipients-status-filter"));
        _setValue(status, WhoList.OPENED);
        var opened = Tenant.call(
                FLORA,
                () -> db.fetch(
                                "select contact_id from message_recipient where account_id = 1 and message_id = ? and opened_at is not null order by 1",
                                whatsapp)
                        .getValues(0, Long.class));
        assertThat(GridKt._size(grid)).isEqualTo(opened.size());
        var pages = new ArrayList<Long>();
        for (int offset = 0; offset < 150; offset += 50) {
            GridKt._fetch(grid, offset, 50).forEach(row -> pages.add(row.contactId()));
        }
        assertThat(pages).isEqualTo(opened.subList(0, Math.min(150, opened.size())));

        _setValue(_get(TextField.class, spec -> spec.withId("recipients-search")), "Nowak");
        var matching = Tenant.call(FLORA, () -> db.fetch("""
                        select r.contact_id from message_recipient r join contact c on c.account_id = r.account_id and c.id = r.contact_id
                        where r.account_id = 1 and r.message_id = ? and r.opened_at is not null
                          and lower(c.first_name || ' ' || c.last_name || ' ' || c.phone) like '%nowak%'
                        order by 1
                        """, whatsapp).getValues(0, Long.class));
        assertThat(matching).isNotEmpty();
        var found = new ArrayList<Long>();
        for (int offset = 0; ; offset += 50) {
            List<RecipientRow> page = GridKt._fetch(grid, offset, 50);
            page.forEach(row -> found.add(row.contactId()));
            if (page.size() < 50) {
                break;
            }
        }
        assertThat(found).isEqualTo(matching);
    }

    @Test
    void csvOfASmallMessage() {
        var small = Tenant.call(FLORA, () -> queryLong("""
                select m.id from message m where m.account_id = 1 and m.type = 'TEST' and m.state = 'SENT' and m.channel = 'WHATSAPP'
                  and exists (select 1 from message_recipient r where r.account_id = 1 and r.message_id = m.id and r.delivered_at is not null)
                order by (select count(*) from message_recipient r where r.account_id = 1 and r.message_id = m.id) desc, m.id limit 1
                """));
        UI.getCurrent().navigate("mobile-marketing/messages/" + small);
        var view = (MessageAnalyticsView) UI.getCurrent().getCurrentView();
        var out = new ByteArrayOutputStream();
        long rows = view.writeCsv(out);
        var bytes = out.toByteArray();
        assertThat(bytes[0]).isEqualTo((byte) 0xEF);
        assertThat(bytes[1]).isEqualTo((byte) 0xBB);
        assertThat(bytes[2]).isEqualTo((byte) 0xBF);
        var lines = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8).split("\r\n");
        var expected = Tenant.call(FLORA, () -> db.fetch("""
                        select r.contact_id || ',' || c.first_name || ' ' || c.last_name || ',''' || c.phone || ','
                               || coalesce(cc.opted_in::text, '') || ','
                               || case when r.clicked_at is not null then 'CLICKED' when r.opened_at is not null then 'OPENED'
                                       when r.delivered_at is not null then 'DELIVERED' when r.failed_at is not null then 'UNDELIVERED'
                                       when r.sent_at is not null then 'SENT' else 'NOT_SENT' end || ','
                               || coalesce(to_char(r.sent_at at time zone 'Europe/Warsaw', 'YYYY-MM-DD HH24:MI:SS'), '') || ','
                               || coalesce(to_char(r.delivered_at at time zone 'Europe/Warsaw', 'YYYY-MM-DD HH24:MI:SS'), '') || ','
                               || coalesce(to_char(r.opened_at at time zone 'Europe/Warsaw', 'YYYY-MM-DD HH24:MI:SS'), '') || ','
                               || coalesce(to_char(r.clicked_at at time zone 'Europe/Warsaw', 'YYYY-MM-DD HH24:MI:SS'), '') || ','
                               || coalesce(to_char(r.failed_at at time zone 'Europe/Warsaw', 'YYYY-MM-DD HH24:MI:SS'), '') || ','
                               || coalesce(r.error_code, '') || ','
                               || case when r.error_permanent then 'PERMANENT' when not r.error_permanent then 'TEMPORARY' else '' end
                        from message_recipient r
                        join contact c on c.account_id = r.account_id and c.id = r.contact_id
                        left join contact_consent cc on cc.account_id = r.account_id and cc.contact_id = r.contact_id and cc.channel = 'WHATSAPP'
                        where r.account_id = 1 and r.message_id = ? order by r.contact_id
                        """, small).getValues(0, String.class));
        assertThat(rows).isEqualTo(expected.size());
        assertThat(lines).hasSize(expected.size() + 1);
        assertThat(lines[0]).startsWith(view.getTranslation("analytics.csv.contact-id") + ",");
        assertThat(List.of(lines).subList(1, lines.length)).isEqualTo(expected);
        _get(com.vaadin.flow.component.html.Anchor.class, spec -> spec.withId("recipients-csv"));
    }
}
