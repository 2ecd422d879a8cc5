package com.mobilemarketing.messages;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.HasValueUtilsKt;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.NotificationsKt;
import com.mobilemarketing.KaribuTest;
import com.mobilemarketing.LitCells;
import com.mobilemarketing.Poll;
import com.mobilemarketing.TestMessages;
import com.mobilemarketing.analytics.ui.MessageAnalyticsView;
import com.mobilemarketing.core.columns.MessageColumn;
import com.mobilemarketing.core.columns.MessageRow;
import com.mobilemarketing.core.i18n.TranslationProvider;
import com.mobilemarketing.core.live.LiveUpdates;
import com.mobilemarketing.core.ui.ChannelIcons;
import com.mobilemarketing.core.ui.Formats;
import com.mobilemarketing.core.ui.NotFoundView;
import com.mobilemarketing.dashboard.ui.DashboardView;
import com.mobilemarketing.db.enums.Channel;
import com.mobilemarketing.db.enums.MessageState;
import com.mobilemarketing.db.enums.MessageType;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.tabs.Tab;
import com.vaadin.flow.component.tabs.Tabs;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.provider.SortDirection;
import com.vaadin.flow.router.QueryParameters;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The message list as a marketer uses it, checked against counts written in SQL. */
class MessageListPanelTest extends KaribuTest {

    private static final java.util.Locale PL = TranslationProvider.POLISH;

    @Autowired
    private LiveUpdates liveUpdates;

    @AfterEach
    void forgetColumnPreferences() {
        asAllAccounts(() -> db.execute("delete from grid_column_preference where grid_key like 'messages.%'"));
    }

    private void open(Map<String, String> parameters) {
        UI.getCurrent().navigate(DashboardView.ROUTE, QueryParameters.simple(parameters));
    }

    @SuppressWarnings("unchecked")
    private Grid<MessageRow> grid() {
        return _get(Grid.class, spec -> spec.withId("message-grid"));
    }

    private List<MessageRow> rows() {
        var grid = grid();
        return GridKt._fetch(grid, 0, GridKt._size(grid));
    }

    private long sql(String sql, Object... bindings) {
        return asAllAccounts(() -> queryLong(sql, bindings));
    }

    private Tab tab(MessageType type) {
        return _get(Tab.class, spec -> spec.withId("tab-" + type.name()));
    }

    private String tabCount(MessageType type) {
        return _find(tab(type), Span.class).stream()
                .filter(span -> span.hasClassName("tab-count"))
                .findFirst()
                .orElseThrow()
                .getText();
    }

    private void select(MessageType type) {
        _get(Tabs.class, spec -> spec.withId("message-tabs")).setSelectedTab(tab(type));
    }

    @SuppressWarnings("unchecked")
    private void search(String text) {
        HasValueUtilsKt._setValue(_get(TextField.class, spec -> spec.withId("message-search")), text);
    }

    private void check(String id) {
        HasValueUtilsKt._setValue(_get(Checkbox.class, spec -> spec.withId(id)), true);
    }

    private List<String> columnKeys() {
        return grid().getColumns().stream().map(Grid.Column::getKey).toList();
    }

    @Test
    void eachTabShowsExactlyItsTypeWithItsCount() {
        login("anna");
        open(Map.of());
        assertThat(_get(Tabs.class, spec -> spec.withId("message-tabs")).getSelectedTab())
                .isSameAs(tab(MessageType.BULK));
        for (var type : MessageType.values()) {
            select(type);
            var expected =
                    sql("select count(*) from message where account_id = 1 and type = ?::message_type", type.name());
            assertThat(GridKt._size(grid())).as(type.name()).isEqualTo((int) expected);
            assertThat(rows()).allMatch(row -> row.type() == type);
            assertThat(tabCount(type)).isEqualTo(Formats.count(expected, PL));
        }
        // Newest first.
        select(MessageType.BULK);
        var first = GridKt._get(grid(), 0);
        assertThat(first.id())
                .isEqualTo(sql("select id from message where account_id = 1 and type = 'BULK' "
                        + "order by coalesce(sent_at, scheduled_at) desc, id desc limit 1"));
    }

