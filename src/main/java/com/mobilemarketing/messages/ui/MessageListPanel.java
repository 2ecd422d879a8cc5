package com.mobilemarketing.messages.ui;

import com.mobilemarketing.analytics.ui.MessageAnalyticsView;
import com.mobilemarketing.analytics.ui.RecipientsDialogs;
import com.mobilemarketing.core.columns.MessageColumn;
import com.mobilemarketing.core.columns.MessageRow;
import com.mobilemarketing.core.live.LiveUpdates;
import com.mobilemarketing.core.metrics.AttributionRepository;
import com.mobilemarketing.core.security.AppUser;
import com.mobilemarketing.core.security.CurrentUser;
import com.mobilemarketing.core.ui.AppIcon;
import com.mobilemarketing.core.ui.Formats;
import com.mobilemarketing.core.ui.LiveSubscription;
import com.mobilemarketing.core.ui.SearchField;
import com.mobilemarketing.core.ui.UrlState;
import com.mobilemarketing.db.enums.MessageType;
import com.mobilemarketing.export.ui.ExportDialogs;
import com.mobilemarketing.messages.ColumnPreferenceRepository;
import com.mobilemarketing.messages.MessageFilter;
import com.mobilemarketing.messages.MessageRepository;
import com.mobilemarketing.messages.SortKey;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Section;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.tabs.Tab;
import com.vaadin.flow.component.tabs.Tabs;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.provider.Query;
import com.vaadin.flow.data.provider.SortDirection;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.spring.annotation.SpringComponent;
import com.vaadin.flow.theme.lumo.LumoUtility;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Scope;

/**
 * The list of sent and scheduled messages (product.md §2): a tab per message type with its count,
 * filters, search, a lazily loaded grid whose columns each user arranges per tab, "Who?" buttons,
 * a way into each message's analytics, and the export. Tab, filters and search live in the URL.
 * The grid's columns and cells are in {@link MessageGridColumns}. Somewhat over 400 lines because
 * tabs, filters, search and the URL are one piece of state that each listener reads and writes.
 */
@SpringComponent
@Scope("prototype")
@StyleSheet("app/messages.css")
public class MessageListPanel extends Section {

    /** URL query parameters of the list. */
    static final String TAB_PARAMETER = "tab";

    static final String MINE_PARAMETER = "mine";
    static final String SCHEDULED_PARAMETER = "scheduled";
    static final String SEARCH_PARAMETER = "q";

    private static final MessageType DEFAULT_TYPE = MessageType.BULK;

    /** Rows fetched per request; the grid fetches the next page as it scrolls. */
    static final int PAGE_SIZE = 40;

    private final MessageRepository messages;
    private final ColumnPreferenceRepository preferences;
    private final ExportDialogs exportDialogs;
    private final AppUser user;
    private final long accountId;

    private final Map<MessageType, Tab> tabs = new EnumMap<>(MessageType.class);
    private final Map<MessageType, Span> tabCounts = new EnumMap<>(MessageType.class);
    private final Tabs tabBar;
    private final Checkbox mineFilter;
    private final Checkbox scheduledFilter;
    private final TextField searchField;
    private final Grid<MessageRow> grid;
    private final MessageGridColumns gridColumns;

    private @Nullable UrlState urlState;
    private MessageType type = DEFAULT_TYPE;
    private @Nullable String search;
    private List<MessageColumn> columns = MessageColumn.DEFAULTS;
    /** True while the panel sets its own components from the URL, so their listeners stay quiet. */
    private boolean applyingState;
    /**
     * The tab counts last read and the filter they were read with (null: to be read again). They
     * depend on the filters only, so a tab change does not count again; and the grid's count of its
     * tab is one of them, so a search or filter change reads the messages twice (page, counts)
     * instead of three times. Dropped when new data may have changed them.
     */
    private @Nullable MessageFilter countedFilter;

    private Map<MessageType, Integer> counted = Map.of();

