package com.mobilemarketing.demo;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What happens to the demo's sent messages, as SQL: every recipient with its delivery, read, click
 * or failure as the seed makes them, written as of "now" when a message is sent, and completed by a
 * later start with what fell after the last one (late reads, clicks and delivery reports); and the
 * clicks on the messages' links.
 */
final class DemoOutcomes {

    private DemoOutcomes() {}

    /** Earlier than any generated time: "from the start" for a time window. */
    private static final OffsetDateTime BEFORE_ANY_DEMO = OffsetDateTime.parse("1900-01-01T00:00:00Z");

    /** Which messages a statement is about: a condition on a message id column and its values. */
    record MessageIds(String condition, Map<String, Object> values) {

        static MessageIds between(long first, long last) {
            return new MessageIds("between :first and :last", Map.of("first", first, "last", last));
        }

        static MessageIds anyOf(List<Long> ids) {
            return new MessageIds("= any(:ids::bigint[])", Map.of("ids", ids.toArray(Long[]::new)));
        }
    }

    /**
     * A message's tariffs as arrays in the order they took effect: their starts, what a recipient costs
     * under each when delivered and when not (null where the tariff has no price for it). A recipient
     * pays under the last tariff that started by its send time: what {@code recipient_price()} (V110)
     * finds for it row by row, here looked up once per message. The demo's contacts all have numbers of
     * one country ({@link DemoAccounts#COUNTRY_CODE}); {@code DemoDataGeneratorTest} checks every
     * generated recipient's cost against {@code recipient_price()}.
     */
    private static final String TARIFF_STEPS = """
            select array_agg(t.valid_from order by t.valid_from) as tariff_starts,
                   array_agg(pr.price_micros * u.units order by t.valid_from) as tariff_costs,
                   array_agg(case when t.bills_undelivered then pr.price_micros * u.units else 0 end
                             order by t.valid_from) as tariff_costs_undelivered
            from (select case when m.channel = 'SMS' then coalesce(m.sms_parts, sms_parts(m.content)) else 1 end
                             as units,
                         case when m.channel = 'WHATSAPP' then whatsapp_category(m.type) else '' end as category,
                         coalesce(phone_country(:countryCode), '*') as country) u
            join tariff t on t.account_id = m.account_id and t.integration = message_provider(m.channel, m.gateway_id)
            left join lateral (select p.price_micros
                               from tariff_price p
                               where p.account_id = t.account_id and p.tariff_id = t.id and p.category = u.category
                                 and p.country in (u.country, '*')
                               order by p.country = '*'
                               limit 1) pr on true
            """;