    @Test
    void theGridCountIsTheTabCountAndIsReadAgainAfterALiveChange() {
        login("anna");
        open(Map.of("tab", "BULK", "q", "a"));
        var expected = sql(
                "select count(*) from message where account_id = 1 and type = 'BULK' " + "and name_search like '%a%'");
        assertThat(GridKt._size(grid())).isEqualTo((int) expected);
        assertThat(tabCount(MessageType.BULK)).isEqualTo(Formats.count(expected, PL));

        // A message sent since: a live change reads the count again (the tab counts follow the filters).
        var messages = new TestMessages(db);
        try {
            messages.create(1, "WHATSAPP", null, 0, Instant.now(), false);
            liveUpdates.changed(new LiveUpdates.Change(1, Set.of(), Instant.now()));
            assertThat(Poll.until(
                            () -> GridKt._size(grid()),
                            size -> size == expected + 1,
                            () -> MockVaadin.clientRoundtrip(false)))
                    .isEqualTo((int) expected + 1);
        } finally {
            messages.removeAll();
        }
    }

    @Test
    void filtersNarrowTheListAndScheduledIsHiddenOnTests() {
        login("anna");
        open(Map.of("tab", "RULE"));
        check("filter-mine");
        assertThat(GridKt._size(grid())).isEqualTo((int)
                sql("select count(*) from message where account_id = 1 and type = 'RULE' and owner_id = 1"));
        assertThat(rows()).allMatch(row -> row.ownerName().equals("Anna Kowalska"));
        check("filter-scheduled");
        var scheduled = rows();
        assertThat(scheduled)
                .hasSize(
                        (int)
                                sql(
                                        "select count(*) from message where account_id = 1 and type = 'RULE' and owner_id = 1 and state = 'SCHEDULED'"));
        assertThat(scheduled).allMatch(row -> row.state() == MessageState.SCHEDULED);
        if (!scheduled.isEmpty()) {
            assertThat(GridKt._getFormatted(grid(), 0, MessageColumn.SENT_DATE.key()))
                    .endsWith("(zaplanowana)");
        }
        assertThat(tabCount(MessageType.BULK))
                .isEqualTo(Formats.count(
                        sql("select count(*) from message where account_id = 1 and type = 'BULK' and owner_id = 1 "
                                + "and state = 'SCHEDULED'"),
                        PL));

        var scheduledFilter = _get(Checkbox.class, spec -> spec.withId("filter-scheduled"));
        select(MessageType.TEST);
        assertThat(scheduledFilter.isVisible()).isFalse();
        assertThat(GridKt._size(grid())).isEqualTo((int)
                sql("select count(*) from message where account_id = 1 and type = 'TEST' and owner_id = 1"));
    }

    @Test
    void searchIgnoresDiacriticsAndCaseAndCombinesWithFilters() {
        login("anna");
        open(Map.of());
        search("zolty tydz");
        var expected = sql("select count(*) from message where account_id = 1 and type = 'BULK' "
                + "and name like 'Żółty tydzień cen%'");
        assertThat(expected).isPositive();
        assertThat(rows()).hasSize((int) expected).allMatch(row -> row.name().startsWith("Żółty tydzień cen"));
        check("filter-mine");
        assertThat(rows()).hasSize((int) sql("select count(*) from message where account_id = 1 and type = 'BULK' "
                + "and name like 'Żółty tydzień cen%' and owner_id = 1"));

        search("ŚWIĄTECZNA");
        assertThat(rows()).isNotEmpty().allMatch(row -> row.name().startsWith("Świąteczna promocja"));
        search("");
        assertThat(GridKt._size(grid())).isEqualTo((int)
                sql("select count(*) from message where account_id = 1 and type = 'BULK' and owner_id = 1"));
    }

