package com.mobilemarketing.stats.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.BasicUtilsKt;
import com.github.mvysny.kaributesting.v10.GridKt;
import com.mobilemarketing.KaribuTest;
import com.mobilemarketing.TestUsers;
import com.mobilemarketing.analytics.RecipientRow;
import com.mobilemarketing.core.columns.MessageRow;
import com.mobilemarketing.core.db.Tenant;
import com.mobilemarketing.core.metrics.Metric;
import com.mobilemarketing.core.metrics.MetricFormat;
import com.mobilemarketing.core.metrics.OptInFlow;
import com.mobilemarketing.core.ui.EChart;
import com.mobilemarketing.core.ui.Formats;
import com.mobilemarketing.dashboard.ui.DashboardView;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.NativeDetails;
import com.vaadin.flow.component.html.NativeTable;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.router.QueryParameters;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Opt-outs and opt-ins on the screens, against recounts written here from the consent history: the
 * opt-in chart and its table on the stats panel, opt-outs per channel in its rows, the opt-out columns
 * of the message list (sortable) and the opt-out tile of a message's analytics page with "Who?".
 */
class OptOutScreensTest extends KaribuTest {

    private static final Locale PL = Locale.of("pl");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private TestUsers users;

    @BeforeEach
    void ownUsers() {
        users = new TestUsers(db);
    }

    @AfterEach
    void removeUsersAndPreferences() {
        asAllAccounts(() -> db.execute("delete from grid_column_preference where grid_key like 'messages.%'"));
        users.removeAll();
    }

    private void openDashboard(String query) {
        login(users.marketer(FLORA).username());
        UI.getCurrent().navigate(DashboardView.ROUTE, QueryParameters.fromString(query));
    }

    @Test
    void theConsentChartAndItsTableEqualTheTransitionsOfTheHistory() {
        openDashboard("source=ALL&range=LAST_30_DAYS");
        // The recount: real transitions of the history on the range's local days (2026-10-17 .. 11-15).
        var recount = Tenant.call(FLORA, () -> db.fetchSingle("""
                        select count(*) filter (where t.gained), count(*) filter (where t.lost)
                        from consent_transition t
                        where t.account_id = 1
                          and (t.changed_at at time zone 'Europe/Warsaw')::date between '2026-10-17' and '2026-11-15'
                        """));
        var flow = new OptInFlow(recount.get(0, Long.class), recount.get(1, Long.class));
        assertThat(flow.gained()).isPositive();
        assertThat(flow.lost()).isPositive();

        var option = json("stats-chart-consent");
        var series = option.get("series");
        assertThat(series).hasSize(3);
        assertThat(series.get(0).get("color").asString()).isEqualTo(OptInFlow.GAINED_COLOR);
        assertThat(sum(series.get(0))).isEqualTo(flow.gained());
        assertThat(sum(series.get(1))).isEqualTo(-flow.lost());
        assertThat(sum(series.get(2))).isEqualTo(flow.net());
        assertThat(option.get("xAxis").get("data")).hasSize(30);
        // The chart is never flat: opt-ins come in on most days of the range.
        long daysWithGains = 0;
        for (var value : series.get(0).get("data")) {
            daysWithGains += value.asLong() > 0 ? 1 : 0;
        }
        assertThat(daysWithGains).isGreaterThan(15);
        assertThat(_get(Span.class, spec -> spec.withId("stats-consent-summary"))
                        .getText())
                .isEqualTo("Nowe " + Formats.count(flow.gained(), PL) + " · utracone "
                        + Formats.count(flow.lost(), PL) + " · netto "
                        + (flow.net() > 0 ? "+" : flow.net() < 0 ? "\u2212" : "")
                        + Formats.count(Math.abs(flow.net()), PL));

        var details = _get(NativeDetails.class, spec -> spec.withId("stats-chart-consent-data"));
        details.setOpen(true);
        BasicUtilsKt._fireDomEvent(details, "toggle");
        var table = _get(NativeTable.class, spec -> spec.withId("stats-chart-consent-table"));
        assertThat(table.getBody().getRows()).hasSize(30);
        long tableGained = 0;
        for (var row : table.getBody().getRows()) {
            tableGained += Long.parseLong(row.getElement().getChild(1).getText().replaceAll("\\D", ""));
        }
        assertThat(tableGained).isEqualTo(flow.gained());

        // The opt-outs per channel: credited to counted, non-test messages sent in the range.
        Grid<?> rows = _get(Grid.class, spec -> spec.withId("stats-channel-rows"));
        var column = rows.getColumns().indexOf(rows.getColumnByKey("opt-outs"));
        assertThat(column).isPositive();
        long shown = 0;
        for (int i = 0; i < GridKt._size(rows); i++) {
            shown += Long.parseLong(GridKt._getFormattedRow(rows, i).get(column).replaceAll("\\D", ""));
        }
        long optOuts = Tenant.call(FLORA, () -> queryLong("""
                        select count(*) from message_opt_out_credit
                        where account_id = 1 and counted and type <> 'TEST' and day between '2026-10-17' and '2026-11-15'
                        """));
        assertThat(optOuts).isPositive();
        assertThat(shown).isEqualTo(optOuts);
    }