    /**
     * SQL of every recipient of the chosen sent messages with all its outcomes as the seed makes them,
     * whenever they happen (insert and completion keep those up to their "now").
     */
    private static String outcomes(MessageIds ids) {
        return """
                    select o.*,
                           case when opened then delivered_at + make_interval(secs => 30 + -ln(1 - r5) * 5400) end
                               as opened_at,
                           case when clicked then coalesce(
                                    case when opened then delivered_at + make_interval(secs => 30 + -ln(1 - r5) * 5400) end,
                                    delivered_at, sent_at + interval '1 minute')
                                + make_interval(secs => 20 + -ln(1 - r7) * 1800) end as clicked_at
                    from (
                        select x.*,
                               case when outcome = 'D' then sent_at + make_interval(secs => 1 + -ln(1 - r2) * latency) end
                                   as delivered_at,
                               case when outcome = 'F' then sent_at + make_interval(secs => 1 + r2 * 30) end as failed_at,
                               case when outcome = 'F' then (errors)[1 + floor(r3 * array_length(errors, 1))::int] end
                                   as error_code,
                               case when outcome = 'F' then (permanent)[1 + floor(r3 * array_length(errors, 1))::int] end
                                   as error_permanent,
                               outcome = 'D' and channel <> 'SMS' and r4 < open_share as opened,
                               outcome in ('D', 'U') and r6 < click_share as clicked
                        from (
                            select m.account_id, m.id as message_id, m.channel, m.type,
                                   (:base + 1 + ((st.start + j) %% :contacts)) as contact_id,
                                   m.sent_at + make_interval(secs => j * 0.004) as sent_at,
                                   r.*, tp.*,
                                   case when m.channel = 'SMS' and not g.supports_callbacks then 'U'
                                        when r.r1 < case m.channel when 'SMS' then 0.94 when 'WHATSAPP' then 0.965
                                                                    else 0.91 end then 'D'
                                        when r.r1 < case m.channel when 'SMS' then 0.95 when 'WHATSAPP' then 0.972
                                                                    else 0.92 end then 'P'
                                        else 'F' end as outcome,
                                   case m.channel when 'SMS' then 6 when 'WHATSAPP' then 2 else 4 end as latency,
                                   case m.channel when 'WHATSAPP' then 0.78 else 0.62 end as open_share,
                                   case m.type when 'BULK' then 0.06 when 'RULE' then 0.13 when 'WORKFLOW' then 0.10
                                               when 'BIRTHDAY' then 0.16 else 0.35 end as click_share,
                                   case m.channel
                                       when 'SMS' then array['30003','30005','30006','30007','30008']
                                       when 'WHATSAPP' then array['131026','131047','131048','131049']
                                       else array['NOT_VIBER_USER','USER_BLOCKED','EXPIRED'] end as errors,
                                   case m.channel
                                       when 'SMS' then array[false,true,true,true,false]
                                       when 'WHATSAPP' then array[true,true,false,false]
                                       else array[true,true,false] end as permanent
                            from message m
                            left join sms_gateway g on g.account_id = m.account_id and g.id = m.gateway_id
                            cross join lateral (%s) tp
                            cross join lateral (select case when m.type = 'TEST' then 0
                                                            else floor(demo_random(:seed, m.id, 20) * :contacts)::bigint end as start) st
                            cross join lateral generate_series(0, m.audience_size - 1) j
                            cross join lateral (
                                select demo_random(:seed, m.id * 10000000 + j, 1) as r1,
                                       demo_random(:seed, m.id * 10000000 + j, 2) as r2,
                                       demo_random(:seed, m.id * 10000000 + j, 3) as r3,
                                       demo_random(:seed, m.id * 10000000 + j, 4) as r4,
                                       demo_random(:seed, m.id * 10000000 + j, 5) as r5,
                                       demo_random(:seed, m.id * 10000000 + j, 6) as r6,
                                       demo_random(:seed, m.id * 10000000 + j, 7) as r7
                            ) r
                            where m.account_id = :account and m.state = 'SENT' and m.id %s
                        ) x
                    ) o
                """.formatted(TARIFF_STEPS, ids.condition());
    }

    private static Map<String, Object> values(
            AccountPlan plan, long contactBase, long seed, OffsetDateTime now, MessageIds ids) {
        var values = new HashMap<String, Object>(ids.values());
        values.put("account", plan.id());
        values.put("base", contactBase);
        values.put("contacts", plan.contacts());
        values.put("seed", seed);
        values.put("now", now);
        values.put("countryCode", DemoAccounts.COUNTRY_CODE);
        return values;
    }

    /**
     * The recipients of newly sent messages {@code ids} with what happened to them by {@code now}, and their
     * clicks. Each is priced here, from the tariff valid when it was sent ({@link #TARIFF_STEPS}), as the
     * pricing trigger would: a bulk load (triggers off) never rewrites its recipients just to price them.
     */
    static List<DemoSql> recipients(AccountPlan plan, long contactBase, long seed, OffsetDateTime now, MessageIds ids) {
        var recipients = DemoSql.of("""
                insert into message_recipient (account_id, message_id, contact_id, provider_message_id, sent_at,
                                               delivered_at, opened_at, clicked_at, failed_at, error_code, error_permanent,
                                               cost, cost_undelivered)
                select y.account_id, y.message_id, y.contact_id,
                       case when sent_at > :now::timestamptz - interval '30 days' then
                           case channel when 'SMS' then 'SM' || md5(message_id || ':' || contact_id)
                                        when 'WHATSAPP' then 'wamid.' || md5(message_id || ':' || contact_id)
                                        else (message_id * 100000000 + contact_id)::text end end,
                       y.sent_at,
                       case when delivered_at <= :now::timestamptz then delivered_at end,
                       case when opened_at <= :now::timestamptz then opened_at end,
                       case when clicked_at <= :now::timestamptz then clicked_at end,
                       case when failed_at <= :now::timestamptz then failed_at end,
                       case when failed_at <= :now::timestamptz then error_code end,
                       case when failed_at <= :now::timestamptz then error_permanent end,
                       y.tariff_costs[p.tariff], y.tariff_costs_undelivered[p.tariff]
                from (%s) y
                cross join lateral (select count(*)::int as tariff from unnest(y.tariff_starts) s where s <= y.sent_at) p
                """.formatted(outcomes(ids)), values(plan, contactBase, seed, now, ids));
        return List.of(recipients, clicks(plan, seed, null, now, ids));
    }