    @Test
    void oneAndTwoLetterSearchesWork() {
        login("anna");
        open(Map.of("tab", "BIRTHDAY"));
        search("z");
        assertThat(GridKt._size(grid())).isEqualTo((int)
                sql("select count(*) from message where account_id = 1 and type = 'BIRTHDAY' and name ~* '[zżź]'"));
        select(MessageType.WORKFLOW);
        search("kr");
        assertThat(GridKt._size(grid())).isPositive().isEqualTo((int)
                sql("select count(*) from message where account_id = 1 and type = 'WORKFLOW' and name ilike '%kr%'"));
    }

    @Test
    void tooLongSearchIsRefusedWithANotificationAndChangesNothing() {
        login("anna");
        open(Map.of());
        search("promocja");
        var before = GridKt._size(grid());
        NotificationsKt.clearNotifications();
        search("x".repeat(101));
        assertThat(NotificationsKt.getNotifications()).hasSize(1);
        assertThat(GridKt._size(grid())).isEqualTo(before);
        assertThat(_get(TextField.class, spec -> spec.withId("message-search")).getValue())
                .isEqualTo("promocja");
    }

    @Test
    void urlRestoresTabFiltersAndSearchAndInvalidValuesFallBack() {
        login("anna");
        open(Map.of("tab", "RULE", "mine", "true", "q", "koszyk"));
        assertThat(_get(Tabs.class, spec -> spec.withId("message-tabs")).getSelectedTab())
                .isSameAs(tab(MessageType.RULE));
        assertThat(_get(Checkbox.class, spec -> spec.withId("filter-mine")).getValue())
                .isTrue();
        assertThat(_get(TextField.class, spec -> spec.withId("message-search")).getValue())
                .isEqualTo("koszyk");
        assertThat(GridKt._size(grid())).isEqualTo((int) sql("select count(*) from message where account_id = 1 "
                + "and type = 'RULE' and owner_id = 1 and name ilike '%koszyk%'"));

        // Changes go back into the URL (replaced in the browser's history, no reload).
        UI.getCurrent().getInternals().dumpPendingJavaScriptInvocations();
        select(MessageType.WORKFLOW);
        check("filter-scheduled");
        search("powitanie");
        var locations = UI.getCurrent().getInternals().dumpPendingJavaScriptInvocations().stream()
                .flatMap(invocation -> invocation.getInvocation().getParameters().stream())
                .map(String::valueOf)
                .toList();
        assertThat(locations)
                .anyMatch(location -> location.contains("tab=WORKFLOW")
                        && location.contains("mine=true")
                        && location.contains("scheduled=true")
                        && location.contains("q=powitanie"));

        open(Map.of("tab", "NOPE", "mine", "maybe", "scheduled", "1", "q", "y".repeat(150)));
        assertThat(_get(Tabs.class, spec -> spec.withId("message-tabs")).getSelectedTab())
                .isSameAs(tab(MessageType.BULK));
        assertThat(_get(Checkbox.class, spec -> spec.withId("filter-mine")).getValue())
                .isFalse();
        assertThat(_get(Checkbox.class, spec -> spec.withId("filter-scheduled")).getValue())
                .isFalse();
        assertThat(_get(TextField.class, spec -> spec.withId("message-search")).getValue())
                .isEmpty();
        assertThat(GridKt._size(grid()))
                .isEqualTo((int) sql("select count(*) from message where account_id = 1 and type = 'BULK'"));
    }

    @Test
    void sortingByCountsAndNames() {
        login("anna");
        open(Map.of());
        GridKt._sortByKey(grid(), MessageColumn.SENT.key(), SortDirection.DESCENDING);
        assertThat(rows())
                .isSortedAccordingTo(Comparator.comparingLong(MessageRow::sent)
                        .reversed()
                        .thenComparing(Comparator.comparingLong(MessageRow::id).reversed()));
        GridKt._sortByKey(grid(), MessageColumn.NAME.key(), SortDirection.ASCENDING);
        assertThat(rows().stream().map(MessageRow::id).toList())
                .isEqualTo(asAllAccounts(() -> db.fetch(
                                "select id from message where account_id = 1 and type = 'BULK' order by name_search, id")
                        .getValues(0, Long.class)));
        assertThat(grid().getColumnByKey(MessageColumn.CHANNEL.key()).isSortable())
                .isTrue();
    }

