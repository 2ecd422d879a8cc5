-- The reconciliation's differences looked each of the gateway's rows up among our recipients by
-- provider id: at the L tier the largest day of a gateway (906 188 report rows against 909 766 of our
-- recipients) took 22.6 s warm, 47 s cold, one random read of the 100 M-row table per row. Both sides
-- of the day are known in advance (the report's day index, our messages of the day), so they are now
-- joined once by hash (3.1 s warm). A report row that our day does not have is looked up by its id
-- among all our recipients (one sent the day before, just before midnight), and one of ours that the
-- report's day does not have among all the gateway's report rows, as before: those are the few.
-- One pass and no materialised intermediate: each row of the join yields its kinds of difference
-- (none, one, or both status and parts/price). The definitions of the kinds are unchanged (V130);
-- GatewayReportRepositoryTest walks every one of them on a hand-built day.

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
               when t.sid is null then
                   case when o.sid is null
                             or not exists (select 1 from gateway_report_row g
                                            where g.account_id = p_account and g.gateway_id = p_gateway and g.sid = o.sid)
                        then array['UNKNOWN_TO_GATEWAY'] end
               when coalesce(o.message_id, x.message_id) is null then array['UNKNOWN_TO_US']
               else array[case when coalesce(o.status, x.status) <> t.status then 'STATUS' end,
                          case when coalesce(o.parts, x.parts) is distinct from t.segments
                                    or t.price_micros <> coalesce(o.cost_micros, x.cost_micros) then 'PARTS_PRICE' end]
           end) as category,
           coalesce(t.sid, o.sid), coalesce(o.message_id, x.message_id), coalesce(o.contact_id, x.contact_id),
           coalesce(t.sent_at, o.sent_at), coalesce(o.status, x.status), t.status, coalesce(o.parts, x.parts),
           t.segments, coalesce(o.cost_micros, x.cost_micros), t.price_micros, t.recipient
    from (select * from gateway_report_row g
          where g.account_id = p_account and g.gateway_id = p_gateway and g.day = p_day) t
    full join reconciliation_ours(p_account, p_gateway, p_day) o on o.sid = t.sid
    left join lateral (
        select r.message_id, r.contact_id,
               case when r.delivered_at is not null then 'DELIVERED' when r.failed_at is not null then 'FAILED' else 'SENT' end
                   as status,
               m.sms_parts::integer as parts,
               case when r.cost is null then null else billed_micros(r.sent_at, r.delivered_at, r.cost, r.cost_undelivered) end
                   as cost_micros
        from message_recipient r
        join message m on m.account_id = r.account_id and m.id = r.message_id and m.channel = 'SMS' and m.gateway_id = p_gateway
        where o.sid is null and t.sid is not null and r.account_id = p_account and r.provider_message_id = t.sid
        limit 1) x on true
) d
where d.category is not null;
$$;
