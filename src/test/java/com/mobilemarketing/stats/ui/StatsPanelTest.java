package com.mobilemarketing.stats.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.HasValueUtilsKt;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.NotificationsKt;
import com.mobilemarketing.KaribuTest;
import com.mobilemarketing.Poll;
import com.mobilemarketing.TestMessages;
import com.mobilemarketing.contacts.OptInContact;
import com.mobilemarketing.core.live.LiveUpdates;
import com.mobilemarketing.core.metrics.MetricFormat;
import com.mobilemarketing.core.metrics.Revenue;
import com.mobilemarketing.core.time.RangePreset;
import com.mobilemarketing.core.ui.EChart;
import com.mobilemarketing.core.ui.Formats;
import com.mobilemarketing.core.ui.LiveRefresh;
import com.mobilemarketing.dashboard.ui.DashboardView;
import com.mobilemarketing.db.enums.Channel;
import com.mobilemarketing.export.ui.FilesView;
import com.mobilemarketing.stats.StatsRecount;
import com.mobilemarketing.stats.StatsSource;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.QueryParameters;
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

    private StatsRecount recounts;
    private ExecuteListenerProvider[] listeners = new ExecuteListenerProvider[0];

    @BeforeEach
    void cleanPreferences() {
        recounts = new StatsRecount(db);
        asAllAccounts(() -> db.execute("delete from user_preference where pref_key like 'stats.%'"));
    }

    @AfterEach
    void removePreferences() {
        asAllAccounts(() -> db.execute("delete from user_preference where pref_key like 'stats.%'"));
    }

    @Test
    void defaultsToAllChannelsAndTheLast30DaysWithARowPerChannel() {
        openDashboard("anna", "");
        assertThat(source().getValue()).isEqualTo(StatsSource.ALL);
        assertThat(range().getValue()).isEqualTo(RangePreset.LAST_30_DAYS);
        assertThat(source().getListDataView().getItems())
                .containsExactly(StatsSource.ALL, StatsSource.SMS, StatsSource.WHATSAPP, StatsSource.VIBER);
        assertThat(range().getListDataView().getItems()).containsExactly(RangePreset.values());
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
        openDashboard("anna", "");
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
        long sum = 0;
        for (int i = 0; i < GridKt._size(rows); i++) {
            sum += Long.parseLong(GridKt._getFormattedRow(rows, i).get(8).replaceAll("\\D", ""));
        }
        assertThat(sum).isEqualTo(revenue.orders());
    }

    @Test
    void switchingSourceAndRangeUpdatesTilesAndCharts() {
        openDashboard("anna", "");
        var dailyBefore = chart("stats-chart-daily").getOptionJson();

        HasValueUtilsKt._setValue(source(), StatsSource.SMS);
        assertTilesEqualRecount(FLORA, StatsSource.SMS, RangePreset.LAST_30_DAYS);
        assertThat(_find(Grid.class, spec -> spec.withId("stats-channel-rows"))).isEmpty();
        var smsDaily = chart("stats-chart-daily").getOptionJson();
        assertThat(smsDaily).isNotEqualTo(dailyBefore).doesNotContain("Otwarte");
        assertThat(seriesSum("stats-chart-daily", 0))
                .isEqualTo(recounts.recount(FLORA, Set.of(Channel.SMS), RangePreset.LAST_30_DAYS)
                        .sent());

        HasValueUtilsKt._setValue(range(), RangePreset.PREVIOUS_YEAR);
        assertTilesEqualRecount(FLORA, StatsSource.SMS, RangePreset.PREVIOUS_YEAR);
        var monthly = json("stats-chart-daily");
        assertThat(monthly.get("xAxis").get("data")).hasSize(12);
        assertThat(seriesSum("stats-chart-daily", 0))
                .isEqualTo(recounts.recount(FLORA, Set.of(Channel.SMS), RangePreset.PREVIOUS_YEAR)
                        .sent());

        HasValueUtilsKt._setValue(source(), StatsSource.WHATSAPP);
        assertTilesEqualRecount(FLORA, StatsSource.WHATSAPP, RangePreset.PREVIOUS_YEAR);
        assertThat(chart("stats-chart-daily").getOptionJson()).contains("Otwarte");

        // The channel comparison has a bar series per integrated channel, in the channels' colours.
        var channels = json("stats-chart-channels");
        assertThat(channels.get("series")).hasSize(3);
        assertThat(channels.get("series").get(1).get("itemStyle").get("color").asString())
                .isEqualTo("#1f9d55");
        assertThat(chart("stats-chart-channels").getElement().getAttribute("aria-label"))
                .contains("WhatsApp");
        assertThat(chart("stats-chart-daily").getElement().getAttribute("aria-label"))
                .contains(count(recounts.recount(FLORA, Set.of(Channel.WHATSAPP), RangePreset.PREVIOUS_YEAR)
                        .sent()));

        // Both choices are remembered for the user.
        assertThat(
                        asAllAccounts(
                                () -> queryStrings(
                                        "select pref_key || '=' || value from user_preference where user_id = 1 and pref_key like 'stats.%' order by 1")))
                .containsExactly("stats.range=PREVIOUS_YEAR", "stats.source=WHATSAPP");
    }

    @Test
    void chartsWriteTheirNumbersInTheUiLanguage() {
        openDashboard("anna", "");
        // The connector formats axis and tooltip numbers in the chart's lang ("14 000" in Polish).
        assertThat(chart("stats-chart-daily").getElement().getAttribute("lang")).isEqualTo("pl-PL");
        assertThat(chart("stats-chart-channels").getElement().getAttribute("lang"))
                .isEqualTo("pl-PL");
        // The percent axis keeps its template; the connector puts the localised number into it.
        assertThat(json("stats-chart-channels")
                        .get("yAxis")
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
        openDashboard("anna", "?source=SMS&range=LAST_7_DAYS");
        assertThat(text("tile-opened-value")).isEqualTo(Formats.NOT_AVAILABLE);
        var tile = _get(StatTile.class, spec -> spec.withId("tile-opened"));
        assertThat(tile.valueTooltip()).contains("SMS");
        assertThat(text("tile-opened-rate")).isEqualTo("Otwarć SMS nie da się zmierzyć");
        assertThat(text("tile-opened-value")).isNotEqualTo("0");
    }

    @Test
    void everySourceAndPresetShowsTheRecountAndLeavesOutTestsAndSilentGateways() {
        openDashboard("anna", "");
        for (var preset : RangePreset.values()) {
            HasValueUtilsKt._setValue(range(), preset);
            for (var s : StatsSource.values()) {
                HasValueUtilsKt._setValue(source(), s);
                assertTilesEqualRecount(FLORA, s, preset);
            }
        }
        // The exclusions matter: counting test messages and silent gateways would give another figure.
        HasValueUtilsKt._setValue(source(), StatsSource.SMS);
        HasValueUtilsKt._setValue(range(), RangePreset.LAST_12_MONTHS);
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
        openDashboard("anna", "");
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
        openDashboard("marek", "?source=VIBER");
        assertThat(source().getListDataView().getItems())
                .containsExactly(StatsSource.ALL, StatsSource.SMS, StatsSource.WHATSAPP);
        assertThat(source().getValue()).isEqualTo(StatsSource.ALL);
        assertThat(NotificationsKt.getNotifications()).isNotEmpty();
        assertTilesEqualRecount(SPORT, StatsSource.ALL, RangePreset.LAST_30_DAYS);
        assertThat(GridKt._size(_get(Grid.class, spec -> spec.withId("stats-channel-rows"))))
                .isEqualTo(2);
        assertThat(text("optin-breakdown")).doesNotContain("Viber");
        assertThat(chart("stats-chart-channels").getOptionJson()).doesNotContain("Viber");
        assertThat(json("stats-chart-channels").get("series")).hasSize(2);
    }

    @Test
    void urlWinsThenTheLastChoiceIsRestoredAndBadValuesFallBack() {
        openDashboard("anna", "?source=WHATSAPP&range=CURRENT_MONTH");
        assertThat(source().getValue()).isEqualTo(StatsSource.WHATSAPP);
        assertThat(range().getValue()).isEqualTo(RangePreset.CURRENT_MONTH);
        assertThat(range().getHelperText()).contains("2026");

        HasValueUtilsKt._setValue(source(), StatsSource.VIBER);
        HasValueUtilsKt._setValue(range(), RangePreset.PREVIOUS_QUARTER);
        UI.getCurrent().navigate(DashboardView.ROUTE);
        assertThat(source().getValue()).isEqualTo(StatsSource.VIBER);
        assertThat(range().getValue()).isEqualTo(RangePreset.PREVIOUS_QUARTER);
        assertTilesEqualRecount(FLORA, StatsSource.VIBER, RangePreset.PREVIOUS_QUARTER);

        UI.getCurrent().navigate(DashboardView.ROUTE, QueryParameters.fromString("source=%3Cscript%3E&range=FOREVER"));
        assertThat(UI.getCurrent().getCurrentView()).isInstanceOf(DashboardView.class);
        assertThat(source().getValue()).isEqualTo(StatsSource.VIBER);
        assertThat(range().getValue()).isEqualTo(RangePreset.PREVIOUS_QUARTER);
        assertThat(NotificationsKt.getNotifications()).isNotEmpty();
        // A bad link changes nothing that was saved.
        assertThat(asAllAccounts(() -> queryStrings(
                        "select value from user_preference where user_id = 1 and pref_key = 'stats.source'")))
                .containsExactly("VIBER");
    }

    @Test
    @SuppressWarnings("unchecked")
    void whoOpensTheOptInListWithTheRightCount() {
        openDashboard("anna", "?source=WHATSAPP");
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
    void liveChangesRefreshThePanelCoalesced() throws Exception {
        openDashboard("anna", "?source=WHATSAPP&range=LAST_7_DAYS");
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

    private void openDashboard(String user, String query) {
        login(user);
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

    private JsonNode json(String chartId) {
        return JSON.readTree(chart(chartId).getOptionJson());
    }

    @SuppressWarnings("unchecked")
    private static Select<StatsSource> source() {
        return _get(Select.class, spec -> spec.withId("stats-source"));
    }

    @SuppressWarnings("unchecked")
    private static Select<RangePreset> range() {
        return _get(Select.class, spec -> spec.withId("stats-range"));
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