    @Test
    void countsInRowsEqualARecountAndWhoButtonsNameTheirList() {
        login("anna");
        open(Map.of());
        var grid = grid();
        int checked = 0;
        for (int i = 0; i < Math.min(40, GridKt._size(grid)); i++) {
            var row = GridKt._get(grid, i);
            var recount = asAllAccounts(() -> db.fetchSingle(
                    "select count(*) filter (where sent_at is not null), count(*) filter (where delivered_at is not null), "
                            + "count(*) filter (where opened_at is not null), "
                            + "count(*) filter (where failed_at is not null and delivered_at is null) "
                            + "from message_recipient where account_id = 1 and message_id = ?",
                    row.id()));
            var sent = LitCells.properties(grid, i, MessageColumn.SENT.key());
            var delivered = LitCells.properties(grid, i, MessageColumn.DELIVERED.key());
            var opened = LitCells.properties(grid, i, MessageColumn.OPENED.key());
            var undelivered = LitCells.properties(grid, i, MessageColumn.UNDELIVERED.key());
            assertThat(sent.get("text")).isEqualTo(Formats.count(recount.get(0, Long.class), PL));
            assertThat(sent.get("who")).isEqualTo(row.sent() > 0 ? "Kto? — wysłane: " + row.name() : null);
            if (row.deliveryUnknown()) {
                assertThat(delivered.get("text")).isEqualTo(Formats.NOT_AVAILABLE);
                assertThat(delivered.get("who")).isNull();
                assertThat(undelivered.get("text")).isEqualTo(Formats.NOT_AVAILABLE);
                // The dash says why, to screen readers and as the cell's tooltip.
                assertThat(delivered.get("unknown"))
                        .isEqualTo(
                                "Bramka SMS bez callbacków nie przesyła wyniku wysyłki — ta wiadomość nie jest wliczana w statystyki.");
                assertThat(grid.getColumnByKey(MessageColumn.DELIVERED.key())
                                .getTooltipGenerator()
                                .apply(row))
                        .isEqualTo(delivered.get("unknown"));
            } else {
                assertThat(delivered.get("text")).isEqualTo(Formats.count(recount.get(1, Long.class), PL));
                assertThat(delivered.get("unknown")).isNull();
                assertThat(undelivered.get("text")).isEqualTo(Formats.count(recount.get(3, Long.class), PL));
            }
            if (row.channel() == Channel.SMS) {
                assertThat(opened.get("text")).isEqualTo(Formats.NOT_AVAILABLE);
                assertThat(opened.get("who")).isNull();
            } else {
                assertThat(opened.get("text")).isEqualTo(Formats.count(recount.get(2, Long.class), PL));
            }
            if (row.delivered() > 0 && !row.deliveryUnknown()) {
                assertThat(delivered.get("whoText")).isEqualTo("Kto?");
                assertThat(delivered.get("who")).isEqualTo("Kto? — dostarczone: " + row.name());
                LitCells.call(grid, i, MessageColumn.DELIVERED.key(), "openWho");
                var dialog = _get(Dialog.class, spec -> spec.withId("who-dialog"));
                assertThat(dialog.getHeaderTitle()).contains(row.name());
                dialog.close();
                checked++;
            }
        }
        assertThat(checked).isPositive();
    }

