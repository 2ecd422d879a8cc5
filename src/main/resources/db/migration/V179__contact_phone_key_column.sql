-- An opt-out found its contact by phone_key(phone) through the expression index contact_phone_key,
-- but not in the app's role: under row-level security the planner may not evaluate a function that
-- is not leakproof (regexp_replace) on a row before the policy has admitted it, so it cannot use the
-- index and compared phone_key of every contact of every account instead. With the small demo data
-- (9 000 contacts) that was about half of the database's time per batch of replies (EXPLAIN ANALYZE
-- as the app's role), and it grows with the contacts. The key is now a stored column and the reply's
-- key is computed once per reply: the lookup is an equality of two texts (leakproof), so the index
-- on (account_id, phone_key) serves it whatever the policy. What the key is does not change. An
-- order's contact by phone (ingest_orders) is looked up the same way.

alter table contact add column phone_key text generated always as (phone_key(phone)) stored;

drop index contact_phone_key;
create index contact_phone_key on contact (account_id, phone_key);

-- As in V178, but the contact by the reply's key.
create or replace function record_consent_replies(p_request integer[], p_account bigint[], p_channel channel[],
                                                  p_phone text[], p_opted_in boolean[], p_at timestamptz[],
                                                  p_source text[], p_provider_id text[])
    returns table (request integer, stored integer, unknown integer)
    language sql
as
$$
with reply as (
    select r.*, phone_key(r.phone) as phone_key
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
                  and x.sent_at > r.at - make_interval(hours => coalesce(
                        (select s.window_hours from opt_out_setting s where s.account_id = r.account_id), 72))
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

-- As in V178, but the contact by phone through the column.
create or replace function ingest_orders(p_account bigint, p_order_ids text[], p_statuses text[], p_placed timestamptz[],
                                         p_values numeric[], p_currencies text[], p_contact_ids bigint[],
                                         p_phones text[], p_emails text[], out stored integer,
                                         out unknown_contacts integer)
    returns record
    language plpgsql
as
$$
declare
    v_resolved bigint[];
    v_contacts bigint[];
begin
    -- The contact of each row: by id, else phone, else e-mail; null when the account has none such.
    select array_agg(
               coalesce((select c.id from contact c where c.account_id = p_account and c.id = u.given_contact_id),
                        (select c.id from contact c
                         where c.account_id = p_account and u.phone is not null
                           and c.phone_key = phone_key(u.phone)
                         order by c.id limit 1),
                        (select c.id from contact c
                         where c.account_id = p_account and u.email is not null and lower(c.email) = lower(u.email)
                         order by c.id limit 1))
               order by u.ord)
    into v_resolved
    from unnest(p_contact_ids, p_phones, p_emails) with ordinality as u (given_contact_id, phone, email, ord);

    -- Contacts before and after: a status may move an order's credit from one contact to another.
    select array_agg(distinct c) into v_contacts
    from (select c from unnest(v_resolved) c where c is not null
          union
          select e.contact_id from order_event e
          where e.account_id = p_account and e.contact_id is not null and e.order_id = any (p_order_ids)) x;
    perform lock_contacts(v_contacts);

    with order_input as (
        select u.order_id, u.status::order_status as status, u.placed_at, u.value, u.currency, u.given_contact_id,
               u.phone, u.email, u.contact_id
        from unnest(p_order_ids, p_statuses, p_placed, p_values, p_currencies, p_contact_ids, p_phones, p_emails,
                    v_resolved)
                 as u (order_id, status, placed_at, value, currency, given_contact_id, phone, email, contact_id)
    ),
    ranked as (
        select distinct on (order_id, status) *
        from order_input
        order by order_id, status, placed_at, value, currency, coalesce(given_contact_id, -1),
                 coalesce(phone, ''), coalesce(email, '')
    ),
    written as (
        insert into order_event as e (account_id, order_id, status, placed_at, value, currency, given_contact_id,
                                      phone, email, contact_id)
        select p_account, order_id, status, placed_at, value, currency, given_contact_id, phone, email, contact_id
        from ranked
        order by order_id, status
        on conflict (account_id, order_id, status) do update
            set placed_at = excluded.placed_at, value = excluded.value, currency = excluded.currency,
                given_contact_id = excluded.given_contact_id, phone = excluded.phone, email = excluded.email,
                contact_id = excluded.contact_id, received_at = now()
            where (excluded.placed_at, excluded.value, excluded.currency, coalesce(excluded.given_contact_id, -1),
                   coalesce(excluded.phone, ''), coalesce(excluded.email, ''))
                < (e.placed_at, e.value, e.currency, coalesce(e.given_contact_id, -1), coalesce(e.phone, ''),
                   coalesce(e.email, ''))
        returning 1
    )
    select (select count(*) from written), (select count(*) from ranked where contact_id is null)
    into stored, unknown_contacts;

    perform reattribute_orders(p_account, p_order_ids);
end;
$$;
