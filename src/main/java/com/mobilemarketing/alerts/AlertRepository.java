package com.mobilemarketing.alerts;

import com.mobilemarketing.core.db.FoldQueue;
import com.mobilemarketing.core.i18n.TranslationProvider;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.springframework.stereotype.Repository;

/**
 * Alert rounds and the alerts' reads. A round evaluates the rules of every account in one statement
 * from small maintained figures (the 5-minute buckets of {@code integration_activity} of the last 30
 * days and the fold queue), never from messages or recipient rows, and raises or resolves alerts in
 * the same statement. Rounds run with the tenant scope of all accounts.
 */
@Repository
public class AlertRepository {

    /** The current conditions of every account: one row per account, kind, integration and code. */
    private static final String CONDITIONS = """
            with rules as (
                select a.id as account_id, k.kind,
                       coalesce(r.threshold, case k.kind when 'DELIVERY_RATE_DROP' then {margin}
                                                         when 'ERROR_CODE_SPIKE' then {jump}
                                                         when 'CALLBACKS_STOPPED' then {silent}
                                                         else {backlog} end) as threshold
                from account a
                cross join unnest(enum_range(null::alert_kind)) k(kind)
                left join alert_rule r on r.account_id = a.id and r.kind = k.kind
                where coalesce(r.enabled, true)
            ),
            activity as (
                select b.account_id, b.integration, b.error_code, b.sent::int as sent, b.delivered::int as delivered,
                       b.failed::int as failed, b.bucket >= {hourStart} as last_hour,
                       b.bucket >= {settled} - s.threshold * interval '1 minute' as silent
                from integration_activity b
                left join rules s on s.account_id = b.account_id and s.kind = 'CALLBACKS_STOPPED'
                where b.bucket >= {monthStart} and b.bucket < {settled}
            ),
            -- One pass over the buckets per integration: the last hour, the 30 days before it, and
            -- the silent window of the callbacks rule with the time before it.
            per_integration as (
                select account_id, integration,
                       coalesce(sum(sent) filter (where last_hour), 0)               as hour_sent,
                       coalesce(sum(delivered) filter (where last_hour), 0)          as hour_delivered,
                       coalesce(sum(sent) filter (where not last_hour), 0)           as base_sent,
                       coalesce(sum(delivered) filter (where not last_hour), 0)      as base_delivered,
                       coalesce(sum(sent) filter (where silent), 0)                  as silent_sent,
                       coalesce(sum(delivered + failed) filter (where silent), 0)    as silent_reported,
                       coalesce(sum(delivered) filter (where not silent), 0)         as before_delivered
                from activity where error_code = '' group by 1, 2
            ),
            conditions as (
                select i.account_id, 'DELIVERY_RATE_DROP'::alert_kind as kind, i.integration as subject, '' as code,
                       round(i.hour_delivered::numeric / i.hour_sent, 4) as observed,
                       round(i.base_delivered::numeric / i.base_sent, 4) as expected
                from per_integration i
                join rules r on r.account_id = i.account_id and r.kind = 'DELIVERY_RATE_DROP'
                where i.hour_sent >= {minVolume} and i.base_sent >= {minVolume}
                  and i.hour_delivered::numeric / i.hour_sent < i.base_delivered::numeric / i.base_sent - r.threshold
                union all
                select c.account_id, 'ERROR_CODE_SPIKE', c.integration, c.error_code,
                       round(c.hour_failed::numeric / i.hour_sent, 4),
                       round(coalesce(c.base_failed::numeric / nullif(i.base_sent, 0), 0), 4)
                from (select account_id, integration, error_code,
                             coalesce(sum(failed) filter (where last_hour), 0)     as hour_failed,
                             coalesce(sum(failed) filter (where not last_hour), 0) as base_failed
                      from activity
                      where error_code <> ''
                      group by 1, 2, 3) c
                join per_integration i on i.account_id = c.account_id and i.integration = c.integration
                join rules r on r.account_id = c.account_id and r.kind = 'ERROR_CODE_SPIKE'
                where i.hour_sent >= {minVolume}
                  and c.hour_failed::numeric / i.hour_sent
                      - coalesce(c.base_failed::numeric / nullif(i.base_sent, 0), 0) >= r.threshold
                union all
                select i.account_id, 'CALLBACKS_STOPPED', i.integration, '', i.silent_sent, r.threshold
                from per_integration i
                join rules r on r.account_id = i.account_id and r.kind = 'CALLBACKS_STOPPED'
                where i.silent_sent > 0 and i.silent_reported = 0 and i.before_delivered > 0
                union all
                select e.account_id, 'FOLD_BACKLOG', '', '', count(*), r.threshold
                -- the events past the fold's watermark, in its index's order (up to a million)
                from (select account_id, received_at from delivery_event
                      where %s
                      order by written_by, id limit 1000000) e
                join rules r on r.account_id = e.account_id and r.kind = 'FOLD_BACKLOG'
                group by e.account_id, r.threshold
                having min(e.received_at) < {now} - r.threshold * interval '1 minute'
            ),
            raised as (
                insert into alert (account_id, kind, subject, code, observed, expected, raised_at)
                select account_id, kind, subject, code, observed, expected, {now} from conditions
                on conflict (account_id, kind, subject, code) where resolved_at is null do nothing
                returning account_id, id
            ),
            resolved as (
                update alert a set resolved_at = {now}
                where a.resolved_at is null
                  and not exists (select 1 from conditions c where c.account_id = a.account_id and c.kind = a.kind
                                  and c.subject = a.subject and c.code = a.code)
                returning account_id, id
            )
            select true as raised, account_id, id from raised
            union all
            select false, account_id, id from resolved
            """.formatted(FoldQueue.PAST_WATERMARK);