    @Test
    void nameStateAndChannelCells() {
        login("anna");
        open(Map.of("scheduled", "true"));
        var grid = grid();
        assertThat(GridKt._size(grid)).isPositive();
        var row = GridKt._get(grid, 0);
        var name = LitCells.properties(grid, 0, MessageColumn.NAME.key());
        assertThat(name.get("name")).isEqualTo(row.name());
        assertThat(name.get("state")).isEqualTo("Zaplanowana");
        assertThat(name.get("stateClass")).isEqualTo("scheduled");
        var channel = LitCells.properties(grid, 0, MessageColumn.CHANNEL.key());
        var icon = ChannelIcons.icon(row.channel(), grid);
        // The cell draws the same symbol of the same sprite as the channel's icon component.
        assertThat(channel.get("symbol")).isEqualTo(icon.getSymbol());
        assertThat(icon.getSrc())
                .isEqualTo(com.mobilemarketing.core.ui.AppIcon.sprite())
                .contains("?v-c=");
        assertThat(channel.get("channel")).isEqualTo(icon.getElement().getAttribute("aria-label"));
        assertThat(grid.getColumnByKey(MessageColumn.CHANNEL.key())
                        .getTooltipGenerator()
                        .apply(row))
                .isEqualTo(channel.get("channel"));
        assertThat(channel.get("channelClass")).isEqualTo(ChannelIcons.cssClass(row.channel()));

        open(Map.of());
        var all = rows();
        var sent = all.indexOf(all.stream()
                .filter(r -> r.state() == MessageState.SENT)
                .findFirst()
                .orElseThrow());
        assertThat(LitCells.properties(grid(), sent, MessageColumn.NAME.key()).get("state"))
                .isNull();
    }

    @Test
    void orderColumnsNameTheAttributionTheyAreReadWith() {
        login("anna");
        open(Map.of());
        // No order column among the defaults: no note (Karibu finds visible components only).
        assertThat(_find(Span.class, spec -> spec.withId("messages-attribution")))
                .isEmpty();
        _click(_get(Button.class, spec -> spec.withId("columns-button")));
        _click(_get(Button.class, spec -> spec.withId("columns-add-revenue")));
        _click(_get(Button.class, spec -> spec.withId("columns-save")));
        var note = _get(Span.class, spec -> spec.withId("messages-attribution"));
        assertThat(note.isVisible()).isTrue();
        assertThat(note.getText())
                .isEqualTo("Zamówienia i przychód w kolumnach: atrybucja: ostatnie kliknięcie, 5 dni");
        var header = (Span) grid().getColumnByKey("revenue").getHeaderComponent();
        assertThat(header.getText()).isEqualTo("Przychód");
        assertThat(header.getTitle()).hasValue(note.getText());
    }

    @Test
    void columnChooserAddsRemovesReordersAndIsKeptPerUserAndTab() {
        login("anna");
        open(Map.of());
        assertThat(columnKeys()).isEqualTo(withActions(MessageColumn.keys(MessageColumn.DEFAULTS)));

        _click(_get(Button.class, spec -> spec.withId("columns-button")));
        _get(Dialog.class, spec -> spec.withId("columns-dialog"));
        _click(_get(Button.class, spec -> spec.withId("columns-add-clicked")));
        _click(_get(Button.class, spec -> spec.withId("columns-up-clicked")));
        _click(_get(Button.class, spec -> spec.withId("columns-remove-owner")));
        _click(_get(Button.class, spec -> spec.withId("columns-down-name")));
        _click(_get(Button.class, spec -> spec.withId("columns-save")));
        var expected = List.of("sent", "name", "sentDate", "delivered", "opened", "undelivered", "clicked", "channel");
        assertThat(columnKeys()).isEqualTo(withActions(expected));
        assertThat(asAllAccounts(() -> queryStrings("select array_to_string(columns, ',') from grid_column_preference "
                        + "where account_id = 1 and user_id = 1 and grid_key = 'messages.BULK'")))
                .containsExactly(String.join(",", expected));

        // Another tab keeps its own layout.
        select(MessageType.RULE);
        assertThat(columnKeys()).isEqualTo(withActions(MessageColumn.keys(MessageColumn.DEFAULTS)));
        select(MessageType.BULK);
        assertThat(columnKeys()).isEqualTo(withActions(expected));

        // Signing in again brings it back; another user of the account has the defaults.
        login("anna");
        open(Map.of());
        assertThat(columnKeys()).isEqualTo(withActions(expected));
        login("piotr");
        open(Map.of());
        assertThat(columnKeys()).isEqualTo(withActions(MessageColumn.keys(MessageColumn.DEFAULTS)));

        // Restore defaults removes the personal layout.
        login("anna");
        open(Map.of());
        _click(_get(Button.class, spec -> spec.withId("columns-button")));
        _click(_get(Button.class, spec -> spec.withId("columns-restore")));
        _click(_get(Button.class, spec -> spec.withId("columns-save")));
        assertThat(columnKeys()).isEqualTo(withActions(MessageColumn.keys(MessageColumn.DEFAULTS)));
        assertThat(sql("select count(*) from grid_column_preference where user_id = 1"))
                .isZero();
    }