    public MessageListPanel(
            MessageRepository messages,
            ColumnPreferenceRepository preferences,
            RecipientsDialogs recipientsDialogs,
            ExportDialogs exportDialogs,
            LiveUpdates liveUpdates,
            AttributionRepository attributions,
            CurrentUser currentUser) {
        this.messages = messages;
        this.preferences = preferences;
        this.exportDialogs = exportDialogs;
        this.user = currentUser.get();
        this.accountId = user.requireAccountId();
        setId("message-list-panel");
        addClassNames(
                "message-list-panel",
                LumoUtility.Display.FLEX,
                LumoUtility.FlexDirection.COLUMN,
                LumoUtility.Gap.SMALL,
                LumoUtility.Width.FULL);

        tabBar = createTabs();
        mineFilter = createMineFilter();
        scheduledFilter = createScheduledFilter();
        searchField = createSearchField();
        grid = createGrid();
        gridColumns = new MessageGridColumns(
                grid,
                this,
                this::getLocale,
                user.timeZone(),
                new MessageGridColumns.Opens(
                        (row, list) -> recipientsDialogs.open(accountId, row.id(), list),
                        this::openAnalytics,
                        this::openColumnChooser),
                attributions.attribution(accountId));
        add(createTitle(), tabBar, createToolbar(), gridColumns.attributionNote(), grid);
        gridColumns.build(columns);
        // New delivery reports move the counters: redraw the visible page; new messages may have come
        // too, so the count is read again.
        LiveSubscription.whileAttached(this, accountId, liveUpdates::subscribe, change -> {
            countedFilter = null;
            grid.getDataProvider().refreshAll();
        });
    }

    /** Reads tab, filters and search from the URL (invalid values fall back to defaults) and loads. */
    public void show(UrlState state) {
        this.urlState = state;
        applyingState = true;
        try {
            type = state.get(TAB_PARAMETER).flatMap(MessageListPanel::parseType).orElse(DEFAULT_TYPE);
            tabBar.setSelectedTab(tabs.get(type));
            mineFilter.setValue(state.get(MINE_PARAMETER).map("true"::equals).orElse(false));
            scheduledFilter.setValue(
                    state.get(SCHEDULED_PARAMETER).map("true"::equals).orElse(false));
            var text = state.get(SEARCH_PARAMETER).map(String::strip).orElse("");
            if (text.length() > MessageFilter.MAX_SEARCH_LENGTH) {
                notifySearchTooLong();
                text = "";
            }
            searchField.setValue(text);
            search = text.isEmpty() ? null : text;
        } finally {
            applyingState = false;
        }
        countedFilter = null;
        showType();
    }

    // ------------------------------------------------------------------ layout

    private Component createTitle() {
        var title = new H3(getTranslation("messages.title"));
        title.addClassNames(LumoUtility.FontSize.LARGE, LumoUtility.Margin.NONE);
        return title;
    }

    private Tabs createTabs() {
        var bar = new Tabs();
        bar.setId("message-tabs");
        bar.getElement().setAttribute("aria-label", getTranslation("messages.tabs"));
        for (var messageType : MessageType.values()) {
            var count = new Span();
            count.addClassNames("tab-count");
            var tab = new Tab(new Span(getTranslation("type." + messageType.name())), count);
            tab.setId("tab-" + messageType.name());
            tabs.put(messageType, tab);
            tabCounts.put(messageType, count);
            bar.add(tab);
        }
        bar.addSelectedChangeListener(event -> {
            if (!applyingState && event.getSelectedTab() != null) {
                tabs.forEach((messageType, tab) -> {
                    if (tab == event.getSelectedTab()) {
                        type = messageType;
                    }
                });
                writeUrl();
                showType();
            }
        });
        return bar;
    }

    private Checkbox createMineFilter() {
        var checkbox = new Checkbox(getTranslation("messages.filter.mine"));
        checkbox.setId("filter-mine");
        // The seed's words stay; the tooltip says whose messages they are.
        checkbox.setTooltipText(getTranslation("messages.filter.mine.tooltip"));
        checkbox.addValueChangeListener(event -> filtersChanged());
        return checkbox;
    }

