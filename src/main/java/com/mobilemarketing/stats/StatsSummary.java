package com.mobilemarketing.stats;

import com.mobilemarketing.db.enums.Channel;
import com.mobilemarketing.stats.StatsRepository.ChannelCost;
import com.mobilemarketing.stats.StatsRepository.ChannelRevenue;
import com.mobilemarketing.stats.StatsRepository.ChannelTotals;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What the tiles show for one source and period: the funnel now and in the period before, a row
 * per channel, and how much SMS traffic was left out because its gateway sends no delivery reports.
 *
 * @param coverage present when the source includes SMS
 */
public record StatsSummary(
        StatsSource source,
        Set<Channel> channels,
        Funnel current,
        Funnel previous,
        List<ChannelRow> rows,
        @Nullable Coverage coverage) {

    public record ChannelRow(Channel channel, Funnel current, Funnel previous) {}

    /** SMS sent in the period through gateways with callbacks (counted) and through all gateways. */
    public record Coverage(long countedSent, long allSent) {
        public long leftOut() {
            return allSent - countedSent;
        }
    }

    public static StatsSummary of(StatsSource source, Set<Channel> integrated, List<ChannelTotals> totals) {
        return of(source, integrated, totals, List.of(), null);
    }

    /** With the orders credited to the messages ({@code currency} null: not read). */
    public static StatsSummary of(
            StatsSource source,
            Set<Channel> integrated,
            List<ChannelTotals> totals,
            List<ChannelRevenue> revenue,
            @Nullable String currency) {
        return of(source, integrated, totals, revenue, null, currency);
    }

    /** With the orders credited to the messages and their cost ({@code costs} null: not read). */
    public static StatsSummary of(
            StatsSource source,
            Set<Channel> integrated,
            List<ChannelTotals> totals,
            List<ChannelRevenue> revenue,
            @Nullable List<ChannelCost> costs,
            @Nullable String currency) {
        var channels = source.channels(integrated);
        var rows = new ArrayList<ChannelRow>();
        for (var channel : channels) {
            rows.add(new ChannelRow(
                    channel,
                    Funnel.of(totals, revenue, costs, currency, Set.of(channel), true),
                    Funnel.of(totals, revenue, costs, currency, Set.of(channel), false)));
        }
        Coverage coverage = null;
        if (channels.contains(Channel.SMS)) {
            long counted = 0;
            long all = 0;
            for (var row : totals) {
                if (row.current() && row.channel() == Channel.SMS) {
                    all += row.sent();
                    counted += row.counted() ? row.sent() : 0;
                }
            }
            coverage = new Coverage(counted, all);
        }
        return new StatsSummary(
                source,
                channels,
                Funnel.of(totals, revenue, costs, currency, channels, true),
                Funnel.of(totals, revenue, costs, currency, channels, false),
                List.copyOf(rows),
                coverage);
    }
}