    private static final String LIST = """
            select a.account_id, ac.name, a.id, a.kind::text,
                   case when a.subject like 'sms:%' then coalesce(g.name, a.subject)
                        when a.subject = 'whatsapp' then 'WhatsApp' when a.subject = 'viber' then 'Viber'
                        else a.subject end,
                   a.code, a.observed, a.expected, a.raised_at, a.resolved_at
            from alert a
            join account ac on ac.id = a.account_id
            left join sms_gateway g on g.account_id = a.account_id and a.subject like 'sms:%'
                                   and g.id::text = substr(a.subject, 5)
            """;

    private static final int BUCKET_MINUTES = 5;

    private final DSLContext db;

    public AlertRepository(DSLContext db) {
        this.db = db;
    }

    /**
     * Runs the round of {@code now}'s minute unless a node already did: the claim moves the single
     * alert_round row forward in the same transaction, so a second node waits for the row and then
     * finds the minute taken.
     */
    public AlertRound round(Instant now, AlertProperties rules) {
        var minute = OffsetDateTime.ofInstant(now.truncatedTo(ChronoUnit.MINUTES), ZoneOffset.UTC);
        var at = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
        return db.transactionResult(trx -> {
            var tx = trx.dsl();
            var claimed = tx.execute(
                    "update alert_round set minute = ?::timestamptz where id = 1 and minute < ?::timestamptz",
                    minute,
                    minute);
            if (claimed == 0) {
                return AlertRound.NOT_CLAIMED;
            }
            // Buckets are whole: the window ends at the start of the bucket the settle time falls in.
            var settled = activityBucket(at.minus(rules.settle()));
            var sql = CONDITIONS
                    .replace("{margin}", "?::numeric")
                    .replace("{jump}", "?::numeric")
                    .replace("{silent}", "?::numeric")
                    .replace("{backlog}", "?::numeric");
            var parameters = new ArrayList<Object>(
                    List.of(rules.deliveryMargin(), rules.errorJump(), rules.silentMinutes(), rules.backlogMinutes()));
            // The remaining markers in the order they occur in the statement.
            var rest = new StringBuilder();
            int from = 0;
            var matcher = java.util.regex.Pattern.compile("\\{(\\w+)}").matcher(sql);
            while (matcher.find()) {
                var marker = matcher.group(1);
                rest.append(sql, from, matcher.start())
                        .append(marker.equals("minVolume") ? "?::int" : "?::timestamptz");
                parameters.add(
                        switch (marker) {
                            case "hourStart" -> settled.minusHours(1);
                            case "monthStart" -> settled.minusDays(30);
                            case "settled" -> settled;
                            case "minVolume" -> rules.minVolume();
                            case "now" -> at;
                            default -> throw new IllegalStateException("Unknown marker " + matcher.group());
                        });
                from = matcher.end();
            }
            rest.append(sql.substring(from));
            var raised = new ArrayList<Long>();
            var resolved = new ArrayList<Long>();
            var accounts = new LinkedHashSet<Long>();
            for (var row : tx.fetch(rest.toString(), parameters.toArray())) {
                (row.get(0, Boolean.class) ? raised : resolved).add(row.get(2, Long.class));
                accounts.add(row.get(1, Long.class));
            }
            return new AlertRound(true, List.copyOf(raised), List.copyOf(resolved), List.copyOf(accounts));
        });
    }

