package com.mobilemarketing.messages.ui;

import com.mobilemarketing.analytics.WhoList;
import com.mobilemarketing.analytics.ui.MessageAnalyticsView;
import com.mobilemarketing.analytics.ui.RecipientsDialogs;
import com.mobilemarketing.core.live.LiveUpdates;
import com.mobilemarketing.core.security.AppUser;
import com.mobilemarketing.core.security.CurrentUser;
import com.mobilemarketing.core.ui.ChannelIcons;
import com.mobilemarketing.core.ui.Formats;
import com.mobilemarketing.core.ui.LiveSubscription;
import com.mobilemarketing.core.ui.UrlState;
import com.mobilemarketing.db.enums.MessageState;
import com.mobilemarketing.db.enums.MessageType;
import com.mobilemarketing.export.ui.ExportDialogs;
import com.mobilemarketing.messages.ColumnPreferenceRepository;
import com.mobilemarketing.messages.MessageColumns;
import com.mobilemarketing.messages.MessageFilter;
import com.mobilemarketing.messages.MessageRepository;
import com.mobilemarketing.messages.MessageRow;
import com.mobilemarketing.messages.SortKey;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Section;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.tabs.Tab;
import com.vaadin.flow.component.tabs.Tabs;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.provider.Query;
import com.vaadin.flow.data.provider.SortDirection;
import com.vaadin.flow.data.renderer.LitRenderer;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.spring.annotation.SpringComponent;
import com.vaadin.flow.theme.lumo.LumoUtility;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Scope;

