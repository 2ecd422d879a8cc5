package com.mobilemarketing.bench;

import com.mobilemarketing.analytics.WhoList;
import com.mobilemarketing.core.time.RangePreset;
import com.mobilemarketing.db.enums.Channel;
import com.mobilemarketing.db.enums.MessageType;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Every operation the benchmark times, in report order. */
final class Workload {

    /** What the data looks like: the account measured, its local today and its largest message. */
    record Subject(long account, LocalDate today, long largestMessage, long largestRecipients,
            java.util.Map<WhoList, Long> listSizes, int bulkMessages) {

        /** 100 000 deep, or the last page of a shorter list. */
        int depth(WhoList list) {
            return (int) Math.max(0, Math.min(100_000, listSizes.getOrDefault(list, 0L) - StandInQueries.PAGE));
        }
    }

    private Workload() {}

    static List<Op> operations(StandInQueries q, Subject s) {
        var ops = new ArrayList<Op>();
        var account = s.account();
        List<@Nullable Channel> sources = new ArrayList<>();
        sources.add(null);
        sources.addAll(Arrays.asList(Channel.values()));
        for (var source : sources) {
            var label = source == null ? "ALL" : source.getLiteral();
            ops.add(new Op(Target.OPTIN, "opt-in count " + label, account, () -> q.optIn(account, source)));
        }
        for (var source : sources) {
            var label = source == null ? "ALL" : source.getLiteral();
            for (var preset : RangePreset.values()) {
                var range = preset.range(s.today());
                ops.add(new Op(Target.STATS, label + " × " + preset.name(), account,
                        () -> q.statsPanel(account, source, range)));
            }
        }
        for (var sort : StandInQueries.GridSort.values()) {
            ops.add(new Op(Target.GRID, "BULK first page, sort " + sort.name().toLowerCase(), account,
                    () -> List.of(q.gridPage(account, MessageType.BULK, null, sort, 0),
                            q.gridCount(account, MessageType.BULK, null))));
        }
        for (var search : List.of("wyprz", "zolty", "ow")) {
            ops.add(new Op(Target.GRID, "BULK search \"" + search + "\" (" + search.length() + " letters)", account,
                    () -> List.of(q.gridPage(account, MessageType.BULK, search, StandInQueries.GridSort.SENT_DATE, 0),
                            q.gridCount(account, MessageType.BULK, search))));
        }
        var deep = Math.max(0, Math.min(10_000, s.bulkMessages() - StandInQueries.PAGE));
        ops.add(new Op(Target.GRID_DEEP, "BULK page at offset " + deep, account,
                () -> List.of(q.gridPage(account, MessageType.BULK, null, StandInQueries.GridSort.SENT_DATE, deep),
                        q.gridCount(account, MessageType.BULK, null))));
        var message = s.largestMessage();
        for (var list : WhoList.values()) {
            ops.add(new Op(Target.WHO, list.name() + " first page + count", account,
                    () -> List.of(q.whoPage(account, message, list, 0), q.whoCount(account, message, list))));
        }
        for (var list : List.of(WhoList.SENT, WhoList.DELIVERED, WhoList.CLICKED)) {
            var depth = s.depth(list);
            ops.add(new Op(Target.WHO, list.name() + " page at offset " + depth, account,
                    () -> q.whoPage(account, message, list, depth)));
        }
        var after = s.depth(WhoList.DELIVERED);
        ops.add(new Op(Target.WHO, "DELIVERED next page by key (scrolling on)", account,
                () -> q.whoPageAfter(account, message, WhoList.DELIVERED, after)));
        ops.add(new Op(Target.ANALYTICS, "largest message (" + s.largestRecipients() + " recipients)", account,
                () -> q.analytics(account, message)));
        return ops;
    }
}
