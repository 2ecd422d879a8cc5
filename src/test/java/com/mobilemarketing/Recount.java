package com.mobilemarketing;

import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;

/**
 * The tests' one oracle for the maintained numbers: how many rows of the per-message counters, the
 * daily and hourly rollups, the opt-in counters, the contacts' opt-in flags, the orders' attribution,
 * the channel overlap counters, the opt-in lists' rows, the revenue, cost and consent (opt-outs, opt-ins gained and lost)
 * rollups differ from a recount of the raw rows (the {@code *_recount} views). Zero means exact. Rows the triggers leave at zero
 * (a message without recipients, an opt-in scope emptied) have no recount row and are skipped.
 */
public final class Recount {

    private static final String COUNTER_DIFFERENCES = """
            select (select count(*) from (select * from stats_daily where {in}
                                          except select * from stats_daily_recount where {in}) a)
                 + (select count(*) from (select * from stats_daily_recount where {in}
                                          except select * from stats_daily where {in}) b)
                 + (select count(*) from (select account_id, message_id, recipients, sent, delivered, opened, clicked, failed
                                          from message_stats where recipients > 0 and {in}
                                          except select * from message_stats_recount where {in}) c)
                 + (select count(*) from (select * from message_stats_recount where {in}
                                          except select account_id, message_id, recipients, sent, delivered, opened,
                                                        clicked, failed from message_stats where {in}) d)
                 + (select count(*) from (select * from stats_hourly where (sent, delivered, opened, clicked) <> (0, 0, 0, 0)
                                            and {in}
                                          except select * from stats_hourly_recount where {in}) h)
                 + (select count(*) from (select * from stats_hourly_recount where {in}
                                          except select * from stats_hourly where {in}) i)
                 + (select count(*) from (select account_id, scope, contacts from optin_count where contacts <> 0 and {in}
                                          except select * from optin_count_recount where {in}) e)
                 + (select count(*) from (select * from optin_count_recount where {in}
                                          except select account_id, scope, contacts from optin_count where {in}) f)
                 + (select count(*) from (select account_id, part, contacts from optin_overlap where contacts <> 0 and {in}
                                          except select * from optin_overlap_recount where {in}) ov)
                 + (select count(*) from (select * from optin_overlap_recount where {in}
                                          except select account_id, part, contacts from optin_overlap where {in}) ow)
                 + (select count(*) from (select * from optin_list where {in}
                                          except select * from optin_list_recount where {in}) ol)
                 + (select count(*) from (select * from optin_list_recount where {in}
                                          except select * from optin_list where {in}) om)
                 + (select count(*) from (select * from order_attribution where {in}
                                          except select * from order_attribution_recount where {in}) g)
                 + (select count(*) from (select * from order_attribution_recount where {in}
                                          except select * from order_attribution where {in}) h)
                 + (select count(*) from (select * from message_revenue
                                          where (orders <> 0 or revenue_minor <> 0 or unconverted <> 0) and {in}
                                          except select * from message_revenue_recount where {in}) i)
                 + (select count(*) from (select * from message_revenue_recount where {in}
                                          except select * from message_revenue where {in}) j)
                 + (select count(*) from (select * from revenue_daily
                                          where (orders <> 0 or revenue_minor <> 0 or unconverted <> 0) and {in}
                                          except select * from revenue_daily_recount where {in}) k)
                 + (select count(*) from (select * from revenue_daily_recount where {in}
                                          except select * from revenue_daily where {in}) l)
                 + (select count(*) from (select * from message_cost where (cost_micros <> 0 or unpriced <> 0) and {in}
                                          except select * from message_cost_recount where {in}) m)
                 + (select count(*) from (select * from message_cost_recount where {in}
                                          except select * from message_cost where {in}) n)
                 + (select count(*) from (select * from cost_daily where (cost_micros <> 0 or unpriced <> 0) and {in}
                                          except select * from cost_daily_recount where {in}) o)
                 + (select count(*) from (select * from cost_daily_recount where {in}
                                          except select * from cost_daily where {in}) p)
                 + ({consent_rollups})
                 + (select count(*) from contact c
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

    /** The opt-out and consent rollups (per message, per day, opt-ins gained and lost) against their recount. */
    private static final String CONSENT_ROLLUP_DIFFERENCES = """
            select (select count(*) from (select * from message_opt_out where opt_outs <> 0 and {in}
                                          except select * from message_opt_out_recount where {in}) q)
                 + (select count(*) from (select * from message_opt_out_recount where {in}
                                          except select * from message_opt_out where {in}) r)
                 + (select count(*) from (select * from opt_out_daily where opt_outs <> 0 and {in}
                                          except select * from opt_out_daily_recount where {in}) s)
                 + (select count(*) from (select * from opt_out_daily_recount where {in}
                                          except select * from opt_out_daily where {in}) t)
                 + (select count(*) from (select * from consent_daily where (gained, lost) <> (0, 0) and {in}
                                          except select * from consent_daily_recount where {in}) u)
                 + (select count(*) from (select * from consent_daily_recount where {in}
                                          except select * from consent_daily where {in}) v)
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
        var in = accountId == null ? "true" : "account_id = " + accountId;
        return db.fetchSingle(CONSENT_DIFFERENCES.replace("{in}", in)).get(0, Long.class);
    }

    /** Differences in every account the connection sees (row-level security applies). */
    public static long counterDifferences(DSLContext db) {
        return counterDifferences(db, null);
    }

    /** Differences in one account, or in every account the connection sees when {@code accountId} is null. */
    public static long counterDifferences(DSLContext db, @Nullable Long accountId) {
        var in = accountId == null ? "true" : "account_id = " + accountId;
        var contact = accountId == null ? "true" : "c.account_id = " + accountId;
        return db.fetchSingle(COUNTER_DIFFERENCES
                        .replace("{consent_rollups}", CONSENT_ROLLUP_DIFFERENCES.strip())
                        .replace("{in}", in)
                        .replace("{contact}", contact))
                .get(0, Long.class);
    }

    /** Differences of the opt-out and consent rollups alone, in one account. */
    public static long consentRollupDifferences(DSLContext db, long accountId) {
        return db.fetchSingle(CONSENT_ROLLUP_DIFFERENCES.replace("{in}", "account_id = " + accountId))
                .get(0, Long.class);
    }
}
