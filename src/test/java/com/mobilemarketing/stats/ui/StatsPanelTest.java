package com.mobilemarketing.stats.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.BasicUtilsKt;
import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.HasValueUtilsKt;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.NotificationsKt;
import com.mobilemarketing.KaribuTest;
import com.mobilemarketing.Poll;
import com.mobilemarketing.TestMessages;
import com.mobilemarketing.TestUsers;
import com.mobilemarketing.contacts.OptInContact;
import com.mobilemarketing.contacts.OverlapPart;
import com.mobilemarketing.core.live.LiveUpdates;
import com.mobilemarketing.core.metrics.Metric;
import com.mobilemarketing.core.metrics.MetricFormat;
import com.mobilemarketing.core.metrics.Revenue;
import com.mobilemarketing.core.time.RangePreset;
import com.mobilemarketing.core.ui.EChart;
import com.mobilemarketing.core.ui.Formats;
import com.mobilemarketing.core.ui.LiveRefresh;
import com.mobilemarketing.core.ui.PartsBelow;
import com.mobilemarketing.dashboard.ui.DashboardView;
import com.mobilemarketing.db.enums.Channel;
import com.mobilemarketing.export.ui.FilesView;
import com.mobilemarketing.stats.SendTimes;
import com.mobilemarketing.stats.StatsComparison;
import com.mobilemarketing.stats.StatsRecount;
import com.mobilemarketing.stats.StatsSource;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.NativeDetails;
import com.vaadin.flow.component.html.NativeTable;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.QueryParameters;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.ExecuteListenerProvider;
import org.jooq.impl.DefaultExecuteListenerProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The stats panel on the dashboard, driven like a user: sources, ranges, "Who?", URL, live updates. */
class StatsPanelTest extends KaribuTest {

