package com.mobilemarketing.stats;

import com.mobilemarketing.core.metrics.Figures;
import com.mobilemarketing.core.metrics.Measurability;
import com.mobilemarketing.core.metrics.Metric;
import com.mobilemarketing.core.metrics.MetricValue;
import com.mobilemarketing.db.enums.Channel;
import com.mobilemarketing.stats.StatsRepository.ChannelTotals;
import java.util.Collection;
import java.util.Set;

/**
 * Sent → delivered → opened → clicked of some channels over one period, counted traffic only (SMS
 * through gateways without delivery callbacks is left out, as the product rules say). Opens exist
 * only for WhatsApp and Viber: {@code opened} and its base {@code openBase} (delivered) cover only
 * those, so SMS never drags the open rate down with opens it cannot report.
 */
public record Funnel(long sent, long delivered, long opened, long clicked, long openBase, boolean opensMeasurable) {

    public static Funnel of(Collection<ChannelTotals> rows, Set<Channel> channels, boolean current) {
        long sent = 0;
        long delivered = 0;
        long opened = 0;
        long clicked = 0;
        long openBase = 0;
        for (var row : rows) {
            if (row.counted() && row.current() == current && channels.contains(row.channel())) {
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
        return new Funnel(sent, delivered, opened, clicked, openBase, measurable);
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
        return new Figures(sent, delivered, opened, clicked, 0, openBase, new Measurability(true, opensMeasurable));
    }

    public MetricValue value(Metric metric) {
        return figures().value(metric);
    }
}
