package com.mobilemarketing.bench;

import com.mobilemarketing.alerts.AlertProperties;
import com.mobilemarketing.alerts.AlertRepository;
import com.mobilemarketing.analytics.AnalyticsRepository;
import com.mobilemarketing.analytics.MessageRef;
import com.mobilemarketing.analytics.RecipientFilter;
import com.mobilemarketing.analytics.WhoList;
import com.mobilemarketing.contacts.ContactRepository;
import com.mobilemarketing.contacts.OptInFilter;
import com.mobilemarketing.contacts.OptInSort;
import com.mobilemarketing.contacts.OverlapPart;
import com.mobilemarketing.core.columns.MessageColumn;
import com.mobilemarketing.core.time.DateRange;
import com.mobilemarketing.core.time.RangePreset;
import com.mobilemarketing.db.enums.Channel;
import com.mobilemarketing.db.enums.MessageType;
import com.mobilemarketing.messages.MessageFilter;
import com.mobilemarketing.messages.MessageRepository;
import com.mobilemarketing.messages.SortKey;
import com.mobilemarketing.stats.SendTimes;
import com.mobilemarketing.stats.StatsComparison;
import com.mobilemarketing.stats.StatsPeriod;
import com.mobilemarketing.stats.StatsRepository;
import com.mobilemarketing.stats.StatsSource;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Every operation the benchmark times, in report order, each made of the repository calls its
 * screen makes when it loads (the same methods, arguments and page size of 50).
 */
final class Workload {

    static final int PAGE = 50;

    /** The repositories the screens use. */
    record Screens(
            StatsRepository stats,
            ContactRepository contacts,
            MessageRepository messages,
            AnalyticsRepository analytics,
            com.mobilemarketing.analytics.RecipientListRepository recipients,
            AlertRepository alerts,
            AlertProperties alertRules,
            com.mobilemarketing.stats.ReachRepository reach,
            com.mobilemarketing.analytics.CampaignRepository campaigns) {}

    /** What the data looks like: the account measured, its local today, its largest message and list sizes. */
    record Subject(
            long account,
            LocalDate today,
            MessageRef largest,
            long largestRecipients,
            Map<WhoList, Long> listSizes,
            Map<MessageType, Integer> tabSizes,
            long optInContacts,
            @org.jspecify.annotations.Nullable Long largestCampaign) {

        /** 100 000 deep, or the last page of a shorter list. */
        int depth(long size) {
            return (int) Math.max(0, Math.min(100_000, size - PAGE));
        }

        MessageType largestTab() {
            return tabSizes.entrySet().stream()
                    .max(Map.Entry.comparingByValue())
                    .orElseThrow()
                    .getKey();
        }
    }

    private Workload() {}

    static List<Op> operations(Screens s, Subject subject) {
        var ops = new ArrayList<Op>();
        var account = subject.account();
        optIn(s, account, ops);
        statsPanel(s, subject, ops);
        heatMap(s, subject, ops);
        alertRound(s, subject, ops);
        messageGrid(s, subject, ops);
        whoLists(s, subject, ops);
        var campaign = subject.largestCampaign();
        if (campaign != null) {
            ops.add(new Op(
                    Target.ANALYTICS,
                    "reach: campaign, largest",
                    account,
                    () -> List.of(
                            s.campaigns().messages(account, campaign),
                            s.campaigns().reach(account, campaign))));
        }
        var m = subject.largest();
        ops.add(new Op(
                Target.ANALYTICS,
                "message page, largest message (" + subject.largestRecipients() + " recipients)",
                account,
                () -> {
                    var a = s.analytics();
                    var all = RecipientFilter.all();
                    return List.of(
                            a.findMessage(account, m.messageId()).orElseThrow(),
                            a.funnel(m),
                            a.failureGroups(m),
                            a.linkClicks(m),
                            a.latencyHistogram(m),
                            a.timeline(m),
                            s.recipients().findRecipients(m, all, null, 0, PAGE),
                            s.recipients().total(m, all));
                }));
        return ops;
    }

    private static void optIn(Screens s, long account, List<Op> ops) {
        ops.add(new Op(
                Target.OPTIN,
                "opt-in counts of every source (stats panel)",
                account,
                () -> s.stats().optInCounts(account)));
        for (var channel : sources()) {
            ops.add(new Op(
                    Target.OPTIN,
                    "opt-in count " + (channel == null ? "ALL" : channel.getLiteral()) + " (contacts)",
                    account,
                    () -> s.contacts().optInCount(account, channel)));
        }
    }