    private Checkbox createScheduledFilter() {
        var checkbox = new Checkbox(getTranslation("messages.filter.scheduled"));
        checkbox.setId("filter-scheduled");
        checkbox.addValueChangeListener(event -> filtersChanged());
        return checkbox;
    }

    private TextField createSearchField() {
        var field = SearchField.create(
                "message-search",
                getTranslation("messages.search.label"),
                getTranslation("messages.search.placeholder"),
                MessageFilter.MAX_SEARCH_LENGTH);
        field.setValueChangeTimeout(350);
        field.addClassNames("message-search");
        field.addValueChangeListener(event -> {
            if (applyingState) {
                return;
            }
            var text = event.getValue() == null ? "" : event.getValue().strip();
            if (text.length() > MessageFilter.MAX_SEARCH_LENGTH) {
                // Nothing changes: the list keeps the previous search.
                notifySearchTooLong();
                applyingState = true;
                try {
                    field.setValue(event.getOldValue());
                } finally {
                    applyingState = false;
                }
                return;
            }
            search = text.isEmpty() ? null : text;
            writeUrl();
            refresh();
        });
        return field;
    }

    private Component createToolbar() {
        var filterLabel = new Span(getTranslation("messages.filter"));
        filterLabel.addClassNames(LumoUtility.FontWeight.SEMIBOLD, LumoUtility.FontSize.SMALL);
        var filters = new HorizontalLayout(filterLabel, mineFilter, scheduledFilter);
        filters.setAlignItems(FlexComponent.Alignment.CENTER);
        filters.setSpacing(true);
        filters.getElement().setAttribute("role", "group");
        filters.getElement().setAttribute("aria-label", getTranslation("messages.filter"));

        var export = new Button(
                getTranslation("messages.export"),
                AppIcon.DOWNLOAD_ALT.create(),
                event -> exportDialogs.open(user, type, this::columnsOf));
        export.setId("export-button");

        var personalize = new Button(
                getTranslation("messages.personalize"), AppIcon.COG_O.create(), event -> openColumnChooser());
        personalize.setId("personalize-button");
        personalize.setTooltipText(getTranslation("messages.columns.open"));

        var toolbar = new HorizontalLayout(filters, personalize, searchField, export);
        toolbar.setAlignItems(FlexComponent.Alignment.CENTER);
        toolbar.setWidthFull();
        toolbar.setWrap(true);
        toolbar.addClassNames("message-toolbar");
        export.addClassNames(LumoUtility.Margin.Left.AUTO);
        return toolbar;
    }

