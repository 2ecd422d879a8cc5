package com.mobilemarketing.core.metrics;

import com.mobilemarketing.db.enums.Channel;
import org.jspecify.annotations.Nullable;

/**
 * The outcomes of one message or of a set of messages, and what of them is reported. Counters of
 * outcomes that are not reported are whatever the rollup holds (usually 0): read them through
 * {@link #value(Metric)}, which says "unknown" instead.
 *
 * @param openBase delivered messages of channels that report opens, the open rate's denominator
 * @param revenue the orders credited to these messages, {@link Revenue#UNKNOWN} where not read
 * @param cost what these messages cost, {@link Cost#UNKNOWN} where not read
 * @param optOuts contacts who opted out credited to these messages (0 where not read)
 */
public record Figures(
        long sent,
        long delivered,
        long opened,
        long clicked,
        long undelivered,
        long openBase,
        Measurability measurability,
        Revenue revenue,
        Cost cost,
        long optOuts) {

    /**
     * One message's counters, the orders credited to it, its cost and its opt-outs ({@code cost.openMicros} is
     * taken from the channel: all of it where reads are reported, none for SMS).
     */
    public static Figures ofMessage(
            Channel channel,
            @Nullable Boolean gatewayCallbacks,
            long sent,
            long delivered,
            long opened,
            long clicked,
            long undelivered,
            Revenue revenue,
            Cost cost,
            long optOuts) {
        var measurability = Measurability.of(channel, gatewayCallbacks);
        var opens = measurability.opens();
        return new Figures(
                sent,
                delivered,
                opened,
                clicked,
                undelivered,
                opens ? delivered : 0,
                measurability,
                revenue,
                new Cost(cost.micros(), opens ? cost.micros() : 0, cost.unpriced(), cost.currency()),
                optOuts);
    }

    /** Orders and revenue alone, e.g. of one day of a chart: the order figures without counts beside them. */
    public static Figures ofRevenue(Revenue revenue) {
        return new Figures(0, 0, 0, 0, 0, 0, new Measurability(true, true), revenue, Cost.UNKNOWN, 0);
    }

    public MetricValue value(Metric metric) {
        return metric.of(this);
    }

    public boolean known(Metric metric) {
        return metric.measurable(measurability);
    }
}