    private static final Set<Channel> FLORA_CHANNELS = EnumSet.allOf(Channel.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    private LiveUpdates liveUpdates;

    @Autowired
    private com.mobilemarketing.stats.ReachRepository reach;

    @Autowired
    private com.mobilemarketing.stats.ReachSketchTask reachTask;

    private StatsRecount recounts;
    private ExecuteListenerProvider[] listeners = new ExecuteListenerProvider[0];

    /** Each test signs in as a marketer of its own: the choices it saves are nobody else's. */
    private TestUsers users;

    private TestUsers.TestUser user;

    @BeforeEach
    void ownUsers() {
        recounts = new StatsRecount(db);
        users = new TestUsers(db);
    }

    @AfterEach
    void removeUsers() {
        users.removeAll();
    }

    @Test
    void theTilesComeInTheFirstResponseAndThePartsBelowThemWhenTheBrowserAsks() {
        user = users.marketer(FLORA);
        login(user.username());
        UI.getCurrent().navigate(FilesView.class);
        UI.getCurrent().navigate(DashboardView.ROUTE);
        // find() walks the tree as it is: a Karibu lookup would first play the browser's next round trip.
        var sent = find("tile-sent-value").orElseThrow().getElement().getText();
        assertThat(sent)
                .isEqualTo(count(recounts.recount(FLORA, FLORA_CHANNELS, RangePreset.LAST_30_DAYS)
                        .sent()));
        var below = List.of("stats-reach", "stats-channel-rows", "stats-chart-daily", "stats-heatmap", "stats-overlap");
        for (var id : below) {
            assertThat(find(id)).as(id).isEmpty();
        }

        MockVaadin.clientRoundtrip(true);
        for (var id : below) {
            assertThat(find(id)).as(id).isPresent();
        }
        var panel = _get(StatsPanel.class);
        panel.getChildren()
                .filter(PartsBelow.class::isInstance)
                .map(PartsBelow.class::cast)
                .forEach(PartsBelow::show); // asked again (a replayed request): nothing is added twice
        assertThat(_find(Component.class, spec -> spec.withId("stats-overlap"))).hasSize(1);
        // Drawn from the same reading as the tiles: the channel rows add up to the tile.
        Grid<?> rows = _get(Grid.class, spec -> spec.withId("stats-channel-rows"));
        var sum = 0L;
        for (int i = 0; i < GridKt._size(rows); i++) {
            sum += Long.parseLong(GridKt._getFormattedRow(rows, i).get(1).replaceAll("\\D", ""));
        }
        assertThat(count(sum)).isEqualTo(sent);
    }

    @Test
    void defaultsToAllChannelsAndTheLast30DaysWithARowPerChannel() {
        openDashboard(FLORA, "");
        assertThat(source().getValue()).isEqualTo(StatsSource.ALL);
        assertThat(range().getValue()).isEqualTo(RangePreset.LAST_30_DAYS.name());
        assertThat(source().getListDataView().getItems())
                .containsExactly(StatsSource.ALL, StatsSource.SMS, StatsSource.WHATSAPP, StatsSource.VIBER);
        var ranges = new ArrayList<String>();
        for (var preset : RangePreset.values()) {
            ranges.add(preset.name());
        }
        ranges.add("CUSTOM");
        assertThat(range().getListDataView().getItems()).containsExactlyElementsOf(ranges);
        assertTilesEqualRecount(FLORA, StatsSource.ALL, RangePreset.LAST_30_DAYS);

        Grid<?> rows = _get(Grid.class, spec -> spec.withId("stats-channel-rows"));
        assertThat(rows.isVisible()).isTrue();
        assertThat(GridKt._size(rows)).isEqualTo(3);
        var sms = GridKt._getFormattedRow(rows, 0);
        var smsRecount = recounts.recount(FLORA, Set.of(Channel.SMS), RangePreset.LAST_30_DAYS);
        assertThat(sms.get(1)).isEqualTo(count(smsRecount.sent()));
        assertThat(sms.get(4)).isEqualTo(Formats.NOT_AVAILABLE);
        var viber = GridKt._getFormattedRow(rows, 2);
        var viberRecount = recounts.recount(FLORA, Set.of(Channel.VIBER), RangePreset.LAST_30_DAYS);
        assertThat(viber.get(4)).isEqualTo(count(viberRecount.opened()));

        // Open rate of "All" = opens of WhatsApp + Viber over their deliveries only.
        var all = recounts.recount(FLORA, FLORA_CHANNELS, RangePreset.LAST_30_DAYS);
        assertThat(text("tile-opened-rate")).contains(Formats.rate(all.opened(), all.openBase(), locale()));
        // ... and the tile says so itself, not only in a tooltip.
        assertThat(text("tile-opened-rate")).startsWith("Wskaźnik otwarć (tylko WhatsApp i Viber): ");
        assertThat(text("tile-delivered-rate")).contains(Formats.rate(all.delivered(), all.sent(), locale()));
        assertThat(text("tile-clicked-rate")).contains(Formats.rate(all.clicked(), all.delivered(), locale()));
        assertThat(text("stats-updated")).isEqualTo("Zaktualizowano 0 s temu");

        // Change against the 30 days before (17 Sep – 16 Oct).
        var previous = recounts.recount(
                FLORA, FLORA_CHANNELS, LocalDate.parse("2026-09-17"), LocalDate.parse("2026-10-16"), true);
        assertThat(previous.sent()).isPositive();
        assertThat(text("tile-sent-change"))
                .contains(Formats.percent((double) (all.sent() - previous.sent()) / previous.sent(), locale()))
                .contains("względem poprzedniego okresu");
    }

    @Test
    void ordersAndRevenueEqualTheRecountWithTheAttributionNamed() {
        openDashboard(FLORA, "");
        var range = StatsRecount.RANGES.get(RangePreset.LAST_30_DAYS);
        var revenue =
                recounts.revenue(FLORA, FLORA_CHANNELS, LocalDate.parse(range[0]), LocalDate.parse(range[1]), true);
        assertThat(revenue.orders()).isPositive();
        assertThat(text("tile-orders-value")).isEqualTo(count(revenue.orders()));
        assertThat(text("tile-revenue-value"))
                .isEqualTo(MetricFormat.money(Revenue.amount(revenue.revenueMinor(), "PLN"), "PLN", locale()))
                .endsWith("zł");
        assertThat(text("tile-revenue-note")).startsWith("atrybucja: ostatnie kliknięcie, 5 dni");
        assertThat(text("tile-orders-rate")).startsWith("Współczynnik konwersji: ");
        assertThat(text("tile-revenue-rate"))
                .contains("Przychód na odbiorcę: ")
                .contains("Średnia wartość zamówienia: ");
        assertThat(text("tile-revenue-change")).isNotEmpty();

        // Per channel, summing to "All".
        Grid<?> rows = _get(Grid.class, spec -> spec.withId("stats-channel-rows"));
        var orders = rows.getColumns().indexOf(rows.getColumnByKey("orders"));
        long sum = 0;
        for (int i = 0; i < GridKt._size(rows); i++) {
            sum += Long.parseLong(GridKt._getFormattedRow(rows, i).get(orders).replaceAll("\\D", ""));
        }
        assertThat(sum).isEqualTo(revenue.orders());
    }

    @Test
    void revenueIsChartedDayByDayAndPerChannelOnItsOwnAxisAndInTheDataTables() {
        openDashboard(FLORA, "?source=ALL&range=CUSTOM&from=2026-10-20&to=2026-11-15&compare=PREVIOUS_YEAR");
        var first = LocalDate.parse("2026-10-20");
        var last = LocalDate.parse("2026-11-15");
        var now = recounts.revenue(FLORA, FLORA_CHANNELS, first, last, true);
        var yearBefore = recounts.revenue(
                FLORA, FLORA_CHANNELS, LocalDate.parse("2025-10-20"), LocalDate.parse("2025-11-15"), true);
        assertThat(now.revenueMinor()).isPositive();
        assertThat(yearBefore.revenueMinor()).isPositive();

        // The daily chart: revenue on the right axis in złoty, in the metric palette's revenue colour,
        // summing to the recount; the year-earlier revenue faded beside it.
        var daily = json("stats-chart-daily");
        assertThat(daily.get("yAxis")).hasSize(2);
        assertThat(daily.get("yAxis").get(1).get("axisLabel").get("formatter").asString())
                .isEqualTo("{value} zł");
        var series = daily.get("series");
        var half = series.size() / 2;
        var revenue = series.get(half - 1);
        assertThat(revenue.get("name").asString()).isEqualTo("Przychód");
        assertThat(revenue.get("yAxisIndex").asInt()).isEqualTo(1);
        assertThat(revenue.get("color").asString()).isEqualTo(Metric.REVENUE.color());
        assertThat(moneySum(revenue)).isEqualByComparingTo(Revenue.amount(now.revenueMinor(), "PLN"));
        var fadedRevenue = series.get(series.size() - 1);
        assertThat(fadedRevenue.get("name").asString()).isEqualTo("Przychód — rok wcześniej");
        assertThat(fadedRevenue.get("lineStyle").get("type").asString()).isEqualTo("dashed");
        assertThat(fadedRevenue.get("yAxisIndex").asInt()).isEqualTo(1);
        assertThat(moneySum(fadedRevenue)).isEqualByComparingTo(Revenue.amount(yearBefore.revenueMinor(), "PLN"));
        assertThat(chart("stats-chart-daily").getElement().getAttribute("aria-label"))
                .contains("przychód " + MetricFormat.money(Revenue.amount(now.revenueMinor(), "PLN"), "PLN", locale()));

        // Its data table has the revenue of each day and of the day a year earlier.
        var details = _get(NativeDetails.class, spec -> spec.withId("stats-chart-daily-data"));
        details.setOpen(true);
        BasicUtilsKt._fireDomEvent(details, "toggle");
        var table = _get(NativeTable.class, spec -> spec.withId("stats-chart-daily-table"));
        var head = table.getHead().getRow(0).orElseThrow();
        var columns = head.getElement().getChildCount();
        assertThat(head.getElement().getChild(columns / 2).getText()).isEqualTo("Przychód");
        assertThat(head.getElement().getChild(columns - 1).getText()).isEqualTo("Przychód — rok wcześniej");
        var tableSum = BigDecimal.ZERO;
        for (var row : table.getBody().getRows()) {
            tableSum =
                    tableSum.add(amount(row.getElement().getChild(columns / 2).getText()));
        }
        assertThat(tableSum).isEqualByComparingTo(Revenue.amount(now.revenueMinor(), "PLN"));

        // The channel comparison: each channel's revenue under "Przychód", on the money axis.
        var channels = json("stats-chart-channels");
        assertThat(channels.get("xAxis").get("data").get(3).asString()).isEqualTo("Przychód");
        var channelSum = BigDecimal.ZERO;
        for (var channelSeries : channels.get("series")) {
            var values = channelSeries.get("data");
            if (channelSeries.has("yAxisIndex")) {
                assertThat(values.get(0).asString()).isEqualTo("-");
                channelSum = channelSum.add(values.get(3).decimalValue());
                assertThat(channelSeries.get("stack").asString())
                        .isEqualTo(channelSeries.get("name").asString());
            } else {
                assertThat(values.get(3).asString()).isEqualTo("-");
            }
        }
        assertThat(channelSum).isEqualByComparingTo(Revenue.amount(now.revenueMinor(), "PLN"));
        var whatsapp = recounts.revenue(FLORA, Set.of(Channel.WHATSAPP), first, last, true);
        var channelDetails = _get(NativeDetails.class, spec -> spec.withId("stats-chart-channels-data"));
        channelDetails.setOpen(true);
        BasicUtilsKt._fireDomEvent(channelDetails, "toggle");
        var channelTable = _get(NativeTable.class, spec -> spec.withId("stats-chart-channels-table"));
        assertThat(channelTable
                        .getHead()
                        .getRow(0)
                        .orElseThrow()
                        .getElement()
                        .getChild(4)
                        .getText())
                .isEqualTo("Przychód");
        assertThat(channelTable
                        .getBody()
                        .getRow(1)
                        .orElseThrow()
                        .getElement()
                        .getChild(4)
                        .getText())
                .isEqualTo(MetricFormat.money(Revenue.amount(whatsapp.revenueMinor(), "PLN"), "PLN", locale()));

        // In English the axis writes the code before the amount.
        UI.getCurrent().setLocale(Locale.ENGLISH);
        UI.getCurrent().navigate(FilesView.class);
        UI.getCurrent().navigate(DashboardView.ROUTE);
        assertThat(json("stats-chart-daily")
                        .get("yAxis")
                        .get(1)
                        .get("axisLabel")
                        .get("formatter")
                        .asString())
                .isEqualTo("PLN {value}");
    }

    private static BigDecimal moneySum(JsonNode series) {
        var sum = BigDecimal.ZERO;
        for (var value : series.get("data")) {
            sum = sum.add(value.decimalValue());
        }
        return sum;
    }

    /** "1 234,50 zł" as an amount. */
    private static BigDecimal amount(String money) {
        return new BigDecimal(money.replaceAll("[^0-9,]", "").replace(',', '.'));
    }

    @Test
    void switchingSourceAndRangeUpdatesTilesAndCharts() {
        openDashboard(FLORA, "");
        var dailyBefore = chart("stats-chart-daily").getOptionJson();

        HasValueUtilsKt._setValue(source(), StatsSource.SMS);
        assertTilesEqualRecount(FLORA, StatsSource.SMS, RangePreset.LAST_30_DAYS);
        assertThat(_find(Grid.class, spec -> spec.withId("stats-channel-rows"))).isEmpty();
        var smsDaily = chart("stats-chart-daily").getOptionJson();
        assertThat(smsDaily).isNotEqualTo(dailyBefore).doesNotContain("Otwarte");
        assertThat(seriesSum("stats-chart-daily", 0))
                .isEqualTo(recounts.recount(FLORA, Set.of(Channel.SMS), RangePreset.LAST_30_DAYS)
                        .sent());

        HasValueUtilsKt._setValue(range(), RangePreset.PREVIOUS_YEAR.name());
        assertTilesEqualRecount(FLORA, StatsSource.SMS, RangePreset.PREVIOUS_YEAR);
        var monthly = json("stats-chart-daily");
        assertThat(monthly.get("xAxis").get("data")).hasSize(12);
        assertThat(seriesSum("stats-chart-daily", 0))
                .isEqualTo(recounts.recount(FLORA, Set.of(Channel.SMS), RangePreset.PREVIOUS_YEAR)
                        .sent());

        HasValueUtilsKt._setValue(source(), StatsSource.WHATSAPP);
        assertTilesEqualRecount(FLORA, StatsSource.WHATSAPP, RangePreset.PREVIOUS_YEAR);
        assertThat(chart("stats-chart-daily").getOptionJson()).contains("Otwarte");

        // The channel comparison has a bar series per integrated channel, in the channels' colours,
        // and one more per channel for its revenue on the money axis.
        var channels = json("stats-chart-channels");
        assertThat(channels.get("series")).hasSize(6);
        assertThat(channels.get("series").get(1).get("itemStyle").get("color").asString())
                .isEqualTo("#1f9d55");
        assertThat(chart("stats-chart-channels").getElement().getAttribute("aria-label"))
                .contains("WhatsApp");
        assertThat(chart("stats-chart-daily").getElement().getAttribute("aria-label"))
                .contains(count(recounts.recount(FLORA, Set.of(Channel.WHATSAPP), RangePreset.PREVIOUS_YEAR)
                        .sent()));

        // Both choices are remembered for the user.
        assertThat(asAllAccounts(() -> queryStrings(
                        "select pref_key || '=' || value from user_preference where user_id = ? and pref_key like 'stats.%' order by 1",
                        user.id())))
                .containsExactly("stats.range=PREVIOUS_YEAR", "stats.source=WHATSAPP");
    }

    @Test
    void chartsWriteTheirNumbersInTheUiLanguage() {
        openDashboard(FLORA, "");
        // The connector formats axis and tooltip numbers in the chart's lang ("14 000" in Polish).
        assertThat(chart("stats-chart-daily").getElement().getAttribute("lang")).isEqualTo("pl-PL");
        assertThat(chart("stats-chart-channels").getElement().getAttribute("lang"))
                .isEqualTo("pl-PL");
        // The percent axis keeps its template; the connector puts the localised number into it.
        assertThat(json("stats-chart-channels")
                        .get("yAxis")
                        .get(0)
                        .get("axisLabel")
                        .get("formatter")
                        .asString())
                .isEqualTo("{value}%");

        UI.getCurrent().setLocale(Locale.ENGLISH);
        UI.getCurrent().navigate(FilesView.class);
        UI.getCurrent().navigate(DashboardView.ROUTE);
        assertThat(chart("stats-chart-daily").getElement().getAttribute("lang")).isEqualTo("en");
    }

    @Test
    void smsOpensAreNotMeasurableAndShowADash() {
        openDashboard(FLORA, "?source=SMS&range=LAST_7_DAYS");
        assertThat(text("tile-opened-value")).isEqualTo(Formats.NOT_AVAILABLE);
        var tile = _get(StatTile.class, spec -> spec.withId("tile-opened"));
        assertThat(tile.valueTooltip()).contains("SMS");
        assertThat(text("tile-opened-rate")).isEqualTo("Otwarć SMS nie da się zmierzyć");
        assertThat(text("tile-opened-value")).isNotEqualTo("0");
    }

    @Test
    void everySourceAndPresetShowsTheRecountAndLeavesOutTestsAndSilentGateways() {
        openDashboard(FLORA, "");
        for (var preset : RangePreset.values()) {
            HasValueUtilsKt._setValue(range(), preset.name());
            for (var s : StatsSource.values()) {
                HasValueUtilsKt._setValue(source(), s);
                assertTilesEqualRecount(FLORA, s, preset);
            }
        }
        // The exclusions matter: counting test messages and silent gateways would give another figure.
        HasValueUtilsKt._setValue(source(), StatsSource.SMS);
        HasValueUtilsKt._setValue(range(), RangePreset.LAST_12_MONTHS.name());
        var naive = asAllAccounts(() -> queryLong("""
                select count(*) from message_recipient r join message m on m.account_id = r.account_id and m.id = r.message_id
                where r.account_id = ? and m.channel = 'SMS' and r.sent_at is not null
                  and (r.sent_at at time zone 'Europe/Warsaw')::date between '2025-12-01' and '2026-11-15'""", FLORA));
        var counted = recounts.recount(FLORA, Set.of(Channel.SMS), RangePreset.LAST_12_MONTHS)
                .sent();
        assertThat(naive).isGreaterThan(counted);
        assertThat(text("tile-sent-value")).isEqualTo(count(counted));

        var all = recounts.recount(
                        FLORA,
                        Set.of(Channel.SMS),
                        StatsRecount.first(RangePreset.LAST_12_MONTHS),
                        StatsRecount.last(RangePreset.LAST_12_MONTHS),
                        false)
                .sent();
        var coverage = _get(Paragraph.class, spec -> spec.withId("stats-coverage"));
        assertThat(coverage.isVisible()).isTrue();
        assertThat(coverage.getText())
                .contains("bez callbacków")
                .contains(count(all - counted) + " z " + count(all))
                .contains(Formats.rate(counted, all, locale()));

        HasValueUtilsKt._setValue(source(), StatsSource.VIBER);
        assertThat(_find(Paragraph.class, spec -> spec.withId("stats-coverage")))
                .isEmpty();
    }

    @Test
    void channelTableHeadersWrapAndTheFirstDateKeepsOffTheYAxis() {
        openDashboard(FLORA, "");
        Grid<?> rows = _get(Grid.class, spec -> spec.withId("stats-channel-rows"));
        // "Wskaźnik dostarczenia" was cut off: headers wrap, the rates have room for a word a line.
        assertThat(rows.getThemeNames()).contains(GridVariant.LUMO_WRAP_CELL_CONTENT.getVariantName());
        assertThat(rows.getColumnByKey("delivery-rate").getWidth()).isEqualTo("8rem");
        assertThat(rows.getColumnByKey("open-rate").getWidth()).isEqualTo("8rem");

        // The first date label touched the y axis's "0" at ECharts' default 8 px label margin.
        var dateLabels = json("stats-chart-daily").get("xAxis").get("axisLabel");
        assertThat(dateLabels.get("margin").asInt()).isGreaterThan(8);
        assertThat(dateLabels.get("hideOverlap").asBoolean()).isTrue();
        assertThat(json("stats-chart-daily").get("grid").get("containLabel").asBoolean())
                .isTrue();
    }

    @Test
    void anAccountWithoutViberShowsNoViberAnywhere() {
        openDashboard(SPORT, "?source=VIBER");
        assertThat(source().getListDataView().getItems())
                .containsExactly(StatsSource.ALL, StatsSource.SMS, StatsSource.WHATSAPP);
        assertThat(source().getValue()).isEqualTo(StatsSource.ALL);
        assertThat(NotificationsKt.getNotifications()).isNotEmpty();
        assertTilesEqualRecount(SPORT, StatsSource.ALL, RangePreset.LAST_30_DAYS);
        assertThat(GridKt._size(_get(Grid.class, spec -> spec.withId("stats-channel-rows"))))
                .isEqualTo(2);
        assertThat(text("optin-breakdown")).doesNotContain("Viber");
        assertThat(chart("stats-chart-channels").getOptionJson()).doesNotContain("Viber");
        assertThat(json("stats-chart-channels").get("series")).hasSize(4);
    }

    @Test
    void urlWinsThenTheLastChoiceIsRestoredAndBadValuesFallBack() {
        openDashboard(FLORA, "?source=WHATSAPP&range=CURRENT_MONTH");
        assertThat(source().getValue()).isEqualTo(StatsSource.WHATSAPP);
        assertThat(range().getValue()).isEqualTo(RangePreset.CURRENT_MONTH.name());
        assertThat(range().getHelperText()).contains("2026");

        HasValueUtilsKt._setValue(source(), StatsSource.VIBER);
        HasValueUtilsKt._setValue(range(), RangePreset.PREVIOUS_QUARTER.name());
        UI.getCurrent().navigate(DashboardView.ROUTE);
        assertThat(source().getValue()).isEqualTo(StatsSource.VIBER);
        assertThat(range().getValue()).isEqualTo(RangePreset.PREVIOUS_QUARTER.name());
        assertTilesEqualRecount(FLORA, StatsSource.VIBER, RangePreset.PREVIOUS_QUARTER);

        UI.getCurrent().navigate(DashboardView.ROUTE, QueryParameters.fromString("source=%3Cscript%3E&range=FOREVER"));
        assertThat(UI.getCurrent().getCurrentView()).isInstanceOf(DashboardView.class);
        assertThat(source().getValue()).isEqualTo(StatsSource.VIBER);
        assertThat(range().getValue()).isEqualTo(RangePreset.PREVIOUS_QUARTER.name());
        assertThat(NotificationsKt.getNotifications()).isNotEmpty();
        // A bad link changes nothing that was saved.
        assertThat(asAllAccounts(() -> queryStrings(
                        "select value from user_preference where user_id = ? and pref_key = 'stats.source'",
                        user.id())))
                .containsExactly("VIBER");
    }

    @Test
    void aCustomRangeWithTheSamePeriodLastYearFromTheUrl() {
        openDashboard(FLORA, "?source=ALL&range=CUSTOM&from=2026-10-20&to=2026-11-15&compare=PREVIOUS_YEAR");
        assertThat(range().getValue()).isEqualTo("CUSTOM");
        assertThat(compare().getValue()).isEqualTo(StatsComparison.PREVIOUS_YEAR);
        assertThat(datePicker("stats-from").getValue()).isEqualTo("2026-10-20");
        assertThat(datePicker("stats-to").getValue()).isEqualTo("2026-11-15");
        assertThat(NotificationsKt.getNotifications()).isEmpty();
        var first = LocalDate.parse("2026-10-20");
        var last = LocalDate.parse("2026-11-15");
        var now = recounts.recount(FLORA, FLORA_CHANNELS, first, last, true);
        var yearBefore = recounts.recount(
                FLORA, FLORA_CHANNELS, LocalDate.parse("2025-10-20"), LocalDate.parse("2025-11-15"), true);
        assertThat(yearBefore.sent()).isPositive();
        assertThat(text("tile-sent-value")).isEqualTo(count(now.sent()));
        assertThat(text("tile-clicked-value")).isEqualTo(count(now.clicked()));
        assertThat(text("tile-sent-change"))
                .contains(Formats.percent((double) (now.sent() - yearBefore.sent()) / yearBefore.sent(), locale()))
                .contains("rok wcześniej");

        // The daily chart: the range day by day, then the year-earlier days as faded dashed lines.
        var daily = json("stats-chart-daily");
        assertThat(daily.get("xAxis").get("data")).hasSize(27);
        assertThat(seriesSum("stats-chart-daily", 0)).isEqualTo(now.sent());
        var metrics = daily.get("series").size() / 2;
        assertThat(daily.get("series").get(metrics).get("name").asString()).isEqualTo("Wysłane — rok wcześniej");
        assertThat(daily.get("series").get(metrics).get("lineStyle").get("type").asString())
                .isEqualTo("dashed");
        assertThat(seriesSum("stats-chart-daily", metrics)).isEqualTo(yearBefore.sent());

        // The channel rows show the change of sent against the same days a year earlier.
        Grid<?> rows = _get(Grid.class, spec -> spec.withId("stats-channel-rows"));
        var whatsapp = recounts.recount(FLORA, Set.of(Channel.WHATSAPP), first, last, true);
        var whatsappBefore = recounts.recount(
                FLORA, Set.of(Channel.WHATSAPP), LocalDate.parse("2025-10-20"), LocalDate.parse("2025-11-15"), true);
        var change =
                GridKt._getFormattedRow(rows, 1).get(rows.getColumns().indexOf(rows.getColumnByKey("sent-change")));
        if (whatsappBefore.sent() == 0) {
            assertThat(change).isEqualTo(Formats.NOT_AVAILABLE);
        } else {
            assertThat(change)
                    .contains(Formats.percent(
                            (double) (whatsapp.sent() - whatsappBefore.sent()) / whatsappBefore.sent(), locale()));
        }

        // Back to the previous period: the tiles compare with the 27 days before.
        HasValueUtilsKt._setValue(compare(), StatsComparison.PREVIOUS_PERIOD);
        var previous = recounts.recount(
                FLORA, FLORA_CHANNELS, LocalDate.parse("2026-09-23"), LocalDate.parse("2026-10-19"), true);
        assertThat(text("tile-sent-change"))
                .contains(Formats.percent((double) (now.sent() - previous.sent()) / previous.sent(), locale()))
                .contains("względem poprzedniego okresu");
        assertThat(seriesSum("stats-chart-daily", metrics)).isEqualTo(previous.sent());
    }

    @Test
    void aLongCustomRangeIsChartedByMonthAndSurvivesANewVisit() {
        openDashboard(FLORA, "?source=SMS&range=CUSTOM&from=2024-11-16&to=2026-11-15");
        var counted = recounts.recount(
                        FLORA, Set.of(Channel.SMS), LocalDate.parse("2024-11-16"), LocalDate.parse("2026-11-15"), true)
                .sent();
        assertThat(text("tile-sent-value")).isEqualTo(count(counted));
        assertThat(json("stats-chart-daily").get("xAxis").get("data")).hasSize(25);
        assertThat(seriesSum("stats-chart-daily", 0)).isEqualTo(counted);

        // The last choice, custom dates included, is restored on a visit without parameters.
        HasValueUtilsKt._setValue(datePicker("stats-to"), LocalDate.parse("2026-11-14"));
        counted = recounts.recount(
                        FLORA, Set.of(Channel.SMS), LocalDate.parse("2024-11-16"), LocalDate.parse("2026-11-14"), true)
                .sent();
        assertThat(text("tile-sent-value")).isEqualTo(count(counted));
        UI.getCurrent().navigate(FilesView.class);
        UI.getCurrent().navigate(DashboardView.ROUTE);
        assertThat(range().getValue()).isEqualTo("CUSTOM");
        assertThat(datePicker("stats-from").getValue()).isEqualTo("2024-11-16");
        assertThat(datePicker("stats-to").getValue()).isEqualTo("2026-11-14");
        // The source came from the link, not from a choice: the default "All" again.
        var all = recounts.recount(
                FLORA, FLORA_CHANNELS, LocalDate.parse("2024-11-16"), LocalDate.parse("2026-11-14"), true);
        assertThat(text("tile-sent-value")).isEqualTo(count(all.sent()));
    }

    @Test
    void choosingACustomRangeStartsFromTheShownRangeAndRefusesBadDates() {
        openDashboard(FLORA, "?source=ALL&range=LAST_7_DAYS");
        assertThat(_find(DatePicker.class, spec -> spec.withId("stats-from"))).isEmpty();
        HasValueUtilsKt._setValue(range(), "CUSTOM");
        assertThat(datePicker("stats-from").isVisible()).isTrue();
        assertThat(datePicker("stats-from").getValue()).isEqualTo("2026-11-09");
        assertThat(datePicker("stats-to").getValue()).isEqualTo("2026-11-15");
        assertTilesEqualRecount(FLORA, StatsSource.ALL, RangePreset.LAST_7_DAYS);

        HasValueUtilsKt._setValue(datePicker("stats-from"), LocalDate.parse("2026-11-01"));
        var november = recounts.recount(
                FLORA, FLORA_CHANNELS, LocalDate.parse("2026-11-01"), LocalDate.parse("2026-11-15"), true);
        assertThat(text("tile-sent-value")).isEqualTo(count(november.sent()));
        assertThat(UI.getCurrent()
                        .getInternals()
                        .getActiveViewLocation()
                        .getQueryParameters()
                        .getQueryString())
                .isNotNull();

        // More than 24 months: a clear notification, and the figures stay those of the last good range.
        NotificationsKt.clearNotifications();
        HasValueUtilsKt._setValue(datePicker("stats-from"), LocalDate.parse("2024-11-01"));
        assertThat(NotificationsKt.getNotifications())
                .singleElement()
                .satisfies(n -> assertThat(n.getElement().getProperty("text")).contains("24 miesiące"));
        assertThat(text("tile-sent-value")).isEqualTo(count(november.sent()));
        assertThat(asAllAccounts(() -> queryStrings(
                        "select value from user_preference where user_id = ? and pref_key = 'stats.custom'",
                        user.id())))
                .containsExactly("2026-11-01/2026-11-15");
    }

    @Test
    void badCustomRangesInTheUrlFallBackWithANotification() {
        for (var query : List.of(
                "range=CUSTOM&from=2024-01-01&to=2026-11-15",
                "range=CUSTOM&from=2026-11-10&to=2026-11-20",
                "range=CUSTOM&from=2026-11-10&to=2026-11-01",
                "range=CUSTOM&from=2026-02-30&to=2026-03-05",
                "range=CUSTOM",
                "range=LAST_30_DAYS&compare=LAST_DECADE")) {
            NotificationsKt.clearNotifications();
            UI.getCurrent().navigate(FilesView.class);
            openDashboard(FLORA, query);
            assertThat(UI.getCurrent().getCurrentView()).as(query).isInstanceOf(DashboardView.class);
            assertThat(NotificationsKt.getNotifications()).as(query).isNotEmpty();
            assertThat(range().getValue()).as(query).isEqualTo(RangePreset.LAST_30_DAYS.name());
            assertThat(compare().getValue()).as(query).isEqualTo(StatsComparison.PREVIOUS_PERIOD);
            assertTilesEqualRecount(FLORA, StatsSource.ALL, RangePreset.LAST_30_DAYS);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theHeatMapRatesEachHourOfSendingAndNamesTheBestWindow() {
        openDashboard(FLORA, "?source=ALL&range=CUSTOM&from=2026-08-01&to=2026-11-15");
        Select<Channel> channel = _get(Select.class, spec -> spec.withId("stats-heatmap-channel"));
        Select<SendTimes.Measure> measure = _get(Select.class, spec -> spec.withId("stats-heatmap-measure"));
        assertThat(channel.getListDataView().getItems()).containsExactly(Channel.SMS, Channel.WHATSAPP, Channel.VIBER);
        HasValueUtilsKt._setValue(channel, Channel.WHATSAPP);
        HasValueUtilsKt._setValue(measure, SendTimes.Measure.READS);
        assertThat(text("stats-heatmap-best")).matches("Najlepiej: \\p{L}+ \\d{1,2}–\\d{1,2}, .+");

        // The busiest WhatsApp slot of the range, recounted from raw recipients.
        var slot = asAllAccounts(() -> db.fetchSingle("""
                select extract(isodow from r.sent_at at time zone 'Europe/Warsaw')::int as weekday,
                       extract(hour from r.sent_at at time zone 'Europe/Warsaw')::int as hour,
                       count(r.delivered_at) as delivered, count(r.opened_at) as opened
                from message_recipient r join message m on m.account_id = r.account_id and m.id = r.message_id
                where r.account_id = 1 and m.channel = 'WHATSAPP' and m.type <> 'TEST' and r.sent_at is not null
                  and (r.sent_at at time zone 'Europe/Warsaw')::date between '2026-08-01' and '2026-11-15'
                group by 1, 2 order by 3 desc, 1, 2 limit 1"""));
        var weekday = slot.get("weekday", Integer.class);
        var hour = slot.get("hour", Integer.class);
        var rate = Math.round(1000.0 * slot.get("opened", Long.class) / slot.get("delivered", Long.class)) / 10.0;
        var cell = findCell(json("stats-heatmap"), hour, weekday - 1);
        assertThat(cell).as("heat map cell %s/%s", weekday, hour).isNotNull();
        assertThat(cell.get(2).asDouble()).isEqualTo(rate);

        // The text alternative: a row per weekday, built when opened.
        assertThat(_find(com.vaadin.flow.component.html.NativeTable.class, spec -> spec.withId("stats-heatmap-table")))
                .isEmpty();
        var details = _get(NativeDetails.class, spec -> spec.withId("stats-heatmap-data"));
        details.setOpen(true);
        BasicUtilsKt._fireDomEvent(details, "toggle");
        var table = _get(com.vaadin.flow.component.html.NativeTable.class, spec -> spec.withId("stats-heatmap-table"));
        assertThat(table.getBody().getRows()).hasSize(7);
        assertThat(table.getBody()
                        .getRow(weekday - 1)
                        .orElseThrow()
                        .getCell(hour + 1)
                        .orElseThrow()
                        .getElement()
                        .getText())
                .startsWith(Formats.rate(slot.get("opened", Long.class), slot.get("delivered", Long.class), locale()))
                .contains(count(slot.get("delivered", Long.class)));

        // SMS has no reads: the measure falls back to clicks.
        HasValueUtilsKt._setValue(channel, Channel.SMS);
        assertThat(measure.getValue()).isEqualTo(SendTimes.Measure.CLICKS);
    }

    @Test
    @SuppressWarnings("unchecked")
    void whoOpensTheOptInListWithTheRightCount() {
        openDashboard(FLORA, "?source=WHATSAPP");
        var whatsapp = asAllAccounts(() -> queryLong(
                "select count(*) from contact_consent where account_id = ? and channel = 'WHATSAPP' and opted_in",
                FLORA));
        assertThat(text("optin-count")).isEqualTo(count(whatsapp));
        var who = _get(Button.class, spec -> spec.withId("optin-who"));
        assertThat(who.getText()).isEqualTo("Kto?");
        assertThat(who.getAriaLabel())
                .hasValueSatisfying(label -> assertThat(label).contains("WhatsApp"));
        _click(who);
        var dialog = _get(Dialog.class, spec -> spec.withId("optin-dialog"));
        assertThat(dialog.isOpened()).isTrue();
        assertThat(text("optin-dialog-count")).contains(count(whatsapp));
        Grid<OptInContact> grid = _get(Grid.class, spec -> spec.withId("optin-grid"));
        assertThat((long) GridKt._size(grid)).isEqualTo(whatsapp);
        assertThat(GridKt._get(grid, 0).consents())
                .extracting(OptInContact.Consent::channel)
                .contains(Channel.WHATSAPP);

        // Searching narrows the list (Żółtowski and Żółtowska); the counter stays the total.
        var matching = asAllAccounts(() -> queryLong("""
                select count(*) from contact c where c.account_id = ? and c.last_name like 'Żółtowsk%'
                  and exists (select 1 from contact_consent k where k.account_id = c.account_id and k.contact_id = c.id
                              and k.channel = 'WHATSAPP' and k.opted_in)""", FLORA));
        TextField search = _get(TextField.class, spec -> spec.withId("optin-search"));
        assertThat(search.getMaxLength()).isEqualTo(100);
        HasValueUtilsKt._setValue(search, "zółt");
        assertThat((long) GridKt._size(grid)).isEqualTo(matching);
        assertThat(text("optin-dialog-count")).isEqualTo("Znaleziono: " + count(matching) + " z " + count(whatsapp));
        _click(_get(Button.class, spec -> spec.withId("optin-close")));

        HasValueUtilsKt._setValue(source(), StatsSource.ALL);
        var any = asAllAccounts(() -> queryLong(
                "select count(distinct contact_id) from contact_consent where account_id = ? and opted_in", FLORA));
        assertThat(text("optin-count")).isEqualTo(count(any));
        assertThat(text("optin-breakdown"))
                .contains("SMS")
                .contains("WhatsApp " + count(whatsapp))
                .contains("Viber");
    }

    @Test
    @SuppressWarnings("unchecked")
    void channelOverlapShowsEveryPartAsTheRecountWithWhoAndCsv() throws Exception {
        openDashboard(FLORA, "");
        var recount = asAllAccounts(() -> db.fetch("""
                select channel_part(bool_or(channel = 'SMS'), bool_or(channel = 'WHATSAPP'), bool_or(channel = 'VIBER'))
                from contact_consent where account_id = ? and opted_in group by contact_id""", FLORA));
        var parts = new java.util.EnumMap<OverlapPart, Long>(OverlapPart.class);
        for (var row : recount) {
            parts.merge(OverlapPart.ofBits(row.get(0, Short.class)).orElseThrow(), 1L, Long::sum);
        }
        assertThat(parts).hasSize(7);
        assertThat(text("stats-overlap-title")).isEqualTo("Część wspólna kanałów");
        for (var part : OverlapPart.values()) {
            assertThat(text("overlap-count-" + part.name())).as(part.name()).isEqualTo(count(parts.get(part)));
        }
        var bars = json("stats-overlap-chart");
        assertThat(bars.get("yAxis").get("data").get(3).asString()).isEqualTo("SMS i WhatsApp");
        assertThat(bars.get("series").get(0).get("data").get(6).get("value").asLong())
                .isEqualTo(parts.get(OverlapPart.ALL_THREE));

        _click(_get(Button.class, spec -> spec.withId("overlap-who-SMS_VIBER")));
        var dialog = _get(Dialog.class, spec -> spec.withId("optin-dialog"));
        assertThat(dialog.getHeaderTitle()).isEqualTo("Kontakty opt-in: SMS i Viber");
        assertThat(text("optin-dialog-count")).contains(count(parts.get(OverlapPart.SMS_VIBER)));
        Grid<OptInContact> grid = _get(Grid.class, spec -> spec.withId("optin-grid"));
        assertThat((long) GridKt._size(grid)).isEqualTo(parts.get(OverlapPart.SMS_VIBER));
        for (int i = 0; i < GridKt._size(grid); i += 97) {
            assertThat(GridKt._get(grid, i).consents())
                    .extracting(OptInContact.Consent::channel)
                    .containsExactly(Channel.SMS, Channel.VIBER);
        }
        var csv = new java.io.ByteArrayOutputStream();
        ((com.mobilemarketing.contacts.ui.OptInDialog) dialog).writeCsv(csv);
        var lines = csv.toString(java.nio.charset.StandardCharsets.UTF_8).split("\r\n");
        assertThat(lines[0]).startsWith("\uFEFFID kontaktu;Imię i nazwisko;Telefon");
        assertThat((long) lines.length - 1).isEqualTo(parts.get(OverlapPart.SMS_VIBER));
    }

    @Test
    void uniqueRecipientsShowTheSketchEstimateWithItsBound() {
        reachTask.round();
        openDashboard(FLORA, "?source=WHATSAPP&range=LAST_30_DAYS");
        var range = RangePreset.LAST_30_DAYS.range(LocalDate.parse("2026-11-15"));
        var expected = com.mobilemarketing.core.db.Tenant.call(
                FLORA, () -> reach.uniqueRecipients(FLORA, range, Set.of(Channel.WHATSAPP)));
        assertThat(expected.estimate()).isPositive();
        assertThat(text("stats-unique"))
                .isEqualTo(MetricFormat.text(
                        com.mobilemarketing.core.metrics.MetricValue.estimate(
                                Metric.UNIQUE_RECIPIENTS, expected.estimate(), expected.relativeError()),
                        locale()))
                .startsWith("≈ " + count(expected.estimate()) + " ± ")
                .endsWith("%");
        // The bound written is never narrower than the bound computed (it is rounded up).
        var shown = text("stats-unique");
        var percent = Double.parseDouble(shown.substring(shown.indexOf('±') + 1)
                .replaceAll("[^0-9,]", "")
                .replace(',', '.'));
        assertThat(percent / 100).isGreaterThanOrEqualTo(expected.relativeError());
        assertThat(text("stats-unique-note")).startsWith("Kontakty, nie wiadomości");
        // Fewer contacts than delivered messages: a contact reached twice counts once.
        assertThat(expected.estimate())
                .isLessThan(recounts.recount(FLORA, Set.of(Channel.WHATSAPP), RangePreset.LAST_30_DAYS)
                        .delivered());
    }

    @Test
    void aDayNeverCountedShowsNoEstimateUntilTheRoundCountsIt() {
        reachTask.round();
        var day = LocalDate.parse("2026-11-14");
        var query = "?source=ALL&range=CUSTOM&from=2026-11-10&to=2026-11-14";
        openDashboard(FLORA, query);
        assertThat(text("stats-unique")).startsWith("≈ ");
        try {
            // As on a first start: the day has deliveries and is marked, but no sketch of it exists yet.
            asAllAccounts(() -> {
                db.execute("delete from reach_sketch where account_id = ? and day = ?::date", FLORA, day);
                db.execute(
                        "insert into reach_sketch_dirty (account_id, day) values (?, ?::date) "
                                + "on conflict do nothing",
                        FLORA,
                        day);
                return null;
            });
            openDashboard(FLORA, query);
            // Not "≈" of the other days, which would pass for the range's figure.
            assertThat(text("stats-unique")).isEqualTo("—");
            assertThat(text("stats-unique-note"))
                    .isEqualTo("Liczenie w toku: dla 1 dni przedziału nie ma jeszcze wyniku");
        } finally {
            reachTask.round();
        }
        openDashboard(FLORA, query);
        assertThat(text("stats-unique")).startsWith("≈ ");
        assertThat(text("stats-unique-note")).startsWith("Kontakty, nie wiadomości");
    }

    @Test
    void anAccountWithTwoChannelsShowsTheirThreeOverlapParts() {
        openDashboard(SPORT, "");
        assertThat(json("stats-overlap-chart").get("yAxis").get("data")).hasSize(3);
        assertThat(_find(Button.class, spec -> spec.withId("overlap-who-VIBER")))
                .isEmpty();
        assertThat(_find(Button.class, spec -> spec.withId("overlap-who-SMS_WHATSAPP")))
                .hasSize(1);
    }

    @Test
    void liveChangesRefreshThePanelCoalesced() throws Exception {
        openDashboard(FLORA, "?source=WHATSAPP&range=LAST_7_DAYS");
        var before = recounts.recount(FLORA, Set.of(Channel.WHATSAPP), RangePreset.LAST_7_DAYS)
                .sent();
        assertThat(text("tile-sent-value")).isEqualTo(count(before));
        listeners = db.configuration().executeListenerProviders();
        var messages = new TestMessages(db);
        try {
            long messageId = messages.create(FLORA, "WHATSAPP", null, 5, Instant.parse("2026-11-15T09:00:00Z"), true)
                    .id();
            var refreshes = countRefreshes();
            for (int i = 0; i < 20; i++) {
                liveUpdates.changed(new LiveUpdates.Change(FLORA, Set.of(messageId), Instant.now()));
            }
            var expected = count(before + 5);
            assertThat(Poll.until(
                            () -> text("tile-sent-value"), expected::equals, () -> MockVaadin.clientRoundtrip(false)))
                    .isEqualTo(expected);
            // Twenty signals: one refresh at once, at most one more when the interval is over, never twenty.
            Poll.until(
                    LiveRefresh.INTERVAL.plusSeconds(1),
                    refreshes::get,
                    n -> false,
                    () -> MockVaadin.clientRoundtrip(false));
            assertThat(refreshes.get()).isBetween(1, 2);
        } finally {
            db.configuration().set(listeners);
            messages.removeAll();
        }
    }

    // ------------------------------------------------------------------------------------ helpers

    /** Counts the panel's refreshes from now on: each reads the opt-in counters once. */
    private AtomicInteger countRefreshes() {
        var refreshes = new AtomicInteger();
        var counting = new DefaultExecuteListenerProvider(new ExecuteListener() {
            @Override
            public void executeStart(ExecuteContext context) {
                var sql = context.sql();
                if (sql != null && sql.contains("optin_count")) {
                    refreshes.incrementAndGet();
                }
            }
        });
        var all = new ArrayList<>(List.of(listeners));
        all.add(counting);
        db.configuration().set(all.toArray(ExecuteListenerProvider[]::new));
        return refreshes;
    }

    private void openDashboard(long account, String query) {
        user = users.marketer(account);
        login(user.username());
        UI.getCurrent().navigate(DashboardView.ROUTE, QueryParameters.fromString(query.replaceFirst("^\\?", "")));
        assertThat(UI.getCurrent().getCurrentView()).isInstanceOf(DashboardView.class);
    }

    private void assertTilesEqualRecount(long account, StatsSource s, RangePreset preset) {
        var channels = s == StatsSource.ALL
                ? (account == FLORA ? FLORA_CHANNELS : EnumSet.of(Channel.SMS, Channel.WHATSAPP))
                : Set.of(s.channel().orElseThrow());
        var recount = recounts.recount(account, channels, preset);
        var label = s + " " + preset;
        assertThat(text("tile-sent-value")).as(label).isEqualTo(count(recount.sent()));
        assertThat(text("tile-delivered-value")).as(label).isEqualTo(count(recount.delivered()));
        assertThat(text("tile-opened-value"))
                .as(label)
                .isEqualTo(s == StatsSource.SMS ? Formats.NOT_AVAILABLE : count(recount.opened()));
        assertThat(text("tile-clicked-value")).as(label).isEqualTo(count(recount.clicked()));
    }

    private long seriesSum(String chartId, int series) {
        long sum = 0;
        for (var value : json(chartId).get("series").get(series).get("data")) {
            sum += value.asLong();
        }
        return sum;
    }

    private static @org.jspecify.annotations.Nullable JsonNode findCell(JsonNode option, int x, int y) {
        for (var point : option.get("series").get(0).get("data")) {
            if (point.get(0).asInt() == x && point.get(1).asInt() == y) {
                return point;
            }
        }
        return null;
    }

    private JsonNode json(String chartId) {
        return JSON.readTree(chart(chartId).getOptionJson());
    }

    @SuppressWarnings("unchecked")
    private static Select<StatsSource> source() {
        return _get(Select.class, spec -> spec.withId("stats-source"));
    }

    @SuppressWarnings("unchecked")
    private static Select<String> range() {
        return _get(Select.class, spec -> spec.withId("stats-range"));
    }

    @SuppressWarnings("unchecked")
    private static Select<StatsComparison> compare() {
        return _get(Select.class, spec -> spec.withId("stats-compare"));
    }

    private static DatePicker datePicker(String id) {
        return _get(DatePicker.class, spec -> spec.withId(id));
    }

    private static EChart chart(String id) {
        return _get(EChart.class, spec -> spec.withId(id));
    }

    private static String text(String id) {
        return _get(com.vaadin.flow.component.Component.class, spec -> spec.withId(id))
                .getElement()
                .getText();
    }

    private static Locale locale() {
        return UI.getCurrent().getLocale();
    }

    private static String count(long value) {
        return Formats.count(value, locale());
    }
}
