-- The reconciliation's differences looked each of the gateway's rows up among our recipients by
-- provider id: at the L tier the largest day of a gateway (906 188 report rows against 909 766 of our
-- recipients) took 22.6 s warm, 47 s cold, one random read of the 100 M-row table per row. Both sides
-- of the day are known in advance (the report's day index, our messages of the day), so they are now
-- joined once by hash: 3.4 s warm in the app's role. A report row that our day does not have is
-- looked up by its id among all our recipients (one sent the day before, just before midnight), and
-- one of ours that the report's day does not have among all the gateway's report rows, as before:
-- those are the few. One pass and nothing materialised: the pairs that agree are dropped as they are
-- joined, and each remaining row yields its kinds of difference (one, or both status and
-- parts/price). The definitions of the kinds are unchanged (V130); GatewayReportRepositoryTest walks
-- every one of them on a hand-built day, and a message matched across midnight.

create or replace function reconciliation_differences(p_account bigint, p_gateway bigint, p_day date)
    returns table (category text, sid text, message_id bigint, contact_id bigint, sent_at timestamptz,
                   our_status text, gateway_status text, our_parts integer, gateway_parts integer,
                   our_micros bigint, gateway_micros bigint, recipient text)
    language sql stable
    -- the hash of our day (a million rows, about 115 MB) stays in memory instead of spilling in batches
    set work_mem = '128MB'
as
$$
select d.*
from (
    select unnest(case
               when j.sid is null then
                   case when j.our_sid is null
                             or not exists (select 1 from gateway_report_row g
                                            where g.account_id = p_account and g.gateway_id = p_gateway
                                              and g.sid = j.our_sid)
                        then array['UNKNOWN_TO_GATEWAY'] end
               when coalesce(j.message_id, x.message_id) is null then array['UNKNOWN_TO_US']
               else array[case when coalesce(j.our_status, x.status) <> j.status then 'STATUS' end,
                          case when coalesce(j.parts, x.parts) is distinct from j.segments
                                    or j.price_micros <> coalesce(j.cost_micros, x.cost_micros) then 'PARTS_PRICE' end]
           end) as category,
           coalesce(j.sid, j.our_sid), coalesce(j.message_id, x.message_id), coalesce(j.contact_id, x.contact_id),
           coalesce(j.sent_at, j.our_sent_at), coalesce(j.our_status, x.status), j.status,
           coalesce(j.parts, x.parts), j.segments, coalesce(j.cost_micros, x.cost_micros), j.price_micros, j.recipient
    from (
        -- the day's two sides, and of the pairs only those that differ (the few, as a rule)
        select t.sid, t.sent_at, t.status, t.segments, t.price_micros, t.recipient, o.sid as our_sid, o.message_id,
               o.contact_id, o.sent_at as our_sent_at, o.status as our_status, o.parts, o.cost_micros
        from (select * from gateway_report_row g
              where g.account_id = p_account and g.gateway_id = p_gateway and g.day = p_day) t
        full join reconciliation_ours(p_account, p_gateway, p_day) o on o.sid = t.sid
        where t.sid is null or o.message_id is null or o.status <> t.status or o.parts is distinct from t.segments
           or t.price_micros <> o.cost_micros
    ) j
    -- a report row our day does not have: our recipient of another day with its id, if any
    left join lateral (
        select r.message_id, r.contact_id,
               case when r.delivered_at is not null then 'DELIVERED' when r.failed_at is not null then 'FAILED' else 'SENT' end
                   as status,
               m.sms_parts::integer as parts,
               case when r.cost is null then null else billed_micros(r.sent_at, r.delivered_at, r.cost, r.cost_undelivered) end
                   as cost_micros
        from message_recipient r
        join message m on m.account_id = r.account_id and m.id = r.message_id and m.channel = 'SMS' and m.gateway_id = p_gateway
        where j.message_id is null and j.sid is not null and r.account_id = p_account and r.provider_message_id = j.sid
        limit 1) x on true
) d
where d.category is not null;
$$;
