package com.mobilemarketing.stats;

import com.mobilemarketing.core.db.Tenant;
import com.mobilemarketing.core.time.RangePreset;
import com.mobilemarketing.db.enums.Channel;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jspecify.annotations.Nullable;

/**
 * The tests' own recount of the panel's figures from raw recipient rows (and of the credited orders
 * from raw orders, in Java): local day of sending in the
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

    public record Recount(
            long sent,
            long delivered,
            long opened,
            long clicked,
            long openBase,
            long costMicros,
            long openCostMicros) {}

    /** Orders credited to the recipients sent in a range, their revenue in grosze and those without a rate. */
    public record RevenueRecount(long orders, long revenueMinor, long unconverted) {}

    /** A credited order as this recount finds it: the credited recipient's channel, gateway flag and send day. */
    private record Credit(
            Channel channel,
            boolean counted,
            LocalDate day,
            @Nullable Long revenueMinor) {}

    /** A touch of a contact that may earn the credit. */
    private record Touch(long message, Channel channel, boolean counted, LocalDate day, Instant at, boolean click) {}

    private final Map<Long, List<Credit>> credits = new ConcurrentHashMap<>();

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

    /**
     * The orders credited to recipients sent in the range, recounted in Java from the raw orders and
     * recipients with the default rule (last click within 5 days, else last read, SMS: delivered,
     * within 24 hours; never a test message; cancelled and refunded orders out), independently of the
     * database's attribution; {@code countedOnly} as for the funnel.
     */
    public RevenueRecount revenue(
            long account, Set<Channel> channels, LocalDate first, LocalDate last, boolean countedOnly) {
        long orders = 0;
        long revenue = 0;
        long unconverted = 0;
        for (var credit : credits.computeIfAbsent(account, this::credits)) {
            if (channels.contains(credit.channel())
                    && (credit.counted() || !countedOnly)
                    && !credit.day().isBefore(first)
                    && !credit.day().isAfter(last)) {
                orders++;
                if (credit.revenueMinor() == null) {
                    unconverted++;
                } else {
                    revenue += credit.revenueMinor();
                }
            }
        }
        return new RevenueRecount(orders, revenue, unconverted);
    }

    private static final String TOUCHES = "select r.contact_id, r.message_id, m.channel::text as channel, "
            + "(g.id is null or g.supports_callbacks) as counted, r.sent_at, r.delivered_at, r.opened_at, r.clicked_at "
            + "from message_recipient r join message m on m.account_id = r.account_id and m.id = r.message_id "
            + "left join sms_gateway g on g.account_id = m.account_id and g.id = m.gateway_id "
            + "where r.account_id = ? and m.type <> 'TEST' and r.sent_at is not null "
            + "and (r.clicked_at is not null or r.opened_at is not null or r.delivered_at is not null)";

    private static final String ORDERS =
            "select o.contact_id, o.placed_at, o.value, o.currency, o.status::text as status, "
                    + "bool_or(o.status <> 'PLACED') over (partition by o.order_id) as undone "
                    + "from order_event o where o.account_id = ?";

    private List<Credit> credits(long account) {
        return Tenant.allAccounts(() -> {
            var zone = ZoneId.of(db.fetchSingle("select time_zone from account where id = ?", account)
                    .get(0, String.class));
            var rates = new HashMap<String, BigDecimal>();
            db.fetch("select currency, rate from currency_rate where account_id = ?", account)
                    .forEach(r -> rates.put(r.get(0, String.class), r.get(1, BigDecimal.class)));
            rates.put(
                    db.fetchSingle("select currency from account where id = ?", account)
                            .get(0, String.class),
                    BigDecimal.ONE);
            var touches = new HashMap<Long, List<Touch>>();
            for (var r : db.fetch(TOUCHES, account)) {
                var channel = Channel.valueOf(r.get("channel", String.class));
                var day = r.get("sent_at", OffsetDateTime.class)
                        .atZoneSameInstant(zone)
                        .toLocalDate();
                var list = touches.computeIfAbsent(r.get("contact_id", Long.class), c -> new ArrayList<>());
                var message = r.get("message_id", Long.class);
                var counted = r.get("counted", Boolean.class);
                var clicked = r.get("clicked_at", OffsetDateTime.class);
                if (clicked != null) {
                    list.add(new Touch(message, channel, counted, day, clicked.toInstant(), true));
                }
                var viewed = r.get(channel == Channel.SMS ? "delivered_at" : "opened_at", OffsetDateTime.class);
                if (viewed != null) {
                    list.add(new Touch(message, channel, counted, day, viewed.toInstant(), false));
                }
            }
            var result = new ArrayList<Credit>();
            for (var o : db.fetch(ORDERS, account)) {
                if (!"PLACED".equals(o.get("status", String.class))
                        || o.get("undone", Boolean.class)
                        || o.get("contact_id", Long.class) == null) {
                    continue;
                }
                var placed = o.get("placed_at", OffsetDateTime.class).toInstant();
                Touch best = null;
                for (var t : touches.getOrDefault(o.get("contact_id", Long.class), List.of())) {
                    var window = t.click() ? Duration.ofHours(120) : Duration.ofHours(24);
                    if (t.at().isAfter(placed) || t.at().isBefore(placed.minus(window))) {
                        continue;
                    }
                    if (best == null
                            || (t.click() && !best.click())
                            || (t.click() == best.click()
                                    && (t.at().isAfter(best.at())
                                            || (t.at().equals(best.at()) && t.message() > best.message())))) {
                        best = t;
                    }
                }
                if (best != null) {
                    var rate = rates.get(o.get("currency", String.class));
                    Long minor = rate == null
                            ? null
                            : o.get("value", BigDecimal.class)
                                    .multiply(rate)
                                    .movePointRight(2)
                                    .setScale(0, RoundingMode.HALF_UP)
                                    .longValueExact();
                    result.add(new Credit(best.channel(), best.counted(), best.day(), minor));
                }
            }
            return result;
        });
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
                       count(r.delivered_at) filter (where m.channel <> 'SMS')         as open_base,
                       -- What each recipient was billed: its cost when delivered, else the undelivered one.
                       coalesce(sum(case when r.delivered_at is not null then r.cost else r.cost_undelivered end), 0)::bigint
                                                                                       as cost
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
        long sent = 0, delivered = 0, opened = 0, clicked = 0, openBase = 0, cost = 0, openCost = 0;
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
            var rowCost = row.get("cost", Long.class);
            cost += rowCost;
            openCost += channel == Channel.SMS ? 0 : rowCost;
        }
        return new Recount(sent, delivered, opened, clicked, openBase, cost, openCost);
    }
}