    /** What StatsPanel.refresh() reads: totals of the range, the chart series, the opt-in counts. */
    private static void statsPanel(Screens s, Subject subject, List<Op> ops) {
        var account = subject.account();
        var integrated =
                com.mobilemarketing.core.db.Tenant.call(account, () -> s.stats().integratedChannels(account));
        for (var source : StatsSource.values()) {
            if (!source.availableOn(integrated)) {
                continue;
            }
            var channels = source.channels(integrated);
            for (var preset : RangePreset.values()) {
                var range = preset.range(subject.today());
                ops.add(new Op(
                        Target.STATS,
                        source.name() + " × " + preset.name(),
                        account,
                        () -> List.of(
                                s.stats().totals(account, range),
                                s.stats().series(account, range, channels, preset.monthly()),
                                s.stats().optInCounts(account),
                                s.stats().overlap(account),
                                s.reach().uniqueRecipients(account, range, channels))));
                // The unique recipients alone: the month and day sketches of the range merged.
                ops.add(new Op(
                        Target.STATS,
                        "reach: unique recipients " + source.name() + " × " + preset.name(),
                        account,
                        () -> s.reach().uniqueRecipients(account, range, channels)));
            }
            // The longest custom range against the same days a year earlier, heat map included.
            var range = longestCustomRange(subject.today());
            var comparison = StatsComparison.PREVIOUS_YEAR.of(range);
            ops.add(new Op(
                    Target.STATS,
                    source.name() + " × custom 24 months vs a year earlier",
                    account,
                    () -> List.of(
                            s.stats().totals(account, range, comparison),
                            s.stats().series(account, range, channels, true),
                            s.stats().series(account, comparison, channels, false),
                            s.stats().sendTimes(account, range, channels),
                            s.stats().optInCounts(account))));
        }
        // The channel overlap alone: seven counter rows, the same for every range and source.
        ops.add(new Op(
                Target.STATS, "reach: channel overlap", account, () -> s.stats().overlap(account)));
    }

    /** The longest custom range, 24 months to today. */
    static DateRange longestCustomRange(LocalDate today) {
        return new DateRange(today.minusMonths(StatsPeriod.MAX_CUSTOM_MONTHS).plusDays(1), today);
    }

    /** The heat map of the longest custom range, every channel: the hourly rollup and the best windows. */
    private static void heatMap(Screens s, Subject subject, List<Op> ops) {
        var account = subject.account();
        var integrated =
                com.mobilemarketing.core.db.Tenant.call(account, () -> s.stats().integratedChannels(account));
        var range = longestCustomRange(subject.today());
        ops.add(new Op(Target.HEATMAP, "heat map ALL × custom 24 months", account, () -> {
            var times = SendTimes.of(s.stats().sendTimes(account, range, integrated), integrated);
            return List.of(
                    times.bestPerChannel(SendTimes.Measure.READS), times.bestPerChannel(SendTimes.Measure.CLICKS));
        }));
    }

    /**
     * One alert round over every account (the tier's and the synthetic ones {@link AlertAccounts}
     * adds): each repetition claims a minute of its own, as the minute's round on a node does.
     */
    private static void alertRound(Screens s, Subject subject, List<Op> ops) {
        var minute = new java.util.concurrent.atomic.AtomicLong();
        // At the tier's "now" (10:00 UTC of its today), so the last hour and the 30 days hold its traffic.
        var start = subject.today().atTime(10, 0).toInstant(java.time.ZoneOffset.UTC);
        ops.add(new Op(
                Target.ALERTS,
                "alert round, every account",
                subject.account(),
                () -> com.mobilemarketing.core.db.Tenant.allAccounts(
                        () -> s.alerts().round(start.plusSeconds(60 * minute.incrementAndGet()), s.alertRules()))));
    }

