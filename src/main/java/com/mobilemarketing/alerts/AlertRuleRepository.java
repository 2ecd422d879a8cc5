package com.mobilemarketing.alerts;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

/**
 * The alert rules of one account as its marketers edit them: every kind with the account's setting
 * or the default, each saved change logged with who and when. The next round reads the same rows.
 */
@Repository
public class AlertRuleRepository {

    /** Every kind with the account's setting (none while it keeps the default) and its last change. */
    private static final String RULES = """
            select k.kind::text, r.enabled, r.threshold, u.full_name, c.changed_at
            from unnest(enum_range(null::alert_kind)) k(kind)
            left join alert_rule r on r.account_id = ? and r.kind = k.kind
            left join lateral (select changed_by, changed_at from alert_rule_change c
                               where c.account_id = ? and c.kind = k.kind
                               order by c.changed_at desc, c.id desc limit 1) c on true
            left join app_user u on u.id = c.changed_by
            order by k.kind
            """;

    private final DSLContext db;
    private final AlertProperties defaults;

    public AlertRuleRepository(DSLContext db, AlertProperties defaults) {
        this.db = db;
        this.defaults = defaults;
    }

    /** Every rule of the account, in the order of {@link AlertKind}. */
    public List<AlertRule> rules(long accountId) {
        return rules(db, accountId);
    }

    private List<AlertRule> rules(DSLContext query, long accountId) {
        var rows = query.fetch(RULES, accountId, accountId);
        return rows.map(row -> {
            var kind = AlertKind.valueOf(row.get(0, String.class));
            var threshold = row.get(2, BigDecimal.class);
            return new AlertRule(
                    kind,
                    !Boolean.FALSE.equals(row.get(1, Boolean.class)),
                    threshold == null ? defaults.defaultThreshold(kind) : threshold,
                    defaults.defaultThreshold(kind),
                    row.get(3, String.class),
                    row.get(4, OffsetDateTime.class));
        });
    }

    /**
     * Saves one rule of the account and logs the change with {@code userId} and {@code at}. A value
     * outside the kind's bounds changes nothing and throws; a setting equal to the current one is
     * not a change and logs nothing. Returns whether anything changed.
     */
    public boolean save(long accountId, AlertKind kind, boolean enabled, int value, long userId, Instant at) {
        if (!kind.allows(value)) {
            throw new IllegalArgumentException(
                    kind + " threshold " + value + " outside " + kind.min() + ".." + kind.max());
        }
        var threshold = kind.stored(value);
        return db.transactionResult(trx -> {
            var tx = trx.dsl();
            var current = rules(tx, accountId).get(kind.ordinal());
            if (current.enabled() == enabled && current.threshold().compareTo(threshold) == 0) {
                return false;
            }
            tx.execute(
                    "insert into alert_rule (account_id, kind, enabled, threshold) values (?, ?::alert_kind, ?, ?) "
                            + "on conflict (account_id, kind) do update "
                            + "set enabled = excluded.enabled, threshold = excluded.threshold",
                    accountId,
                    kind.name(),
                    enabled,
                    threshold);
            tx.execute(
                    "insert into alert_rule_change (account_id, kind, enabled, threshold, changed_by, changed_at) "
                            + "values (?, ?::alert_kind, ?, ?, ?, ?::timestamptz)",
                    accountId,
                    kind.name(),
                    enabled,
                    threshold,
                    userId,
                    OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
            return true;
        });
    }

    /** The account's newest changes first. */
    public List<AlertRuleChange> changes(long accountId, int limit) {
        return db.fetch("""
                        select c.id, c.kind::text, c.enabled, c.threshold, u.full_name, c.changed_at
                        from alert_rule_change c join app_user u on u.id = c.changed_by
                        where c.account_id = ?
                        order by c.changed_at desc, c.id desc limit ?
                        """, accountId, limit)
                .map(row -> new AlertRuleChange(
                        row.get(0, Long.class),
                        AlertKind.valueOf(row.get(1, String.class)),
                        row.get(2, Boolean.class),
                        row.get(3, BigDecimal.class),
                        row.get(4, String.class),
                        row.get(5, OffsetDateTime.class)));
    }
}
