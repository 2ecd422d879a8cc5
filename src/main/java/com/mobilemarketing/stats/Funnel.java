package com.mobilemarketing.stats;

import com.mobilemarketing.core.metrics.Cost;
import com.mobilemarketing.core.metrics.Figures;
import com.mobilemarketing.core.metrics.Measurability;
import com.mobilemarketing.core.metrics.Metric;
import com.mobilemarketing.core.metrics.MetricValue;
import com.mobilemarketing.core.metrics.Revenue;
import com.mobilemarketing.db.enums.Channel;
import com.mobilemarketing.stats.StatsRepository.ChannelCost;
import com.mobilemarketing.stats.StatsRepository.ChannelRevenue;
import com.mobilemarketing.stats.StatsRepository.ChannelTotals;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Sent → delivered → opened → clicked of some channels over one period, counted traffic only (SMS
 * through gateways without delivery callbacks is left out, as the product rules say). Opens exist
 * only for WhatsApp and Viber: {@code opened} and its base {@code openBase} (delivered) cover only
 * those, so SMS never drags the open rate down with opens it cannot report. {@code revenue}: the
 * orders credited to the same recipients (cohort by send day), net, in the account's currency;
 * {@code cost}: what the same recipients cost, {@code cost.openMicros} of the channels with opens;
 * {@code optOuts}: the contacts who opted out credited to the same recipients' messages.
 */
public record Funnel(
        long sent,
        long delivered,
        long opened,
        long clicked,
        long openBase,
        boolean opensMeasurable,
        Revenue revenue,
        Cost cost,
        long optOuts) {

    /** The funnel without orders (order figures unknown). */
    public static Funnel of(Collection<ChannelTotals> rows, Set<Channel> channels, boolean current) {
        return of(rows, List.of(), null, channels, current);
    }

    /**
     * The funnel and the orders credited to its messages, counted traffic only like the funnel;
     * {@code currency} null when orders were not read.
     */
    public static Funnel of(
            Collection<ChannelTotals> rows,
            Collection<ChannelRevenue> revenueRows,
            @Nullable String currency,
            Set<Channel> channels,
            boolean current) {
        return of(rows, revenueRows, null, currency, channels, current);
    }

    /**
     * The funnel with the orders credited to its messages and their cost, counted traffic only like
     * the funnel; {@code costRows} null when costs were not read.
     */
    public static Funnel of(
            Collection<ChannelTotals> rows,
            Collection<ChannelRevenue> revenueRows,
            @Nullable Collection<ChannelCost> costRows,
            @Nullable String currency,
            Set<Channel> channels,
            boolean current) {
        var cost = currency == null || costRows == null ? Cost.UNKNOWN : Cost.none(currency);
        for (var row : costRows == null ? List.<ChannelCost>of() : costRows) {
            if (currency != null && row.counted() && row.current() == current && channels.contains(row.channel())) {
                cost = cost.plus(row.micros(), opensMeasurable(row.channel()) ? row.micros() : 0, row.unpriced());
            }
        }
        var revenue = currency == null ? Revenue.UNKNOWN : Revenue.none(currency);
        for (var row : revenueRows) {
            if (currency != null && row.counted() && row.current() == current && channels.contains(row.channel())) {
                revenue = revenue.plus(row.orders(), row.revenueMinor(), row.unconverted());
            }
        }
        long sent = 0;
        long delivered = 0;
        long opened = 0;
        long clicked = 0;
        long openBase = 0;
        long optOuts = 0;
        for (var row : rows) {
            if (row.counted() && row.current() == current && channels.contains(row.channel())) {
                optOuts += row.optOuts();
                sent += row.sent();
                delivered += row.delivered();
                clicked += row.clicked();
                if (opensMeasurable(row.channel())) {
                    opened += row.opened();
                    openBase += row.delivered();
                }
            }
        }
        var measurable = channels.stream().anyMatch(Funnel::opensMeasurable);
        return new Funnel(sent, delivered, opened, clicked, openBase, measurable, revenue, cost, optOuts);
    }

    /** SMS has no read receipts; WhatsApp "read" and Viber "seen" are opens. */
    public static boolean opensMeasurable(Channel channel) {
        return Measurability.opensReported(channel);
    }

    /**
     * As figures of the metric model: delivery is always reported (the funnel counts only traffic
     * with delivery reports). Undelivered is not part of the panel and stays 0.
     */
    public Figures figures() {
        return new Figures(
                sent,
                delivered,
                opened,
                clicked,
                0,
                openBase,
                new Measurability(true, opensMeasurable),
                revenue,
                cost,
                optOuts);
    }

    public MetricValue value(Metric metric) {
        return figures().value(metric);
    }
}
