package com.mobilemarketing.stats.ui;

import com.mobilemarketing.core.metrics.Metric;
import com.mobilemarketing.db.enums.Channel;
import com.mobilemarketing.stats.StatsComparison;
import com.mobilemarketing.stats.StatsPeriod;
import com.mobilemarketing.stats.StatsSummary;
import com.vaadin.flow.component.html.Div;

/** The tiles Sent, Delivered, Opened and Clicked [4]–[7]: figure, rate and change against the comparison period. */
class StatsTiles extends Div {

    private final StatsTexts texts;
    private final StatTile sentTile;
    private final StatTile deliveredTile;
    private final StatTile openedTile;
    private final StatTile clickedTile;
    private StatsComparison comparison = StatsComparison.PREVIOUS_PERIOD;

    StatsTiles(StatsTexts texts) {
        this.texts = texts;
        sentTile = new StatTile("tile-sent", texts.tr("stats.tile.sent"));
        deliveredTile = new StatTile("tile-delivered", texts.tr("stats.tile.delivered"));
        openedTile = new StatTile("tile-opened", texts.tr("stats.tile.opened"));
        clickedTile = new StatTile("tile-clicked", texts.tr("stats.tile.clicked"));
        setId("stats-tiles");
        addClassName("stats-tiles");
        add(sentTile, deliveredTile, openedTile, clickedTile);
    }

    void show(StatsSummary current, StatsPeriod period) {
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
        tile.setChange(
                texts.change(comparison, now, before),
                Long.compare(now, before),
                texts.previous(comparison, before, previousDates));
    }
}
