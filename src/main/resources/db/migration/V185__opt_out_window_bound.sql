-- An opt-out is credited to the contact's last message on the channel within the account's opt-out
-- window, found in message_recipient_contact (account_id, contact_id, sent_at), whose send time V181
-- put in the key so that the window is a range of the index. In the app's role it was only half a
-- range: the window's start, r.at - make_interval(...), is computed per reply by functions that are
-- not leakproof, and under row-level security such a condition is checked on each row the policy
-- admitted instead of bounding the index scan. A reply with no message in the window (a STOP long
-- after the last send) read every older message of the contact: 18 at the L tier (EXPLAIN ANALYZE of
-- the statement in the app's role). The start is now computed with the reply, before the lookup, so
-- the condition compares two columns and bounds the scan. What is credited does not change.

create or replace function record_consent_replies(p_request integer[], p_account bigint[], p_channel channel[],
                                                  p_phone text[], p_opted_in boolean[], p_at timestamptz[],
                                                  p_source text[], p_provider_id text[])
    returns table (request integer, stored integer, unknown integer)
    language sql
as
$$
with reply as materialized (
    select r.*, phone_key(r.phone) as phone_key,
           r.at - make_interval(hours => coalesce(
                (select s.window_hours from opt_out_setting s where s.account_id = r.account_id), 72)) as since
    from unnest(p_request, p_account, p_channel, p_phone, p_opted_in, p_at, p_source, p_provider_id)
             as r(request, account_id, channel, phone, opted_in, at, source, provider_id)
),
target as (
    select r.*, c.id as contact_id,
           case when not r.opted_in and c.id is not null then
               (select x.message_id
                from message_recipient x
                join message m on m.account_id = x.account_id and m.id = x.message_id
                where x.account_id = r.account_id and x.contact_id = c.id and m.channel = r.channel
                  and m.type <> 'TEST' and x.sent_at <= r.at
                  and x.sent_at > r.since
                order by x.sent_at desc, x.message_id desc
                limit 1) end as message_id
    from reply r
    left join lateral (select c.id
                       from contact c
                       where c.account_id = r.account_id and c.phone_key = r.phone_key) c on true
),
ins as (
    insert into consent_change (account_id, contact_id, channel, opted_in, changed_at, source, message_id,
                                provider_id, phone)
    select account_id, contact_id, channel, opted_in, at, source, message_id, provider_id, phone
    from target
    order by account_id, contact_id, request
    on conflict (account_id, source, provider_id, contact_id) where provider_id is not null do nothing
    returning account_id, source, provider_id, contact_id
),
-- A row stored for a provider id that two requests of the batch carried counts for the first.
stored as (
    select distinct on (i.account_id, i.source, i.provider_id, i.contact_id) t.request, i.contact_id
    from ins i
    join target t on t.account_id = i.account_id and t.source = i.source and t.provider_id = i.provider_id
                 and t.contact_id is not distinct from i.contact_id
    order by i.account_id, i.source, i.provider_id, i.contact_id, t.request
)
select q.request, count(s.request)::int, (count(s.request) filter (where s.contact_id is null))::int
from (select distinct request from reply) q
left join stored s on s.request = q.request
group by q.request
order by q.request;
$$;