/**
 * The list of sent and scheduled messages (product.md §2): a tab per message type with its count,
 * filters, search, a lazily loaded grid whose columns each user arranges per tab, "Who?" buttons,
 * a way into each message's analytics, and the export. Tab, filters and search live in the URL.
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
    private static final String ACTIONS_COLUMN = "actions";

    /*
     * Cells with more than a text are Lit templates filled from a few properties of each row, not a
     * component per cell: with components, the 50 rows of a page held over half of a signed-in
     * dashboard session's server-side state. Texts reach a template only as properties, never as
     * template source, so a message's name cannot inject markup.
     */
    private static final String NAME_TEMPLATE = """
            <div class="name-cell"><span class="message-name">${item.name}</span>${item.state
                ? html`<span class="state-badge state-${item.stateClass}">${item.state}</span>`
                : ''}</div>""";

    private static final String COUNT_TEMPLATE = """
            ${item.unknown
                ? html`<span class="not-available" role="img" aria-label="${item.unknown}">${item.text}</span>`
                : html`<div class="count-cell"><span>${item.text}</span>${item.who
                    ? html`<vaadin-button class="who-button" theme="tertiary-inline small"
                          aria-label="${item.who}" @click="${openWho}">${item.whoText}</vaadin-button>`
                    : ''}</div>`}""";

    /** A counter without a "Who?" list. */
    private static final String NUMBER_TEMPLATE = """
            ${item.unknown
                ? html`<span class="not-available" role="img" aria-label="${item.unknown}">${item.text}</span>`
                : html`<span>${item.text}</span>`}""";

    private static final String CHANNEL_TEMPLATE = """
            <vaadin-icon class="%s ${item.channelClass}" icon="${item.icon}" role="img"
                aria-label="${item.channel}"></vaadin-icon>""".formatted(ChannelIcons.CSS_CLASS);

    private static final String ANALYTICS_TEMPLATE = """
            <vaadin-button theme="tertiary-inline small" aria-label="${item.label}"
                @click="${openAnalytics}">${item.text}</vaadin-button>""";

    /** When a counter cannot be known, and the key of the reason shown instead. */
    private record Unknown(Predicate<MessageRow> when, String reasonKey) {}

    private static final Unknown DELIVERY_UNKNOWN =
            new Unknown(MessageRow::deliveryUnknown, "messages.delivery-unknown.tooltip");
    private static final Unknown OPENS_UNKNOWN = new Unknown(MessageRow::opensUnknown, "common.not-available.tooltip");

    private final MessageRepository messages;
    private final ColumnPreferenceRepository preferences;
    private final RecipientsDialogs recipientsDialogs;
    private final ExportDialogs exportDialogs;
    private final AppUser user;
    private final long accountId;
    private final ZoneId zone;

    private final Map<MessageType, Tab> tabs = new EnumMap<>(MessageType.class);
    private final Map<MessageType, Span> tabCounts = new EnumMap<>(MessageType.class);
    private final Tabs tabBar;
    private final Checkbox mineFilter;
    private final Checkbox scheduledFilter;
    private final TextField searchField;
    private final Grid<MessageRow> grid;

    private @Nullable UrlState urlState;
    private MessageType type = DEFAULT_TYPE;
    private @Nullable String search;
    private List<String> columns = MessageColumns.DEFAULTS;
    /** True while the panel sets its own components from the URL, so their listeners stay quiet. */
    private boolean applyingState;
    /** Tab counts depend on the filters only, so a tab change does not count again. */
    private boolean countsShown;

    public MessageListPanel(
            MessageRepository messages,
            ColumnPreferenceRepository preferences,
            RecipientsDialogs recipientsDialogs,
            ExportDialogs exportDialogs,
            LiveUpdates liveUpdates,
            CurrentUser currentUser) {
        this.messages = messages;
        this.preferences = preferences;
        this.recipientsDialogs = recipientsDialogs;
        this.exportDialogs = exportDialogs;
        this.user = currentUser.get();
        this.accountId = user.requireAccountId();
        this.zone = user.timeZone();
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
        add(createTitle(), tabBar, createToolbar(), grid);
        buildColumns();
        // New delivery reports move the counters: redraw the visible page (the count does not change).
        LiveSubscription.whileAttached(
                this,
                accountId,
                liveUpdates::subscribe,
                change -> grid.getDataProvider().refreshAll());
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
        countsShown = false;
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
        var field = new TextField();
        field.setId("message-search");
        field.setAriaLabel(getTranslation("messages.search.label"));
        field.setPlaceholder(getTranslation("messages.search.placeholder"));
        field.setPrefixComponent(VaadinIcon.SEARCH.create());
        field.setClearButtonVisible(true);
        field.setMaxLength(MessageFilter.MAX_SEARCH_LENGTH);
        field.setValueChangeMode(ValueChangeMode.LAZY);
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

        var personalize = new Button(
                getTranslation("messages.personalize"), VaadinIcon.COG_O.create(), event -> openColumnChooser());
        personalize.setId("personalize-button");
        personalize.setTooltipText(getTranslation("messages.columns.open"));

        var export = new Button(
                getTranslation("messages.export"), VaadinIcon.DOWNLOAD_ALT.create(), event -> exportDialogs.open(type));
        export.setId("export-button");

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
        messageGrid.setPageSize(50);
        messageGrid.setMultiSort(false);
        messageGrid.setEmptyStateText(getTranslation("messages.empty"));
        messageGrid.setItems(query -> fetch(query), query -> messages.count(filter()));
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

    /** (Re)creates the grid's columns in the user's order; the actions column stays last. */
    private void buildColumns() {
        grid.removeAllColumns();
        for (var key : columns) {
            addColumn(key);
        }
        var personalize = new Button(VaadinIcon.PLUS.create(), event -> openColumnChooser());
        personalize.setId("columns-button");
        personalize.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_SMALL);
        personalize.setAriaLabel(getTranslation("messages.columns.open"));
        personalize.setTooltipText(getTranslation("messages.columns.open"));
        grid.addColumn(analyticsCell())
                .setKey(ACTIONS_COLUMN)
                .setHeader(personalize)
                .setFrozenToEnd(true)
                .setAutoWidth(true)
                .setFlexGrow(0)
                .setTextAlign(ColumnTextAlign.END);
    }

    private void addColumn(String key) {
        Grid.Column<MessageRow> column = switch (key) {
            case MessageColumns.NAME -> grid.addColumn(nameCell());
            case MessageColumns.OWNER -> grid.addColumn(MessageRow::ownerName);
            case MessageColumns.SENT -> countColumn(MessageRow::sent, WhoList.SENT, null);
            case MessageColumns.SENT_DATE -> grid.addColumn(this::sentDateText);
            case MessageColumns.DELIVERED -> countColumn(MessageRow::delivered, WhoList.DELIVERED, DELIVERY_UNKNOWN);
            case MessageColumns.OPENED -> countColumn(MessageRow::opened, WhoList.OPENED, OPENS_UNKNOWN);
            case MessageColumns.UNDELIVERED -> countColumn(MessageRow::undelivered, null, DELIVERY_UNKNOWN);
            case MessageColumns.CHANNEL ->
                grid.addColumn(channelCell())
                        .setTooltipGenerator(
                                row -> getTranslation("channel." + row.channel().name()))
                        .setTextAlign(ColumnTextAlign.CENTER);
            case MessageColumns.CLICKED -> numeric(grid.addColumn(row -> count(row.clicked())));
            case MessageColumns.DELIVERY_RATE ->
                numeric(grid.addColumn(row -> row.deliveryUnknown()
                        ? Formats.NOT_AVAILABLE
                        : Formats.rate(row.delivered(), row.sent(), getLocale())));
            case MessageColumns.OPEN_RATE ->
                numeric(grid.addColumn(row -> row.opensUnknown()
                        ? Formats.NOT_AVAILABLE
                        : Formats.rate(row.opened(), row.delivered(), getLocale())));
            case MessageColumns.CLICK_RATE ->
                numeric(grid.addColumn(row -> row.deliveryUnknown()
                        ? Formats.NOT_AVAILABLE
                        : Formats.rate(row.clicked(), row.delivered(), getLocale())));
            case MessageColumns.TYPE ->
                grid.addColumn(row -> getTranslation("type." + row.type().name()));
            case MessageColumns.GATEWAY -> grid.addColumn(row -> row.gatewayName() == null ? "" : row.gatewayName());
            case MessageColumns.SCHEDULED_DATE -> grid.addColumn(row -> dateTime(row.scheduledAt()));
            case MessageColumns.STATE ->
                grid.addColumn(row -> getTranslation("state." + row.state().name()));
            default -> throw new IllegalArgumentException("Unknown column " + key);
        };
        column.setKey(key)
                .setHeader(columnLabel(key))
                .setResizable(true)
                .setSortable(MessageRepository.isSortable(key));
        if (MessageRepository.isSortable(key)) {
            column.setSortProperty(key);
        }
        if (MessageColumns.CHANNEL.equals(key)) {
            column.setHeader(channelHeader());
        }
        // Fixed widths so the default set (with the actions column) fits a 1440 px laptop with the
        // side menu open, about 1140 px of grid; only the name and the owner take the remaining
        // space, the name wrapping below its width. Each is its header's label plus sort arrow (or
        // the longest cell: a date and time on one line) plus the cell padding of messages.css,
        // measured with a wide font (DejaVu Sans, what a Linux machine without web fonts shows).
        // In rem, not em: header cells use a smaller font than body cells, so em widths made the
        // header columns narrower than the body's and pushed the header labels under the "+".
        switch (key) {
            case MessageColumns.NAME -> column.setWidth("9.5rem").setFlexGrow(3);
            case MessageColumns.OWNER, MessageColumns.GATEWAY ->
                column.setWidth("8rem").setFlexGrow(1);
            case MessageColumns.SENT_DATE -> column.setWidth("10rem").setFlexGrow(0);
            case MessageColumns.SCHEDULED_DATE -> column.setWidth("11rem").setFlexGrow(0);
            case MessageColumns.CHANNEL, MessageColumns.CLICK_RATE ->
                column.setWidth("5.5rem").setFlexGrow(0);
            case MessageColumns.SENT -> column.setWidth("6.5rem").setFlexGrow(0);
            case MessageColumns.CLICKED -> column.setWidth("7rem").setFlexGrow(0);
            case MessageColumns.OPENED -> column.setWidth("6rem").setFlexGrow(0);
            case MessageColumns.DELIVERED -> column.setWidth("8rem").setFlexGrow(0);
            case MessageColumns.UNDELIVERED -> column.setWidth("9.5rem").setFlexGrow(0);
            case MessageColumns.DELIVERY_RATE -> column.setWidth("13rem").setFlexGrow(0);
            case MessageColumns.OPEN_RATE -> column.setWidth("11rem").setFlexGrow(0);
            case MessageColumns.TYPE -> column.setWidth("10rem").setFlexGrow(0);
            default -> column.setWidth("7.5rem").setFlexGrow(0);
        }
    }

    private static Grid.Column<MessageRow> numeric(Grid.Column<MessageRow> column) {
        return column.setTextAlign(ColumnTextAlign.END);
    }

    /** The channel column shows icons: a short header keeps it narrow, the full label is its tooltip. */
    private Component channelHeader() {
        var header = new Span(getTranslation("messages.column.channel.short"));
        header.setId("channel-header");
        header.getElement().setAttribute("title", columnLabel(MessageColumns.CHANNEL));
        return header;
    }

    String columnLabel(String key) {
        return getTranslation("messages.column." + key);
    }

    private void openColumnChooser() {
        new ColumnChooserDialog(columns, this::columnLabel, getTranslation("type." + type.name()), this::saveColumns)
                .open();
    }

    /** Stores the choice for this tab, or with {@code allTabs} for every tab. */
    private void saveColumns(List<String> chosen, boolean allTabs) {
        var sanitized = MessageColumns.sanitize(chosen);
        if (sanitized.isEmpty()) {
            return;
        }
        var tabTypes = allTabs ? List.of(MessageType.values()) : List.of(type);
        preferences.saveAll(
                accountId,
                user.id(),
                tabTypes.stream().map(MessageColumns::gridKey).toList(),
                sanitized,
                sanitized.equals(MessageColumns.DEFAULTS));
        columns = List.copyOf(sanitized);
        buildColumns();
    }

    private List<String> savedColumns() {
        return preferences
                .find(accountId, user.id(), MessageColumns.gridKey(type))
                .map(MessageColumns::sanitize)
                .filter(list -> !list.isEmpty())
                .map(List::copyOf)
                .orElse(MessageColumns.DEFAULTS);
    }

    // ------------------------------------------------------------------ cells

    private LitRenderer<MessageRow> nameCell() {
        return LitRenderer.<MessageRow>of(NAME_TEMPLATE)
                .withProperty("name", MessageRow::name)
                .withProperty(
                        "state",
                        row -> row.state() == MessageState.SENT
                                ? null
                                : getTranslation("state." + row.state().name()))
                .withProperty("stateClass", row -> row.state().name().toLowerCase(Locale.ROOT));
    }

    private String sentDateText(MessageRow row) {
        var time = dateTime(row.listTime());
        if (row.sentAt() != null || time.isEmpty()) {
            return time;
        }
        return row.state() == MessageState.CANCELLED
                ? getTranslation("messages.sent-date.cancelled", time)
                : getTranslation("messages.sent-date.scheduled", time);
    }

    /**
     * A counter, with the "Who?" button of its list when there is one and the count is above zero;
     * "—" where the channel or the gateway cannot know the figure, its reason as accessible name and
     * tooltip.
     */
    private Grid.Column<MessageRow> countColumn(
            ToLongFunction<MessageRow> value, @Nullable WhoList list, @Nullable Unknown unknown) {
        var reason = unknown == null ? null : getTranslation(unknown.reasonKey());
        Predicate<MessageRow> isUnknown =
                row -> unknown != null && unknown.when().test(row);
        var renderer = LitRenderer.<MessageRow>of(list == null ? NUMBER_TEMPLATE : COUNT_TEMPLATE)
                .withProperty(
                        "text", row -> isUnknown.test(row) ? Formats.NOT_AVAILABLE : count(value.applyAsLong(row)))
                .withProperty("unknown", row -> isUnknown.test(row) ? reason : null);
        if (list != null) {
            var whoText = getTranslation("common.who");
            renderer.withProperty(
                            "who",
                            row -> !isUnknown.test(row) && value.applyAsLong(row) > 0
                                    ? getTranslation("messages.who." + list.name(), row.name())
                                    : null)
                    .withProperty("whoText", row -> whoText)
                    .withFunction("openWho", row -> recipientsDialogs.open(row.id(), list));
        }
        var column = numeric(grid.addColumn(renderer));
        if (reason != null) {
            column.setTooltipGenerator(row -> isUnknown.test(row) ? reason : null);
        }
        return column;
    }

    private LitRenderer<MessageRow> channelCell() {
        return LitRenderer.<MessageRow>of(CHANNEL_TEMPLATE)
                .withProperty("icon", row -> ChannelIcons.iconName(row.channel()))
                .withProperty("channelClass", row -> ChannelIcons.cssClass(row.channel()))
                .withProperty(
                        "channel",
                        row -> getTranslation("channel." + row.channel().name()));
    }

    private LitRenderer<MessageRow> analyticsCell() {
        var text = getTranslation("messages.analytics");
        return LitRenderer.<MessageRow>of(ANALYTICS_TEMPLATE)
                .withProperty("text", row -> text)
                .withProperty("label", row -> getTranslation("messages.analytics.aria", row.name()))
                .withFunction("openAnalytics", this::openAnalytics);
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

    private String dateTime(@Nullable OffsetDateTime time) {
        return Formats.dateTime(time, zone, getLocale());
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
            buildColumns();
        }
        grid.getDataProvider().refreshAll();
        if (!countsShown) {
            updateTabCounts();
        }
    }

    /** After a filter or search change: the list and the tab counts, which follow the filters. */
    private void refresh() {
        grid.getDataProvider().refreshAll();
        updateTabCounts();
    }

    private void updateTabCounts() {
        messages.countByType(filter())
                .forEach((messageType, n) -> tabCounts.get(messageType).setText(count(n)));
        countsShown = true;
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
