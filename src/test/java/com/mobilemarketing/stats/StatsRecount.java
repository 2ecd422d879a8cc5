package com.mobilemarketing.stats;

import com.mobilemarketing.core.db.Tenant;
import com.mobilemarketing.core.time.RangePreset;
import com.mobilemarketing.db.enums.Channel;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jooq.DSLContext;
import org.jooq.Record;

/**
 * The tests' own recount of the panel's figures from raw recipient rows: local day of sending in the
 * account's zone, test messages left out, gateways without callbacks left out unless asked for.
 * Written independently of the production queries (which read the rollups).
 */
public final class StatsRecount {

    /** Preset → first and last local day at the tests' fixed clock (2026-11-15T10:00Z, Europe/Warsaw). */
    public static final Map<RangePreset, String[]> RANGES = Map.of(
            RangePreset.LAST_7_DAYS, new String[] {"2026-11-09", "2026-11-15"},
            RangePreset.LAST_30_DAYS, new String[] {"2026-10-17", "2026-11-15"},
            RangePreset.CURRENT_MONTH, new String[] {"2026-11-01", "2026-11-15"},
            RangePreset.PREVIOUS_MONTH, new String[] {"2026-10-01", "2026-10-31"},
            RangePreset.CURRENT_QUARTER, new String[] {"2026-10-01", "2026-11-15"},
            RangePreset.PREVIOUS_QUARTER, new String[] {"2026-07-01", "2026-09-30"},
            RangePreset.CURRENT_YEAR, new String[] {"2026-01-01", "2026-11-15"},
            RangePreset.PREVIOUS_YEAR, new String[] {"2025-01-01", "2025-12-31"},
            RangePreset.LAST_12_MONTHS, new String[] {"2025-12-01", "2026-11-15"});

    public record Recount(long sent, long delivered, long opened, long clicked, long openBase) {}

    private final DSLContext db;
    private final Map<String, List<Record>> cache = new ConcurrentHashMap<>();

    public StatsRecount(DSLContext db) {
        this.db = db;
    }

    public static LocalDate first(RangePreset preset) {
        return LocalDate.parse(RANGES.get(preset)[0]);
    }

    public static LocalDate last(RangePreset preset) {
        return LocalDate.parse(RANGES.get(preset)[1]);
    }

    public Recount recount(long account, Set<Channel> channels, RangePreset preset) {
        return recount(account, channels, first(preset), last(preset), true);
    }

    /** Independent recount from message_recipient; {@code countedOnly} drops gateways without callbacks. */
    public Recount recount(long account, Set<Channel> channels, LocalDate first, LocalDate last, boolean countedOnly) {
        var rows = cache.computeIfAbsent(
                account + ":" + first + ":" + last,
                key -> Tenant.allAccounts(() -> db.fetch("""
                select m.channel::text                                                 as channel,
                       (g.id is null or g.supports_callbacks)                          as counted,
                       count(*)                                                        as sent,
                       count(r.delivered_at)                                           as delivered,
                       count(r.opened_at) filter (where m.channel <> 'SMS')            as opened,
                       count(r.clicked_at)                                             as clicked,
                       count(r.delivered_at) filter (where m.channel <> 'SMS')         as open_base
                from message_recipient r
                join message m on m.account_id = r.account_id and m.id = r.message_id
                join account a on a.id = r.account_id
                left join sms_gateway g on g.account_id = m.account_id and g.id = m.gateway_id
                where r.account_id = ?
                  and r.sent_at is not null
                  and (r.sent_at at time zone a.time_zone)::date between ?::date and ?::date
                  and m.type <> 'TEST'
                group by 1, 2
                """, account, first.toString(), last.toString())));
        long sent = 0, delivered = 0, opened = 0, clicked = 0, openBase = 0;
        for (var row : rows) {
            var channel = Channel.valueOf(row.get("channel", String.class));
            if (!channels.contains(channel) || (countedOnly && !row.get("counted", Boolean.class))) {
                continue;
            }
            sent += row.get("sent", Long.class);
            delivered += row.get("delivered", Long.class);
            opened += row.get("opened", Long.class);
            clicked += row.get("clicked", Long.class);
            openBase += row.get("open_base", Long.class);
        }
        return new Recount(sent, delivered, opened, clicked, openBase);
    }
}
