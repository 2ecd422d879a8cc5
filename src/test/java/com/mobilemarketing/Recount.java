package com.mobilemarketing;

import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;

/**
 * The tests' one oracle for the maintained numbers: how many rows of the per-message counters, the
 * daily and hourly rollups, the opt-in counters, the contacts' opt-in flags, the orders' attribution,
 * the channel overlap counters, the opt-in lists' rows, the revenue, cost and consent (opt-outs, opt-ins gained and lost)
 * rollups differ from a recount of the raw rows (the {@code *_recount} views). Zero means exact. Rows the triggers leave at zero
 * (a message without recipients, an opt-in scope emptied) have no recount row and are skipped.
 *
 * <p>Each side is read once: the rollup and its recount are common table expressions compared both ways
 * ({@code except}), so a recount view is computed once per check, not once per direction.
 */
public final class Recount {

    /**
     * A maintained table against its recount view ({@code <table>_recount}): the columns compared, and
     * which of the table's rows must have a recount row ({@code kept}; rows the triggers leave at zero
     * need not).
     */
    private record Rollup(String table, String columns, String kept) {

        Rollup(String table, String kept) {
            this(table, "*", kept);
        }

        String recount() {
            return table + "_recount";
        }
    }

    private static final List<Rollup> COUNTERS = List.of(
            new Rollup("stats_daily", "true"),
            new Rollup(
                    "message_stats",
                    "account_id, message_id, recipients, sent, delivered, opened, clicked, failed",
                    "recipients > 0"),
            new Rollup("stats_hourly", "(sent, delivered, opened, clicked) <> (0, 0, 0, 0)"),
            new Rollup("optin_count", "account_id, scope, contacts", "contacts <> 0"),
            new Rollup("optin_overlap", "account_id, part, contacts", "contacts <> 0"),
            new Rollup("optin_list", "true"),
            new Rollup("order_attribution", "true"),
            new Rollup("message_revenue", "orders <> 0 or revenue_minor <> 0 or unconverted <> 0"),
            new Rollup("revenue_daily", "orders <> 0 or revenue_minor <> 0 or unconverted <> 0"),
            new Rollup("message_cost", "cost_micros <> 0 or unpriced <> 0"),
            new Rollup("cost_daily", "cost_micros <> 0 or unpriced <> 0"));

    /** The opt-out and consent rollups (per message, per day, opt-ins gained and lost). */
    private static final List<Rollup> CONSENT_ROLLUPS = List.of(
            new Rollup("message_opt_out", "opt_outs <> 0"),
            new Rollup("opt_out_daily", "opt_outs <> 0"),
            new Rollup("consent_daily", "(gained, lost) <> (0, 0)"));

    /** Contacts whose opt-in flags are not what their current consents say. */
    private static final String CONTACT_FLAG_DIFFERENCES = """
            (select count(*) from contact c
             cross join lateral (select coalesce(bool_or(channel = 'SMS'), false) as sms,
                                        coalesce(bool_or(channel = 'WHATSAPP'), false) as whatsapp,
                                        coalesce(bool_or(channel = 'VIBER'), false) as viber,
                                        count(*) > 0 as any_in
                                 from contact_consent cc
                                 where cc.account_id = c.account_id and cc.contact_id = c.id and cc.opted_in) f
             where {contact}
               and (c.opted_in_sms, c.opted_in_whatsapp, c.opted_in_viber, c.opted_in_any)
                   is distinct from (f.sms, f.whatsapp, f.viber, f.any_in))
            """;

    /**
     * Contacts whose current consent on a channel is not the latest change of their consent history
     * (their opt-in flags and the opt-in counters follow the current consent, see above). Contacts
     * without history are not compared.
     */
    private static final String CONSENT_DIFFERENCES = """
            select count(*) from (select account_id, contact_id, channel, opted_in, changed_at
                                  from consent_current_recount where {in}
                                  except select account_id, contact_id, channel, opted_in, changed_at
                                  from contact_consent where {in}) x
            """;

    private Recount() {}

    /** Current consents that differ from their history, in one account or (null) every account the connection sees. */
    public static long consentDifferences(DSLContext db, @Nullable Long accountId) {
        return db.fetchSingle(CONSENT_DIFFERENCES.replace("{in}", in(accountId)))
                .get(0, Long.class);
    }

    /** Differences in every account the connection sees (row-level security applies). */
    public static long counterDifferences(DSLContext db) {
        return counterDifferences(db, null);
    }

    /** Differences in one account, or in every account the connection sees when {@code accountId} is null. */
    public static long counterDifferences(DSLContext db, @Nullable Long accountId) {
        var rollups = new ArrayList<>(COUNTERS);
        rollups.addAll(CONSENT_ROLLUPS);
        var contact = accountId == null ? "true" : "c.account_id = " + accountId;
        return db.fetchSingle(
                        differences(rollups, in(accountId), CONTACT_FLAG_DIFFERENCES.replace("{contact}", contact)))
                .get(0, Long.class);
    }

    /** Differences of the opt-out and consent rollups alone, in one account. */
    public static long consentRollupDifferences(DSLContext db, long accountId) {
        return db.fetchSingle(differences(CONSENT_ROLLUPS, in(accountId), "0")).get(0, Long.class);
    }

    private static String in(@Nullable Long accountId) {
        return accountId == null ? "true" : "account_id = " + accountId;
    }

    /** One statement: the rows of each rollup missing from its recount and the other way round, plus {@code more}. */
    private static String differences(List<Rollup> rollups, String in, String more) {
        var with = new StringJoiner(",\n", "with ", "\n");
        var sum = new StringJoiner("\n     + ", "select ", "");
        for (int i = 0; i < rollups.size(); i++) {
            var rollup = rollups.get(i);
            with.add("t%d as materialized (select %s from %s where %s)"
                    .formatted(i, rollup.columns(), rollup.table(), in));
            with.add("r%d as materialized (select * from %s where %s)".formatted(i, rollup.recount(), in));
            sum.add("(select count(*) from (select * from t%1$d where %2$s except table r%1$d) x)"
                    .formatted(i, rollup.kept()));
            sum.add("(select count(*) from (table r%1$d except table t%1$d) y)".formatted(i));
        }
        sum.add(more);
        return with + sum.toString();
    }
}