    /** The start of the 5-minute bucket of {@code t}, as {@code activity_bucket()} computes it. */
    static OffsetDateTime activityBucket(OffsetDateTime t) {
        var utc = t.withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES);
        return utc.minusMinutes(utc.getMinute() % BUCKET_MINUTES);
    }

    /** The open alerts of one account, newest first. */
    public List<Alert> openAlerts(long accountId) {
        return db.fetch(
                        LIST + " where a.account_id = ? and a.resolved_at is null order by a.raised_at desc, a.id desc",
                        accountId)
                .map(AlertRepository::alert);
    }

    /** Every account's open alerts, newest first (support staff; run with the scope of all accounts). */
    public List<Alert> openAlertsOfAllAccounts(int limit) {
        return db.fetch(LIST + " where a.resolved_at is null order by a.raised_at desc, a.id desc limit ?", limit)
                .map(AlertRepository::alert);
    }

    /** An open alert not yet mailed, with its account's time zone and alert addresses. */
    public record Unmailed(Alert alert, ZoneId zone, List<Recipient> recipients) {}

    /** An address that gets alert e-mails, in its language. */
    public record Recipient(String email, Locale locale) {}

    /** Open alerts whose e-mail has not gone out yet (run with the scope of all accounts). */
    public List<Unmailed> unmailed() {
        var alerts = db.fetch(LIST + " where a.resolved_at is null and a.mailed_at is null order by a.raised_at, a.id")
                .map(AlertRepository::alert);
        if (alerts.isEmpty()) {
            return List.of();
        }
        var accounts = alerts.stream().map(Alert::accountId).distinct().toArray(Long[]::new);
        var zones = new HashMap<Long, ZoneId>();
        var recipients = new HashMap<Long, List<Recipient>>();
        for (var row : db.fetch(
                "select a.id, a.time_zone, r.email, r.locale from account a "
                        + "left join alert_recipient r on r.account_id = a.id "
                        + "where a.id = any(?) order by a.id, r.email",
                (Object) accounts)) {
            var account = row.get(0, Long.class);
            zones.put(account, ZoneId.of(row.get(1, String.class)));
            var list = recipients.computeIfAbsent(account, id -> new ArrayList<>());
            if (row.get(2) != null) {
                list.add(new Recipient(row.get(2, String.class), locale(row.get(3, String.class))));
            }
        }
        return alerts.stream()
                .map(alert -> new Unmailed(
                        alert, zones.get(alert.accountId()), List.copyOf(recipients.get(alert.accountId()))))
                .toList();
    }

    public void markMailed(long accountId, long alertId, Instant at) {
        db.execute(
                "update alert set mailed_at = ?::timestamptz where account_id = ? and id = ?",
                OffsetDateTime.ofInstant(at, ZoneOffset.UTC),
                accountId,
                alertId);
    }

    /** The addresses that get the account's alert e-mails, by address. */
    public List<Recipient> recipients(long accountId) {
        return db.fetch("select email, locale from alert_recipient where account_id = ? order by email", accountId)
                .map(row -> new Recipient(row.get(0, String.class), locale(row.get(1, String.class))));
    }

    public void removeRecipient(long accountId, String email) {
        db.execute("delete from alert_recipient where account_id = ? and email = ?", accountId, email);
    }

    private static Locale locale(String language) {
        return "en".equals(language) ? TranslationProvider.ENGLISH : TranslationProvider.POLISH;
    }

    /** Adds an address that gets the account's alert e-mails in {@code locale}'s language (or changes its language). */
    public void addRecipient(long accountId, String email, Locale locale) {
        db.execute(
                "insert into alert_recipient (account_id, email, locale) values (?, ?, ?) "
                        + "on conflict (account_id, email) do update set locale = excluded.locale",
                accountId,
                email,
                locale.getLanguage());
    }

    private static Alert alert(Record row) {
        return new Alert(
                row.get(0, Long.class),
                row.get(1, String.class),
                row.get(2, Long.class),
                AlertKind.valueOf(row.get(3, String.class)),
                row.get(4, String.class),
                row.get(5, String.class),
                row.get(6, BigDecimal.class),
                row.get(7, BigDecimal.class),
                row.get(8, OffsetDateTime.class),
                row.get(9, OffsetDateTime.class));
    }
}
