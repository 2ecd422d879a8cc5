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
 */
public record Figures(
        long sent,
        long delivered,
        long opened,
        long clicked,
        long undelivered,
        long openBase,
        Measurability measurability,
        Revenue revenue) {

    /** One message's counters and the orders credited to it. */
    public static Figures ofMessage(
            Channel channel,
            @Nullable Boolean gatewayCallbacks,
            long sent,
            long delivered,
            long opened,
            long clicked,
            long undelivered,
            Revenue revenue) {
        var measurability = Measurability.of(channel, gatewayCallbacks);
        return new Figures(
                sent,
                delivered,
                opened,
                clicked,
                undelivered,
                measurability.opens() ? delivered : 0,
                measurability,
                revenue);
    }

    /** Orders and revenue alone, e.g. of one day of a chart: the order figures without counts beside them. */
    public static Figures ofRevenue(Revenue revenue) {
        return new Figures(0, 0, 0, 0, 0, 0, new Measurability(true, true), revenue);
    }

    public MetricValue value(Metric metric) {
        return metric.of(this);
    }

    public boolean known(Metric metric) {
        return metric.measurable(measurability);
    }
}