    @Test
    void personalizeNextToTheFiltersOpensTheChooserThatSaysItIsPerTab() {
        login("anna");
        open(Map.of("tab", "RULE"));
        var personalize = _get(Button.class, spec -> spec.withId("personalize-button"));
        assertThat(personalize.getText()).isEqualTo("Personalizuj");
        // Next to "Filtruj": in the same toolbar as the filters.
        var toolbar = personalize.getParent().orElseThrow();
        assertThat(_find(toolbar, Checkbox.class))
                .extracting(Checkbox::getId)
                .contains(java.util.Optional.of("filter-mine"));
        _click(personalize);
        _get(Dialog.class, spec -> spec.withId("columns-dialog"));
        assertThat(_get(com.vaadin.flow.component.html.Paragraph.class, spec -> spec.withId("columns-per-tab"))
                        .getText())
                .contains("„Wiadomości z reguł”");
        _click(_get(Button.class, spec -> spec.withId("columns-cancel")));
        // The "+" in the grid's header stays.
        _click(_get(Button.class, spec -> spec.withId("columns-button")));
        _get(Dialog.class, spec -> spec.withId("columns-dialog"));
    }

    @Test
    void applyToAllTabsStoresTheColumnsForEveryTab() {
        login("anna");
        open(Map.of("tab", "RULE"));
        _click(_get(Button.class, spec -> spec.withId("personalize-button")));
        _click(_get(Button.class, spec -> spec.withId("columns-add-clickRate")));
        _get(Checkbox.class, spec -> spec.withId("columns-all-tabs")).setValue(true);
        _click(_get(Button.class, spec -> spec.withId("columns-save")));
        var expected = new java.util.ArrayList<>(MessageColumn.keys(MessageColumn.DEFAULTS));
        expected.add(MessageColumn.CLICK_RATE.key());
        assertThat(columnKeys()).isEqualTo(withActions(expected));
        assertThat(sql("select count(*) from grid_column_preference where account_id = 1 and user_id = 1"
                        + " and columns[array_length(columns, 1)] = 'clickRate'"))
                .isEqualTo(MessageType.values().length);
        for (var type : MessageType.values()) {
            select(type);
            assertThat(columnKeys()).as(type.name()).isEqualTo(withActions(expected));
        }
        // Without the box, only this tab changes.
        _click(_get(Button.class, spec -> spec.withId("columns-button")));
        _click(_get(Button.class, spec -> spec.withId("columns-restore")));
        _click(_get(Button.class, spec -> spec.withId("columns-save")));
        assertThat(columnKeys()).isEqualTo(withActions(MessageColumn.keys(MessageColumn.DEFAULTS)));
        select(MessageType.BULK);
        assertThat(columnKeys()).isEqualTo(withActions(expected));
    }

