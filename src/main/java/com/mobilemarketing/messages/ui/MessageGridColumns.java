package com.mobilemarketing.messages.ui;

import com.mobilemarketing.analytics.WhoList;
import com.mobilemarketing.core.columns.MessageColumn;
import com.mobilemarketing.core.columns.MessageRow;
import com.mobilemarketing.core.metrics.Attribution;
import com.mobilemarketing.core.metrics.Metric;
import com.mobilemarketing.core.metrics.MetricFormat;
import com.mobilemarketing.core.metrics.MetricValue;
import com.mobilemarketing.core.ui.AppIcon;
import com.mobilemarketing.core.ui.AttributionTexts;
import com.mobilemarketing.core.ui.ChannelIcons;
import com.mobilemarketing.core.ui.Formats;
import com.mobilemarketing.db.enums.MessageState;
import com.mobilemarketing.messages.MessageRepository;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.data.renderer.LitRenderer;
import com.vaadin.flow.theme.lumo.LumoUtility;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The columns of the message list's grid: for each {@link MessageColumn} its cell, header, width and
 * sort, and the actions column with the column chooser. Figures come from the metric model: "—"
 * with the reason as accessible name and tooltip where the channel or gateway cannot know them.
 */
final class MessageGridColumns {

    static final String ACTIONS_COLUMN = "actions";

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
            <vaadin-icon class="%s ${item.channelClass}" src="%s" symbol="${item.symbol}" role="img"
                aria-label="${item.channel}"></vaadin-icon>""".formatted(ChannelIcons.CSS_CLASS, AppIcon.sprite());

    private static final String ANALYTICS_TEMPLATE = """
            <vaadin-button theme="tertiary-inline small" aria-label="${item.label}"
                @click="${openAnalytics}">${item.text}</vaadin-button>""";

    private final Grid<MessageRow> grid;
    private final Component context;
    private final Supplier<Locale> locale;
    private final ZoneId zone;
    private final Opens opens;
    /** The attribution the order columns are read with, shown above the grid while one of them is. */
    private final Span attributionNote = new Span();

    /** What the grid's buttons open: a "Who?" list, a message's analytics, the column chooser. */
    record Opens(BiConsumer<MessageRow, WhoList> who, Consumer<MessageRow> analytics, Runnable columnChooser) {}

    MessageGridColumns(
            Grid<MessageRow> grid,
            Component context,
            Supplier<Locale> locale,
            ZoneId zone,
            Opens opens,
            Attribution attribution) {
        this.grid = grid;
        this.context = context;
        this.locale = locale;
        this.zone = zone;
        this.opens = opens;
        attributionNote.setId("messages-attribution");
        attributionNote.addClassNames(
                "messages-attribution", LumoUtility.FontSize.XSMALL, LumoUtility.TextColor.SECONDARY);
        attributionNote.setText(
                context.getTranslation("messages.attribution.note", AttributionTexts.label(context, attribution)));
        attributionNote.setTitle(AttributionTexts.detail(context, attribution));
    }

    /** The note naming the attribution of the order columns; visible while the grid shows one. */
    Span attributionNote() {
        return attributionNote;
    }

    /** (Re)creates the grid's columns in the user's order; the actions column stays last. */
    void build(List<MessageColumn> columns) {
        attributionNote.setVisible(columns.stream()
                .anyMatch(column -> column.metric().filter(Metric::needsOrders).isPresent()));
        grid.removeAllColumns();
        for (var column : columns) {
            addColumn(column);
        }
        var personalize =
                new Button(AppIcon.PLUS.create(), event -> opens.columnChooser().run());
        personalize.setId("columns-button");
        personalize.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_SMALL);
        personalize.setAriaLabel(tr("messages.columns.open"));
        personalize.setTooltipText(tr("messages.columns.open"));
        grid.addColumn(analyticsCell())
                .setKey(ACTIONS_COLUMN)
                .setHeader(personalize)
                .setFrozenToEnd(true)
                .setAutoWidth(true)
                .setFlexGrow(0)
                .setTextAlign(ColumnTextAlign.END);
    }

    String label(MessageColumn column) {
        return tr(column.labelKey());
    }

    private void addColumn(MessageColumn key) {
        Grid.Column<MessageRow> column = switch (key) {
            case NAME -> grid.addColumn(nameCell());
            case OWNER -> grid.addColumn(MessageRow::ownerName);
            case SENT -> countColumn(Metric.SENT, WhoList.SENT);
            case SENT_DATE -> grid.addColumn(this::sentDateText);
            case DELIVERED -> countColumn(Metric.DELIVERED, WhoList.DELIVERED);
            case OPENED -> countColumn(Metric.OPENED, WhoList.OPENED);
            case UNDELIVERED -> countColumn(Metric.UNDELIVERED, null);
            case CHANNEL ->
                grid.addColumn(channelCell())
                        .setTooltipGenerator(
                                row -> tr("channel." + row.channel().name()))
                        .setTextAlign(ColumnTextAlign.CENTER);
            case CLICKED -> textColumn(Metric.CLICKED);
            case DELIVERY_RATE -> textColumn(Metric.DELIVERY_RATE);
            case OPEN_RATE -> textColumn(Metric.OPEN_RATE);
            case CLICK_RATE -> textColumn(Metric.CLICK_RATE);
            case TYPE -> grid.addColumn(row -> tr("type." + row.type().name()));
            case GATEWAY -> grid.addColumn(row -> row.gatewayName() == null ? "" : row.gatewayName());
            case SCHEDULED_DATE -> grid.addColumn(row -> dateTime(row.scheduledAt()));
            case STATE -> grid.addColumn(row -> tr("state." + row.state().name()));
            // Order and cost figures: their text from the metric model.
            default -> textColumn(key.metric().orElseThrow());
        };
        var sortable = MessageRepository.isSortable(key.key());
        column.setKey(key.key()).setHeader(label(key)).setResizable(true).setSortable(sortable);
        if (sortable) {
            column.setSortProperty(key.key());
        }
        if (key == MessageColumn.CHANNEL) {
            column.setHeader(channelHeader());
        }
        if (key.metric().filter(Metric::needsOrders).isPresent()) {
            var header = new Span(label(key));
            header.setTitle(attributionNote.getText());
            column.setHeader(header);
        }
        setWidth(key, column);
    }

    /**
     * Fixed widths so the default set (with the actions column) fits a 1440 px laptop with the side
     * menu open, about 1140 px of grid; only the name and the owner take the remaining space, the
     * name wrapping below its width. Each is its header's label plus sort arrow (or the longest
     * cell: a date and time on one line) plus the cell padding of messages.css, measured with a
     * wide font (DejaVu Sans, what a Linux machine without web fonts shows). In rem, not em: header
     * cells use a smaller font than body cells, so em widths made the header columns narrower than
     * the body's and pushed the header labels under the "+".
     */
    private static void setWidth(MessageColumn key, Grid.Column<MessageRow> column) {
        switch (key) {
            case NAME -> column.setWidth("9.5rem").setFlexGrow(3);
            case OWNER, GATEWAY -> column.setWidth("8rem").setFlexGrow(1);
            case SENT_DATE -> column.setWidth("10rem").setFlexGrow(0);
            case SCHEDULED_DATE -> column.setWidth("11rem").setFlexGrow(0);
            case CHANNEL, CLICK_RATE -> column.setWidth("5.5rem").setFlexGrow(0);
            case SENT -> column.setWidth("6.5rem").setFlexGrow(0);
            case CLICKED -> column.setWidth("7rem").setFlexGrow(0);
            case OPENED -> column.setWidth("6rem").setFlexGrow(0);
            case DELIVERED -> column.setWidth("8rem").setFlexGrow(0);
            case UNDELIVERED -> column.setWidth("9.5rem").setFlexGrow(0);
            case DELIVERY_RATE -> column.setWidth("13rem").setFlexGrow(0);
            case OPEN_RATE -> column.setWidth("11rem").setFlexGrow(0);
            case TYPE -> column.setWidth("10rem").setFlexGrow(0);
            case ORDERS, REVENUE -> column.setWidth("9rem").setFlexGrow(0);
            case REVENUE_PER_RECIPIENT, CONVERSION_RATE ->
                column.setWidth("12rem").setFlexGrow(0);
            case AVERAGE_ORDER_VALUE -> column.setWidth("14rem").setFlexGrow(0);
            case COST, RETURN -> column.setWidth("9rem").setFlexGrow(0);
            case COST_PER_DELIVERED, COST_PER_READ, COST_PER_CLICK, COST_PER_ORDER ->
                column.setWidth("12rem").setFlexGrow(0);
            default -> column.setWidth("7.5rem").setFlexGrow(0);
        }
    }

    /** The channel column shows icons: a short header keeps it narrow, the full label is its tooltip. */
    private Component channelHeader() {
        var header = new Span(tr("messages.column.channel.short"));
        header.setId("channel-header");
        header.getElement().setAttribute("title", label(MessageColumn.CHANNEL));
        return header;
    }

    // ------------------------------------------------------------------ cells

    private LitRenderer<MessageRow> nameCell() {
        return LitRenderer.<MessageRow>of(NAME_TEMPLATE)
                .withProperty("name", MessageRow::name)
                .withProperty(
                        "state",
                        row -> row.state() == MessageState.SENT
                                ? null
                                : tr("state." + row.state().name()))
                .withProperty("stateClass", row -> row.state().name().toLowerCase(Locale.ROOT));
    }

    private String sentDateText(MessageRow row) {
        var time = dateTime(row.listTime());
        if (row.sentAt() != null || time.isEmpty()) {
            return time;
        }
        return row.state() == MessageState.CANCELLED
                ? context.getTranslation("messages.sent-date.cancelled", time)
                : context.getTranslation("messages.sent-date.scheduled", time);
    }

    /**
     * A counter, with the "Who?" button of its list when there is one and the count is above zero;
     * "—" where the channel or the gateway cannot know the figure, its reason as accessible name and
     * tooltip.
     */
    private Grid.Column<MessageRow> countColumn(Metric metric, @Nullable WhoList list) {
        var renderer = LitRenderer.<MessageRow>of(list == null ? NUMBER_TEMPLATE : COUNT_TEMPLATE)
                .withProperty("text", row -> text(row, metric))
                .withProperty("unknown", row -> reason(row, metric));
        if (list != null) {
            var whoText = tr("common.who");
            renderer.withProperty(
                            "who",
                            row -> row.figures().value(metric).countOrZero() > 0
                                    ? context.getTranslation("messages.who." + list.name(), row.name())
                                    : null)
                    .withProperty("whoText", row -> whoText)
                    .withFunction("openWho", row -> opens.who().accept(row, list));
        }
        return numeric(grid.addColumn(renderer)).setTooltipGenerator(row -> reason(row, metric));
    }

    /** A figure as plain text (a count without a list, or a rate), "—" with its reason where unknown. */
    private Grid.Column<MessageRow> textColumn(Metric metric) {
        return numeric(grid.addColumn(row -> text(row, metric))).setTooltipGenerator(row -> reason(row, metric));
    }

    private String text(MessageRow row, Metric metric) {
        return MetricFormat.text(row.figures().value(metric), locale.get());
    }

    /** Why the figure is "—", or null when it is known. */
    private @Nullable String reason(MessageRow row, Metric metric) {
        MetricValue value = row.figures().value(metric);
        var key = MetricFormat.reasonKey(value);
        return key == null ? null : tr(key);
    }

    private LitRenderer<MessageRow> channelCell() {
        return LitRenderer.<MessageRow>of(CHANNEL_TEMPLATE)
                .withProperty("symbol", row -> ChannelIcons.symbol(row.channel()))
                .withProperty("channelClass", row -> ChannelIcons.cssClass(row.channel()))
                .withProperty("channel", row -> tr("channel." + row.channel().name()));
    }

    private LitRenderer<MessageRow> analyticsCell() {
        var text = tr("messages.analytics");
        return LitRenderer.<MessageRow>of(ANALYTICS_TEMPLATE)
                .withProperty("text", row -> text)
                .withProperty("label", row -> context.getTranslation("messages.analytics.aria", row.name()))
                .withFunction("openAnalytics", opens.analytics()::accept);
    }

    private static Grid.Column<MessageRow> numeric(Grid.Column<MessageRow> column) {
        return column.setTextAlign(ColumnTextAlign.END);
    }

    private String dateTime(@Nullable OffsetDateTime time) {
        return Formats.dateTime(time, zone, locale.get());
    }

    private String tr(String key) {
        return context.getTranslation(key);
    }
}
