package com.mobilemarketing.demo;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

/**
 * The demo's consent history: the consents the contacts were generated with become history rows
 * ("import", seed_consent_history), then opt-outs after messages (a few per thousand delivered, more
 * after the promotional bulk sends, by STOP reply or the provider's unsubscribe event, credited to
 * the message) and new opt-ins every day, so the consent chart never lies flat. All of it goes
 * through consent_change, whose trigger keeps the current consent, the opt-in counters and the
 * rollups, as real opt-outs do.
 *
 * <p>Static, called with the generator's own transaction, like {@link DemoOrders}; a repository because
 * it holds the SQL.
 */
@Repository
public class DemoConsent {

    /** Of the delivered recipients of a bulk (promotional) message, this share opts out; of others, a quarter of it. */
    private static final double BULK_OPT_OUT_SHARE = 0.012;

    /** A day brings one new opt-in per channel for every this many contacts. */
    private static final int CONTACTS_PER_DAILY_OPT_IN = 1500;

    /**
     * History for the generated consents, then the opt-outs up to {@code now}. An opt-out comes a few
     * minutes to two days after the delivery (within the 72-hour window), decided by the seed, the
     * message and the contact alone; whoever had already opted out may do so again (no transition).
     */
    static void history(DSLContext tx, List<AccountPlan> plans, long seed, OffsetDateTime now) {
        for (var plan : plans) {
            tx.execute("select seed_consent_history(?)", plan.id());
            optOuts(tx, plan, seed, now.minusDays(DemoDataGenerator.MAX_ROLL_DAYS + 1), now);
        }
    }

    /** The opt-ins of the days in {@code (from, to]} and the opt-outs of the messages sent in it. */
    static void rollForward(DSLContext tx, List<AccountPlan> plans, long seed, OffsetDateTime from, OffsetDateTime to) {
        long contactBase = 0;
        for (var plan : plans) {
            tx.execute("select seed_consent_history(?)", plan.id());
            optIns(tx, plan, contactBase, seed, from, to);
            optOuts(tx, plan, seed, from, to);
            contactBase += plan.contacts();
        }
    }

    private static void optOuts(DSLContext tx, AccountPlan plan, long seed, OffsetDateTime from, OffsetDateTime to) {
        tx.execute(DemoSql.of(
                        """
                        insert into consent_change (account_id, contact_id, channel, opted_in, changed_at, source, message_id)
                        select account_id, contact_id, channel, false, at,
                               case channel when 'SMS' then 'sms_reply' when 'WHATSAPP' then 'whatsapp_reply'
                                            else 'viber_event' end,
                               message_id
                        from (select r.account_id, r.contact_id, m.channel, r.message_id,
                                     r.delivered_at + make_interval(
                                         mins => 3 + floor(demo_random(:seed, r.message_id * 7919 + r.contact_id, 41) * 2880)::int)
                                         as at
                              from message m
                              join message_recipient r on r.account_id = m.account_id and r.message_id = m.id
                              where m.account_id = :account and m.type <> 'TEST'
                                and m.sent_at > :from::timestamptz - interval '3 days' and m.sent_at <= :to::timestamptz
                                and r.delivered_at is not null
                                and demo_random(:seed, r.message_id * 7919 + r.contact_id, 40)
                                    < case when m.type = 'BULK' then :bulkShare else :bulkShare / 4 end) o
                        where at > :from::timestamptz and at <= :to::timestamptz
                        """,
                        Map.of(
                                "seed",
                                seed,
                                "account",
                                plan.id(),
                                "from",
                                from,
                                "to",
                                to,
                                "bulkShare",
                                BULK_OPT_OUT_SHARE))
                .sql());
    }

    /**
     * A few contacts a day give consent on a channel (a contact who already had it changes nothing:
     * no transition, nothing gained). Like the opt-outs, the rows of a day follow from the seed and the
     * day alone, never from the state, so one roll-forward or several give the same history.
     */
    private static void optIns(
            DSLContext tx, AccountPlan plan, long contactBase, long seed, OffsetDateTime from, OffsetDateTime to) {
        var perDay = Math.max(1, plan.contacts() / CONTACTS_PER_DAILY_OPT_IN);
        var seconds = Duration.between(from, to).toSeconds();
        if (seconds <= 0) {
            return;
        }
        int k = 50;
        for (var channel : plan.channelShares().keySet()) {
            k += 2;
            // Each day's picks follow from the seed and the day: the same whether rolled in one start or several.
            tx.execute(DemoSql.of(
                            """
                            insert into consent_change (account_id, contact_id, channel, opted_in, changed_at, source)
                            select :account, p.contact_id, :channel::channel, true, p.at, 'demo'
                            from generate_series(floor(extract(epoch from :from::timestamptz) / 86400)::bigint,
                                                 floor(extract(epoch from :to::timestamptz) / 86400)::bigint) d
                            cross join generate_series(1, :perDay) j
                            cross join lateral (
                                select :base + 1 + floor(demo_random(:seed, d * 4096 + j, :k) * :contacts)::bigint as contact_id,
                                       to_timestamp(d * 86400 + floor(demo_random(:seed, d * 4096 + j, :k + 1) * 86400)) as at
                            ) p
                            where p.at > :from::timestamptz and p.at <= :to::timestamptz
                            """,
                            Map.of(
                                    "seed", seed,
                                    "account", plan.id(),
                                    "channel", channel,
                                    "from", from,
                                    "to", to,
                                    "perDay", perDay,
                                    "base", contactBase,
                                    "contacts", plan.contacts(),
                                    "k", k))
                    .sql());
        }
    }
}