    /**
     * Outcomes the seed gave to recipients of earlier messages {@code ids} that fell after the last
     * generation, in {@code (from, now]}: late reads, clicks and delivery reports arrive, as they
     * would have. A recipient is recognised by its contact and exact send time, so rows the
     * generator did not make are left alone.
     */
    static List<DemoSql> completion(
            AccountPlan plan, long contactBase, long seed, OffsetDateTime from, OffsetDateTime now, MessageIds ids) {
        var completion = DemoSql.of("""
                update message_recipient r
                set delivered_at = case when r.delivered_at is null and y.delivered_at <= :now::timestamptz
                                        then y.delivered_at else r.delivered_at end,
                    opened_at = case when r.opened_at is null and y.opened_at <= :now::timestamptz
                                     then y.opened_at else r.opened_at end,
                    clicked_at = case when r.clicked_at is null and y.clicked_at <= :now::timestamptz
                                      then y.clicked_at else r.clicked_at end,
                    failed_at = case when r.failed_at is null and y.failed_at <= :now::timestamptz
                                     then y.failed_at else r.failed_at end,
                    error_code = case when r.failed_at is null and y.failed_at <= :now::timestamptz
                                      then y.error_code else r.error_code end,
                    error_permanent = case when r.failed_at is null and y.failed_at <= :now::timestamptz
                                           then y.error_permanent else r.error_permanent end
                from (%s) y
                where r.account_id = y.account_id and r.message_id = y.message_id and r.contact_id = y.contact_id
                  and r.sent_at = y.sent_at
                  and ((r.delivered_at is null and y.delivered_at <= :now::timestamptz)
                       or (r.opened_at is null and y.opened_at <= :now::timestamptz)
                       or (r.clicked_at is null and y.clicked_at <= :now::timestamptz)
                       or (r.failed_at is null and y.failed_at <= :now::timestamptz))
                """.formatted(outcomes(ids)), values(plan, contactBase, seed, now, ids));
        return List.of(completion, clicks(plan, seed, from, now, ids));
    }

    /** Clicks in {@code (after, now]} (from the start when {@code after} is null); some recipients come back. */
    private static DemoSql clicks(
            AccountPlan plan, long seed, @Nullable OffsetDateTime after, OffsetDateTime now, MessageIds ids) {
        var values = new HashMap<String, Object>(ids.values());
        values.put("account", plan.id());
        values.put("seed", seed);
        values.put("after", after == null ? BEFORE_ANY_DEMO : after);
        values.put("now", now);
        // The first at the recipient's clicked time, some recipients come back once or twice.
        return DemoSql.of("""
                insert into click_event (account_id, message_id, contact_id, link_no, clicked_at, user_agent)
                select r.account_id, r.message_id, r.contact_id,
                       1 + floor(demo_random(:seed, r.message_id * 10000000 + r.contact_id, 30 + n)
                                 * (select count(*) from message_link l
                                    where l.account_id = r.account_id and l.message_id = r.message_id))::int,
                       r.clicked_at + make_interval(mins => (n - 1) * (5 + floor(demo_random(:seed, r.contact_id, 40 + n) * 600)::int)),
                       'Mozilla/5.0 (Linux; Android 14) Mobile'
                from message_recipient r
                cross join generate_series(1, 1 + floor(demo_random(:seed, r.message_id * 10000000 + r.contact_id, 29) * 2.2)::int) n
                where r.account_id = :account and r.clicked_at is not null
                  and r.clicked_at + make_interval(mins => (n - 1) * (5 + floor(demo_random(:seed, r.contact_id, 40 + n) * 600)::int))
                      > :after::timestamptz
                  and r.clicked_at + make_interval(mins => (n - 1) * (5 + floor(demo_random(:seed, r.contact_id, 40 + n) * 600)::int))
                      <= :now::timestamptz
                  and r.message_id %s
                """.formatted(ids.condition()), values);
    }
}
