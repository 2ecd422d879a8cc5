package com.mobilemarketing.stats.ui;

import com.mobilemarketing.core.metrics.Metric;
import com.mobilemarketing.core.ui.ChannelIcons;
import com.mobilemarketing.stats.StatsComparison;
import com.mobilemarketing.stats.StatsPeriod;
import com.mobilemarketing.stats.StatsSummary.ChannelRow;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import com.vaadin.flow.function.ValueProvider;
import com.vaadin.flow.theme.lumo.LumoUtility;
import java.util.List;

/** A row per channel under "All": the funnel, its rates, the credited orders and the cost, channel by channel. */
class StatsChannelRows extends Grid<ChannelRow> {

    /** Wide enough for the longest word of a rate's header ("dostarczenia") on a line of its own. */
    private static final String RATE_WIDTH = "8rem";

    private StatsComparison comparison = StatsComparison.PREVIOUS_PERIOD;
    private String previousDates = "";
    private final StatsTexts texts;

    StatsChannelRows(StatsTexts texts) {
        this.texts = texts;
        setId("stats-channel-rows");
        // Long headers such as "Wskaźnik dostarczenia" wrap instead of being cut off.
        addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_NO_BORDER, GridVariant.LUMO_WRAP_CELL_CONTENT);
        setAllRowsVisible(true);
        addColumn(new ComponentRenderer<>(row -> {
                    var cell = new Span(
                            ChannelIcons.icon(row.channel(), texts.host()),
                            new Span(texts.tr("channel." + row.channel().name())));
                    cell.addClassNames(LumoUtility.Display.FLEX, LumoUtility.AlignItems.CENTER, LumoUtility.Gap.SMALL);
                    return cell;
                }))
                .setHeader(texts.tr("stats.column.channel"))
                .setKey("channel")
                .setAutoWidth(true);
        column(row -> texts.count(row.current().sent()), texts.tr("stats.tile.sent"), "sent");
        column(row -> texts.count(row.current().delivered()), texts.tr("stats.tile.delivered"), "delivered");
        rate(Metric.DELIVERY_RATE, "stats.rate.delivery.short", "delivery-rate");
        figure(Metric.OPENED, "stats.tile.opened", "opened")
                .setTooltipGenerator(row -> texts.reason(row.current(), Metric.OPENED));
        rate(Metric.OPEN_RATE, "stats.rate.open.short", "open-rate");
        column(row -> texts.count(row.current().clicked()), texts.tr("stats.tile.clicked"), "clicked");
        figure(Metric.CLICK_RATE, "stats.rate.ctr.short", "ctr");
        figure(Metric.ORDERS, "stats.tile.orders", "orders");
        figure(Metric.REVENUE, "stats.tile.revenue", "revenue");
        rate(Metric.CONVERSION_RATE, "stats.rate.conversion.short", "conversion-rate");
        rate(Metric.REVENUE_PER_RECIPIENT, "stats.rate.revenue-per-recipient.short", "revenue-per-recipient");
        figure(Metric.COST, "stats.tile.cost", "cost")
                .setTooltipGenerator(row -> texts.reason(row.current(), Metric.COST));
        rate(Metric.COST_PER_ORDER, "stats.rate.cost-per-order.short", "cost-per-order");
        figure(Metric.RETURN, "stats.rate.return.short", "return");
        figure(Metric.OPT_OUTS, "stats.tile.opt-outs", "opt-outs");
        rate(Metric.OPT_OUT_RATE, "stats.rate.opt-out.short", "opt-out-rate");
        column(
                        row -> texts.shortChange(
                                row.current().sent(), row.previous().sent()),
                        texts.tr("stats.column.change"),
                        "sent-change")
                .setTooltipGenerator(
                        row -> texts.previous(comparison, row.previous().sent(), previousDates));
        getElement().setAttribute("aria-label", texts.tr("stats.channels.caption"));
    }

    /** The rows of the chosen period, with the change of sent against its comparison period. */
    void show(List<ChannelRow> rows, StatsPeriod period) {
        comparison = period.comparison();
        previousDates = texts.dates(period.previous());
        setItems(rows);
    }

    /** A column of one figure of the metric model in the period. */
    private Column<ChannelRow> figure(Metric metric, String headerKey, String key) {
        return column(row -> texts.text(row.current(), metric), texts.tr(headerKey), key);
    }

    /** A rate's column: wide enough for the longest word of its header on a line of its own. */
    private Column<ChannelRow> rate(Metric metric, String headerKey, String key) {
        return figure(metric, headerKey, key).setWidth(RATE_WIDTH);
    }

    private Column<ChannelRow> column(ValueProvider<ChannelRow, ?> value, String header, String key) {
        return addColumn(value).setHeader(header).setKey(key);
    }
}
