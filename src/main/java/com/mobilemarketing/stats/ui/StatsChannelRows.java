package com.mobilemarketing.stats.ui;

import com.mobilemarketing.core.metrics.Metric;
import com.mobilemarketing.core.ui.ChannelIcons;
import com.mobilemarketing.stats.StatsSummary.ChannelRow;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import com.vaadin.flow.theme.lumo.LumoUtility;

/** A row per channel under "All": the funnel, its rates and the credited orders, channel by channel. */
class StatsChannelRows extends Grid<ChannelRow> {

    /** Wide enough for the longest word of a rate's header ("dostarczenia") on a line of its own. */
    private static final String RATE_WIDTH = "8rem";

    StatsChannelRows(StatsTexts texts) {
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
        addColumn(row -> texts.count(row.current().sent()))
                .setHeader(texts.tr("stats.tile.sent"))
                .setKey("sent");
        addColumn(row -> texts.count(row.current().delivered()))
                .setHeader(texts.tr("stats.tile.delivered"))
                .setKey("delivered");
        addColumn(row -> texts.text(row.current(), Metric.DELIVERY_RATE))
                .setHeader(texts.tr("stats.rate.delivery.short"))
                .setKey("delivery-rate")
                .setWidth(RATE_WIDTH);
        addColumn(row -> texts.text(row.current(), Metric.OPENED))
                .setHeader(texts.tr("stats.tile.opened"))
                .setKey("opened")
                .setTooltipGenerator(row -> texts.reason(row.current(), Metric.OPENED));
        addColumn(row -> texts.text(row.current(), Metric.OPEN_RATE))
                .setHeader(texts.tr("stats.rate.open.short"))
                .setKey("open-rate")
                .setWidth(RATE_WIDTH);
        addColumn(row -> texts.count(row.current().clicked()))
                .setHeader(texts.tr("stats.tile.clicked"))
                .setKey("clicked");
        addColumn(row -> texts.text(row.current(), Metric.CLICK_RATE))
                .setHeader(texts.tr("stats.rate.ctr.short"))
                .setKey("ctr");
        addColumn(row -> texts.text(row.current(), Metric.ORDERS))
                .setHeader(texts.tr("stats.tile.orders"))
                .setKey("orders");
        addColumn(row -> texts.text(row.current(), Metric.REVENUE))
                .setHeader(texts.tr("stats.tile.revenue"))
                .setKey("revenue");
        addColumn(row -> texts.text(row.current(), Metric.CONVERSION_RATE))
                .setHeader(texts.tr("stats.rate.conversion.short"))
                .setKey("conversion-rate")
                .setWidth(RATE_WIDTH);
        addColumn(row -> texts.text(row.current(), Metric.REVENUE_PER_RECIPIENT))
                .setHeader(texts.tr("stats.rate.revenue-per-recipient.short"))
                .setKey("revenue-per-recipient")
                .setWidth(RATE_WIDTH);
        getElement().setAttribute("aria-label", texts.tr("stats.channels.caption"));
    }
}