    private Grid<MessageRow> createGrid() {
        var messageGrid = new Grid<MessageRow>();
        messageGrid.setId("message-grid");
        messageGrid.addClassNames("message-grid");
        messageGrid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_WRAP_CELL_CONTENT);
        // The first page goes with the page's first response: a smaller one makes the first rows
        // come sooner (a laptop screen shows about 15 rows).
        messageGrid.setPageSize(PAGE_SIZE);
        messageGrid.setMultiSort(false);
        messageGrid.setEmptyStateText(getTranslation("messages.empty"));
        messageGrid.setItems(query -> fetch(query), query -> countOfTab());
        messageGrid.addItemDoubleClickListener(event -> openAnalytics(event.getItem()));
        return messageGrid;
    }

    private Stream<MessageRow> fetch(Query<MessageRow, Void> query) {
        var sort = query.getSortOrders().stream()
                .filter(order -> MessageRepository.isSortable(order.getSorted()))
                .map(order -> new SortKey(order.getSorted(), order.getDirection() == SortDirection.ASCENDING))
                .toList();
        return messages.fetch(filter(), query.getOffset(), query.getLimit(), sort).stream();
    }

    // ------------------------------------------------------------------ columns

    private void openColumnChooser() {
        new ColumnChooserDialog(
                        MessageColumn.keys(columns),
                        key -> gridColumns.label(MessageColumn.byKey(key).orElseThrow()),
                        getTranslation("type." + type.name()),
                        this::saveColumns)
                .open();
    }

    /** Stores the choice for this tab, or with {@code allTabs} for every tab. */
    private void saveColumns(List<String> chosen, boolean allTabs) {
        var sanitized = MessageColumn.sanitize(chosen);
        if (sanitized.isEmpty()) {
            return;
        }
        var tabTypes = allTabs ? List.of(MessageType.values()) : List.of(type);
        preferences.saveAll(
                accountId,
                user.id(),
                tabTypes.stream().map(MessageColumn::gridKey).toList(),
                MessageColumn.keys(sanitized),
                sanitized.equals(MessageColumn.DEFAULTS));
        columns = sanitized;
        gridColumns.build(columns);
    }

    private List<MessageColumn> savedColumns() {
        return columnsOf(type);
    }

    /**
     * The columns this user arranged for a tab, or the defaults; {@code null} is "all types", which
     * has no tab of its own but may have a saved arrangement. The export dialog asks this for the
     * type it exports, so a file has the columns of the list.
     */
    List<MessageColumn> columnsOf(@Nullable MessageType tab) {
        return preferences
                .find(accountId, user.id(), MessageColumn.gridKey(tab))
                .map(MessageColumn::sanitize)
                .filter(list -> !list.isEmpty())
                .orElse(MessageColumn.DEFAULTS);
    }

    private void openAnalytics(MessageRow row) {
        // The list's URL parameters go along, so the analytics page can link back to this tab, filters and search.
        UI.getCurrent()
                .navigate(
                        MessageAnalyticsView.class,
                        new RouteParameters(MessageAnalyticsView.ID_PARAMETER, Long.toString(row.id())),
                        urlState == null ? QueryParameters.empty() : urlState.toQueryParameters());
    }

    private String count(long value) {
        return Formats.count(value, getLocale());
    }

    // ------------------------------------------------------------------ state

    private MessageFilter filter() {
        return new MessageFilter(
                accountId, type, mineFilter.getValue() ? user.id() : null, scheduledFilter.getValue(), search);
    }

    private void filtersChanged() {
        if (applyingState) {
            return;
        }
        writeUrl();
        refresh();
    }

    /** After a tab change: that tab's columns of this user, the scheduled filter only where it applies. */
    private void showType() {
        scheduledFilter.setVisible(type != MessageType.TEST);
        var saved = savedColumns();
        if (!saved.equals(columns)) {
            columns = saved;
            gridColumns.build(columns);
        }
        grid.getDataProvider().refreshAll();
        if (countedFilter == null) {
            updateTabCounts();
        }
    }

    /** After a filter or search change: the list and the tab counts, which follow the filters. */
    private void refresh() {
        grid.getDataProvider().refreshAll();
        updateTabCounts();
    }

    private void updateTabCounts() {
        var filter = filter();
        counted = messages.countByType(filter);
        countedFilter = filter;
        counted.forEach((messageType, n) -> tabCounts.get(messageType).setText(count(n)));
    }

    /** The messages of the shown tab: from the tab counts when they were read under the same filters. */
    private int countOfTab() {
        var filter = filter();
        if (countedFilter != null && countedFilter.withType(type).equals(filter)) {
            return counted.get(type);
        }
        return messages.count(filter);
    }

    private void writeUrl() {
        if (urlState == null) {
            return;
        }
        urlState.put(TAB_PARAMETER, type.name());
        urlState.put(MINE_PARAMETER, mineFilter.getValue() ? "true" : null);
        urlState.put(SCHEDULED_PARAMETER, scheduledFilter.getValue() ? "true" : null);
        urlState.put(SEARCH_PARAMETER, search);
    }

    private void notifySearchTooLong() {
        Notification.show(
                getTranslation("messages.search.too-long", MessageFilter.MAX_SEARCH_LENGTH),
                5000,
                Notification.Position.MIDDLE);
    }

    private static Optional<MessageType> parseType(String value) {
        for (var messageType : MessageType.values()) {
            if (messageType.name().equals(value)) {
                return Optional.of(messageType);
            }
        }
        return Optional.empty();
    }
}