    @Test
    void mineKeepsTheSeedsWordsAndSaysWhoseMessagesTheyAre() {
        login("anna");
        open(Map.of());
        var mine = _get(Checkbox.class, spec -> spec.withId("filter-mine"));
        assertThat(mine.getLabel()).isEqualTo("Wysłane z tego konta");
        assertThat(mine.getTooltip().getText()).isEqualTo("Wiadomości wysłane przez Ciebie");
    }

    @Test
    void theAnalyticsPageLeadsBackToTheSameTabFiltersAndSearch() {
        login("anna");
        String word = asAllAccounts(() -> (String) db.fetchValue(
                "select split_part(name, ' ', 1) from message where account_id = 1 and type = 'RULE' and owner_id = 1"
                        + " order by id limit 1"));
        open(Map.of("tab", "RULE", "mine", "true", "q", word));
        assertThat(GridKt._size(grid())).isPositive();
        var row = GridKt._get(grid(), 0);
        LitCells.call(grid(), 0, "actions", "openAnalytics");
        assertThat(UI.getCurrent().getInternals().getActiveViewLocation().getPath())
                .isEqualTo("mobile-marketing/messages/" + row.id());
        var back = _get(com.vaadin.flow.component.html.Anchor.class, spec -> spec.withId("analytics-back"));
        var href = back.getHref();
        assertThat(href).startsWith(DashboardView.ROUTE + "?");
        var query = href.indexOf('?');
        UI.getCurrent().navigate(href.substring(0, query), QueryParameters.fromString(href.substring(query + 1)));
        assertThat(_get(Tabs.class, spec -> spec.withId("message-tabs")).getSelectedTab())
                .isEqualTo(tab(MessageType.RULE));
        assertThat(_get(Checkbox.class, spec -> spec.withId("filter-mine")).getValue())
                .isTrue();
        assertThat(_get(TextField.class, spec -> spec.withId("message-search")).getValue())
                .isEqualTo(word);
        assertThat(GridKt._get(grid(), 0).id()).isEqualTo(row.id());
    }

    @Test
    void optionalColumnsShowRatesAndStates() {
        login("anna");
        open(Map.of("tab", "BULK", "scheduled", "true"));
        _click(_get(Button.class, spec -> spec.withId("columns-button")));
        for (var key : MessageColumn.keys(MessageColumn.OPTIONAL)) {
            _click(_get(Button.class, spec -> spec.withId("columns-add-" + key)));
        }
        _click(_get(Button.class, spec -> spec.withId("columns-save")));
        assertThat(columnKeys()).isEqualTo(withActions(MessageColumn.keys(MessageColumn.ALL)));
        if (GridKt._size(grid()) > 0) {
            assertThat(GridKt._getFormatted(grid(), 0, MessageColumn.STATE.key()))
                    .isEqualTo("Zaplanowana");
            assertThat(GridKt._getFormatted(grid(), 0, MessageColumn.TYPE.key()))
                    .isEqualTo("Wiadomości masowe");
            assertThat(GridKt._getFormatted(grid(), 0, MessageColumn.DELIVERY_RATE.key()))
                    .isEqualTo(Formats.NOT_AVAILABLE);
        }
    }

    @Test
    void columnsAreAsWideInTheHeaderAsInTheBody() {
        login("anna");
        open(Map.of());
        _click(_get(Button.class, spec -> spec.withId("columns-button")));
        for (var key : MessageColumn.keys(MessageColumn.OPTIONAL)) {
            _click(_get(Button.class, spec -> spec.withId("columns-add-" + key)));
        }
        _click(_get(Button.class, spec -> spec.withId("columns-save")));
        // Header cells have a smaller font than body cells, so a width in em is narrower in the
        // header: the header columns stopped short of the body's and ran under the "+" chooser.
        assertThat(grid().getColumns())
                .hasSize(MessageColumn.keys(MessageColumn.ALL).size() + 1)
                .allSatisfy(column -> assertThat(column.getWidth())
                        .as("width of column %s", column.getKey())
                        .satisfiesAnyOf(
                                width -> assertThat(width).isNull(),
                                width -> assertThat(width).matches("[0-9.]+(rem|px)")));
    }

