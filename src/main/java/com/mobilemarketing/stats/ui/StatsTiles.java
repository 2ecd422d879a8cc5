package com.mobilemarketing.stats.ui;

import com.mobilemarketing.core.metrics.Attribution;
import com.mobilemarketing.core.metrics.Cost;
import com.mobilemarketing.core.metrics.Metric;
import com.mobilemarketing.core.metrics.MetricFormat;
import com.mobilemarketing.core.metrics.Revenue;
import com.mobilemarketing.core.ui.AttributionTexts;
import com.mobilemarketing.db.enums.Channel;
import com.mobilemarketing.stats.StatsComparison;
import com.mobilemarketing.stats.StatsPeriod;
import com.mobilemarketing.stats.StatsSummary;
import com.vaadin.flow.component.html.Div;
import java.util.function.LongFunction;

/**
 * The tiles Sent, Delivered, Opened and Clicked [4]–[7], then Orders, Revenue and Cost: figure, rate
 * and change against the comparison period; the order tiles say which attribution they are read with,
 * the cost tile how the cost was fixed.
 */
class StatsTiles extends Div {

    private final StatsTexts texts;
    private final StatTile sentTile;
    private final StatTile deliveredTile;
    private final StatTile openedTile;
    private final StatTile clickedTile;
    private StatsComparison comparison = StatsComparison.PREVIOUS_PERIOD;
    private final StatTile ordersTile;
    private final StatTile revenueTile;
    private final StatTile costTile;

    StatsTiles(StatsTexts texts) {
        this.texts = texts;
        sentTile = new StatTile("tile-sent", texts.tr("stats.tile.sent"));
        deliveredTile = new StatTile("tile-delivered", texts.tr("stats.tile.delivered"));
        openedTile = new StatTile("tile-opened", texts.tr("stats.tile.opened"));
        clickedTile = new StatTile("tile-clicked", texts.tr("stats.tile.clicked"));
        ordersTile = new StatTile("tile-orders", texts.tr("stats.tile.orders"));
        revenueTile = new StatTile("tile-revenue", texts.tr("stats.tile.revenue"));
        costTile = new StatTile("tile-cost", texts.tr("stats.tile.cost"));
        setId("stats-tiles");
        addClassName("stats-tiles");
        add(sentTile, deliveredTile, openedTile, clickedTile, ordersTile, revenueTile, costTile);
    }

    void show(StatsSummary current, StatsPeriod period, Attribution attribution) {
        show(current, period);
        var now = current.current();
        var before = current.previous();
        var previousDates = texts.dates(period.previous());
        ordersTile.setValue(texts.text(now, Metric.ORDERS), texts.reason(now, Metric.ORDERS));
        ordersTile.setRate(texts.tr("stats.rate.conversion", texts.text(now, Metric.CONVERSION_RATE)));
        setChange(
                ordersTile,
                now.revenue().orders(),
                before.revenue().orders(),
                previousDates,
                texts::count,
                "stats.change.none.orders");
        revenueTile.setValue(texts.text(now, Metric.REVENUE), texts.reason(now, Metric.REVENUE));
        revenueTile.setRate(texts.tr("stats.rate.revenue-per-recipient", texts.text(now, Metric.REVENUE_PER_RECIPIENT))
                + " · " + texts.tr("stats.rate.aov", texts.text(now, Metric.AVERAGE_ORDER_VALUE)));
        var currency = now.revenue().currency();
        setChange(
                revenueTile,
                now.revenue().revenueMinor(),
                before.revenue().revenueMinor(),
                previousDates,
                minor -> currency == null
                        ? texts.count(minor)
                        : MetricFormat.money(Revenue.amount(minor, currency), currency, texts.locale()),
                "stats.change.none.orders");
        var unconverted = now.revenue().unconverted() > 0
                ? " · "
                        + texts.tr(
                                "metric.unconverted", texts.count(now.revenue().unconverted()))
                : "";
        var label = AttributionTexts.label(texts.host(), attribution);
        var detail = AttributionTexts.detail(texts.host(), attribution);
        ordersTile.setNote(label, detail);
        revenueTile.setNote(label + unconverted, detail);
        showCost(current, previousDates);
    }

    /** Cost, cost per order and return on spend; the note says how the cost was fixed and billed. */
    private void showCost(StatsSummary current, String previousDates) {
        var now = current.current();
        var before = current.previous();
        costTile.setValue(texts.text(now, Metric.COST), texts.reason(now, Metric.COST));
        costTile.setRate(texts.tr("stats.rate.cost-per-order", texts.text(now, Metric.COST_PER_ORDER)) + " · "
                + texts.tr("stats.rate.return", texts.text(now, Metric.RETURN)));
        var currency = now.cost().currency();
        if (now.value(Metric.COST).isKnown() && before.value(Metric.COST).isKnown() && currency != null) {
            setChange(
                    costTile,
                    now.cost().micros(),
                    before.cost().micros(),
                    previousDates,
                    micros -> MetricFormat.money(Cost.shown(Cost.amount(micros), currency), currency, texts.locale()),
                    "stats.change.none");
        } else {
            costTile.setChange("", 0, null);
        }
        costTile.setNote(texts.tr("stats.cost.note"), texts.tr("stats.cost.note.detail"));
    }

    private void show(StatsSummary current, StatsPeriod period) {
        var now = current.current();
        var before = current.previous();
        var previousDates = texts.dates(period.previous());
        comparison = period.comparison();
        sentTile.setValue(texts.count(now.sent()), null);
        sentTile.setRate("");
        setChange(sentTile, now.sent(), before.sent(), previousDates);
        deliveredTile.setValue(texts.count(now.delivered()), null);
        deliveredTile.setRate(texts.tr("stats.rate.delivery", texts.text(now, Metric.DELIVERY_RATE)));
        setChange(deliveredTile, now.delivered(), before.delivered(), previousDates);
        if (now.value(Metric.OPENED).isKnown()) {
            var smsIncluded = current.channels().contains(Channel.SMS);
            openedTile.setValue(texts.count(now.opened()), smsIncluded ? texts.tr("stats.opened.all.sms") : null);
            // With SMS in the source the rate leaves SMS out: the tile itself says so, not only its tooltip.
            openedTile.setRate(texts.tr(
                    smsIncluded ? "stats.rate.open.whatsapp-viber" : "stats.rate.open",
                    texts.text(now, Metric.OPEN_RATE)));
            setChange(openedTile, now.opened(), before.opened(), previousDates);
        } else {
            openedTile.setValue(texts.text(now, Metric.OPENED), texts.reason(now, Metric.OPENED));
            openedTile.setRate(texts.tr("stats.opened.sms.short"));
            openedTile.setChange("", 0, null);
        }
        clickedTile.setValue(texts.count(now.clicked()), null);
        clickedTile.setRate(texts.tr("stats.rate.ctr", texts.text(now, Metric.CLICK_RATE)));
        setChange(clickedTile, now.clicked(), before.clicked(), previousDates);
    }

    private void setChange(StatTile tile, long now, long before, String previousDates) {
        setChange(tile, now, before, previousDates, texts::count, "stats.change.none");
    }

    /** The change against the comparison period; {@code previousText} writes the earlier figure (a count or money). */
    private void setChange(
            StatTile tile,
            long now,
            long before,
            String previousDates,
            LongFunction<String> previousText,
            String noneKey) {
        tile.setChange(
                texts.change(comparison, now, before, noneKey),
                Long.compare(now, before),
                texts.previous(comparison, previousText.apply(before), previousDates));
    }
}