    /**
     * The message list on the largest tab: a page and the tab counts on load and after a search (the
     * grid's count of its tab is read from them, MessageListPanel.countOfTab); a page and the count after
     * a sort (what the lazy grid asks for when the counts may be older).
     */
    private static void messageGrid(Screens s, Subject subject, List<Op> ops) {
        var account = subject.account();
        var tab = subject.largestTab();
        var base = MessageFilter.of(account, tab);
        ops.add(new Op(
                Target.GRID,
                tab + " first page, default order, tab counts",
                account,
                () -> List.of(
                        s.messages().fetch(base, 0, PAGE, List.of()),
                        s.messages().countByType(base))));
        for (var column : List.of(
                MessageColumn.NAME.key(),
                MessageColumn.OWNER.key(),
                MessageColumn.SENT.key(),
                MessageColumn.SENT_DATE.key(),
                MessageColumn.DELIVERED.key(),
                MessageColumn.OPENED.key(),
                MessageColumn.UNDELIVERED.key(),
                MessageColumn.CHANNEL.key())) {
            var sort = List.of(new SortKey(column, false));
            ops.add(new Op(
                    Target.GRID,
                    tab + " first page, sorted by " + column,
                    account,
                    () -> List.of(
                            s.messages().fetch(base, 0, PAGE, sort),
                            s.messages().count(base))));
        }
        for (var search : List.of("wyprz", "zolty", "ow")) {
            var filter = new MessageFilter(account, tab, null, false, search);
            ops.add(new Op(
                    Target.GRID,
                    tab + " search \"" + search + "\" (" + search.length() + " letters)",
                    account,
                    () -> List.of(
                            s.messages().fetch(filter, 0, PAGE, List.of()),
                            s.messages().countByType(filter))));
        }
        var deep = (int) Math.max(0, Math.min(10_000, subject.tabSizes().get(tab) - PAGE));
        ops.add(new Op(
                Target.GRID_DEEP,
                tab + " page at offset " + deep,
                account,
                () -> List.of(
                        s.messages().fetch(base, deep, PAGE, List.of()),
                        s.messages().count(base))));
    }

    /** "Who?" dialogs of the largest message and the opt-in list: first page with count, deep pages, scrolling on. */
    private static void whoLists(Screens s, Subject subject, List<Op> ops) {
        var account = subject.account();
        var m = subject.largest();
        var a = s.recipients();
        for (var list : WhoList.values()) {
            var filter = RecipientFilter.of(list);
            ops.add(new Op(
                    Target.WHO,
                    list.name() + " first page + count",
                    account,
                    () -> List.of(a.findRecipients(m, filter, null, 0, PAGE), a.total(m, filter))));
        }
        for (var list : WhoList.values()) {
            var filter = RecipientFilter.of(list);
            var depth = subject.depth(subject.listSizes().get(list));
            ops.add(new Op(
                    Target.WHO,
                    list.name() + " page at offset " + depth,
                    account,
                    () -> a.findRecipients(m, filter, null, depth, PAGE)));
        }
        var delivered = RecipientFilter.of(WhoList.DELIVERED);
        var depth = subject.depth(subject.listSizes().get(WhoList.DELIVERED));
        var page = com.mobilemarketing.core.db.Tenant.call(
                account, () -> a.findRecipients(m, delivered, null, depth, PAGE));
        var lastKey = page.isEmpty() ? 0L : page.getLast().contactId();
        ops.add(new Op(
                Target.WHO,
                "DELIVERED next page by key after offset " + depth,
                account,
                () -> a.findRecipients(m, delivered, lastKey, 0, PAGE)));
        var optIn = new OptInFilter(null);
        ops.add(new Op(
                Target.WHO,
                "opt-in contacts (ALL) first page + count",
                account,
                () -> List.of(
                        s.contacts().findPage(account, optIn, OptInSort.NAME, false, 0, PAGE),
                        s.contacts().count(account, optIn))));
        var optInDepth = subject.depth(subject.optInContacts());
        ops.add(new Op(
                Target.WHO,
                "opt-in contacts (ALL) page at offset " + optInDepth,
                account,
                () -> s.contacts().findPage(account, optIn, OptInSort.NAME, false, optInDepth, PAGE)));
        ops.add(new Op(
                Target.WHO,
                "opt-in contacts (ALL) by phone, descending, page at offset " + optInDepth,
                account,
                () -> s.contacts().findPage(account, optIn, OptInSort.PHONE, true, optInDepth, PAGE)));
        // Each channel's list and each overlap part's, at its depth.
        var lists = new LinkedHashMap<String, OptInFilter>();
        for (var channel : Channel.values()) {
            lists.put(channel.name(), new OptInFilter(channel));
        }
        for (var part : OverlapPart.values()) {
            lists.put("overlap " + part, OptInFilter.of(part));
        }
        lists.forEach((label, filter) -> {
            var listDepth = subject.depth(com.mobilemarketing.core.db.Tenant.call(
                    account, () -> s.contacts().total(account, filter)));
            ops.add(new Op(
                    Target.WHO,
                    "opt-in contacts (" + label + ") page at offset " + listDepth,
                    account,
                    () -> s.contacts().findPage(account, filter, OptInSort.NAME, false, listDepth, PAGE)));
        });
    }

    private static List<@Nullable Channel> sources() {
        var sources = new ArrayList<@Nullable Channel>();
        sources.add(null);
        sources.addAll(List.of(Channel.values()));
        return sources;
    }
}