    @Test
    void defaultColumnsFitALaptopWithTheMenuOpen() {
        login("anna");
        open(Map.of());
        // At 1440 px with the side menu open the grid is about 1140 px wide; the frozen actions
        // column takes about 110 px and a scroll bar 15: the channel column used to start under it.
        var dataColumns = grid().getColumns().stream()
                .filter(column -> !"actions".equals(column.getKey()))
                .toList();
        assertThat(dataColumns).extracting(Grid.Column::getKey).isEqualTo(MessageColumn.keys(MessageColumn.DEFAULTS));
        var totalRem = dataColumns.stream()
                .mapToDouble(column -> {
                    assertThat(column.getWidth())
                            .as("width of %s", column.getKey())
                            .endsWith("rem");
                    return Double.parseDouble(column.getWidth().replace("rem", ""));
                })
                .sum();
        assertThat(totalRem * 16).as("default columns, px").isLessThanOrEqualTo(1140 - 110 - 15);
        assertThat(dataColumns)
                .filteredOn(column -> column.getFlexGrow() > 0)
                .extracting(Grid.Column::getKey)
                .containsExactlyInAnyOrder(MessageColumn.NAME.key(), MessageColumn.OWNER.key());
        var channelHeader = _get(Span.class, spec -> spec.withId("channel-header"));
        assertThat(channelHeader.getText()).isEqualTo("Kanał");
        assertThat(channelHeader.getElement().getAttribute("title")).isEqualTo("Kanał komunikacji");
    }

    private static List<String> withActions(List<String> keys) {
        var all = new java.util.ArrayList<>(keys);
        all.add("actions");
        return all;
    }

    @Test
    void eachRowLeadsToItsAnalyticsAndExportOpens() {
        login("anna");
        open(Map.of("tab", "WORKFLOW"));
        var row = GridKt._get(grid(), 0);
        _click(_get(Button.class, spec -> spec.withId("export-button")));
        // The export dialog opens preset to the tab the list shows.
        var exportDialog = _get(Dialog.class, spec -> spec.withId("export-dialog"));
        assertThat(exportDialog.isOpened()).isTrue();
        @SuppressWarnings("unchecked")
        var exportType = (com.vaadin.flow.component.select.Select<MessageType>)
                _get(com.vaadin.flow.component.select.Select.class, spec -> spec.withId("export-type"));
        assertThat(exportType.getValue()).isEqualTo(MessageType.WORKFLOW);
        exportDialog.close();
        assertThat(LitCells.properties(grid(), 0, "actions"))
                .containsEntry("text", "Analityka")
                .containsEntry("label", "Analityka wiadomości: " + row.name());
        LitCells.call(grid(), 0, "actions", "openAnalytics");
        assertThat(UI.getCurrent().getCurrentView()).isInstanceOf(MessageAnalyticsView.class);
        assertThat(UI.getCurrent().getInternals().getActiveViewLocation().getPath())
                .isEqualTo("mobile-marketing/messages/" + row.id());

        open(Map.of("tab", "WORKFLOW"));
        var second = GridKt._get(grid(), 1);
        GridKt._doubleClickItem(grid(), 1, 1, false, false, false, false);
        assertThat(UI.getCurrent().getInternals().getActiveViewLocation().getPath())
                .isEqualTo("mobile-marketing/messages/" + second.id());
    }

    @Test
    void marketerCannotOpenAnotherAccountsMessage() {
        login("anna");
        var foreign = sql("select min(id) from message where account_id = 2");
        UI.getCurrent().navigate("mobile-marketing/messages/" + foreign);
        // The same page as for an id that does not exist: nothing tells the message exists.
        assertThat(UI.getCurrent().getCurrentView()).isInstanceOf(NotFoundView.class);
        assertThat(_find(MessageAnalyticsView.class)).isEmpty();
    }
}