    @Test
    void theOptOutColumnsSortTheListAndTheAnalyticsPageListsWhoOptedOut() {
        openDashboard("tab=BULK");
        _click(_get(Button.class, spec -> spec.withId("columns-button")));
        _click(_get(Button.class, spec -> spec.withId("columns-add-optOuts")));
        _click(_get(Button.class, spec -> spec.withId("columns-add-optOutRate")));
        _click(_get(Button.class, spec -> spec.withId("columns-save")));
        @SuppressWarnings("unchecked")
        Grid<MessageRow> grid = _get(Grid.class, spec -> spec.withId("message-grid"));
        var optOutsColumn = grid.getColumnByKey("optOuts");
        assertThat(optOutsColumn.isSortable()).isTrue();
        assertThat(grid.getColumnByKey("optOutRate").isSortable()).isTrue();
        GridKt._sortByKey(grid, "optOuts", com.vaadin.flow.data.provider.SortDirection.DESCENDING);
        var top = GridKt._fetch(grid, 0, 1).getFirst();
        var most = Tenant.call(
                FLORA,
                () -> queryLong("select coalesce(max(o.opt_outs), 0) from message_opt_out o join message m "
                        + "on m.account_id = o.account_id and m.id = o.message_id where o.account_id = 1 "
                        + "and m.type = 'BULK'"));
        assertThat(most).isPositive();
        assertThat(top.optOuts()).isEqualTo(most);
        // What the two cells show (the row's name cell cannot be rendered here, so not the whole row).
        var figures = top.figures();
        assertThat(MetricFormat.text(figures.value(Metric.OPT_OUTS), PL)).isEqualTo(Formats.count(most, PL));
        assertThat(MetricFormat.text(figures.value(Metric.OPT_OUT_RATE), PL))
                .isEqualTo(Formats.rate(most, top.delivered(), PL));

        // Its analytics page: the tile with the rate, and Who? lists exactly the contacts of the history.
        UI.getCurrent().navigate("mobile-marketing/messages/" + top.id());
        assertThat(_get(Span.class, spec -> spec.withId("funnel-optOuts")).getText())
                .isEqualTo(Formats.count(most, PL));
        assertThat(_get(Span.class, spec -> spec.withId("funnel-optOuts-detail"))
                        .getText())
                .isEqualTo("Wskaźnik wypisań " + Formats.rate(most, top.delivered(), PL));
        var contacts = Tenant.call(
                FLORA,
                () -> db.fetch(
                                "select distinct contact_id from consent_change where account_id = 1 and message_id = ? "
                                        + "and not opted_in order by 1",
                                top.id())
                        .getValues(0, Long.class));
        assertThat((long) contacts.size()).isEqualTo(most);
        _click(_get(Button.class, spec -> spec.withId("who-optOuts")));
        @SuppressWarnings("unchecked")
        Grid<RecipientRow> who = _get(Grid.class, spec -> spec.withId("who-grid"));
        assertThat(GridKt._size(who)).isEqualTo(contacts.size());
        assertThat(GridKt._fetch(who, 0, contacts.size() + 5).stream()
                        .map(RecipientRow::contactId)
                        .toList())
                .isEqualTo(contacts);
    }

    private static long sum(JsonNode series) {
        long sum = 0;
        for (var value : series.get("data")) {
            sum += value.asLong();
        }
        return sum;
    }

    private static JsonNode json(String chartId) {
        return JSON.readTree(_get(EChart.class, spec -> spec.withId(chartId)).getOptionJson());
    }
}
