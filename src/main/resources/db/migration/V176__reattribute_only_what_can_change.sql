-- Two re-attributions did more than could change, and held the contacts' locks while doing it. In the
-- ingest benchmark (orders beside status callbacks) an order batch waited ~190 ms of its ~280 ms for
-- those locks, mostly held by a fold re-attributing thousands of contacts:
-- - A fold (message_recipient_attribution) re-attributed every order of every contact with any order
--   whose recipient changed. A recipient's touch at t can only credit an order placed at or after t,
--   so only contacts with an order placed at or after the earliest timestamp of the changed row (old
--   or new) can change. A read or click folded minutes after it happened almost never has one.
-- - An order batch (ingest_orders) re-attributed every order of its contacts, though an order's credit
--   depends on its own statuses and its contact's touches only: the batch's own orders are enough.
-- One function now does the writing by order id; reattribute(account, contacts) hands it the orders
-- of its contacts (those stored and those credited), so the rule of what is written stays in one place.

create function reattribute_orders(p_account bigint, p_order_ids text[]) returns void
    language plpgsql
    set plan_cache_mode = force_generic_plan as
$$
begin
    with want as materialized (
        select * from order_attribution_recount
        where account_id = p_account and order_id = any (p_order_ids)
    ),
    gone as (
        delete from order_attribution a
        where a.account_id = p_account and a.order_id = any (p_order_ids)
          and not exists (select 1 from want w where w.order_id = a.order_id)
    )
    insert into order_attribution as a
    select * from want
    on conflict (account_id, order_id) do update
        set contact_id = excluded.contact_id, placed_at = excluded.placed_at, message_id = excluded.message_id,
            touch = excluded.touch, touch_at = excluded.touch_at, sent_at = excluded.sent_at, day = excluded.day,
            channel = excluded.channel, type = excluded.type, counted = excluded.counted, value = excluded.value,
            currency = excluded.currency, revenue_minor = excluded.revenue_minor
        where (a.contact_id, a.placed_at, a.message_id, a.touch, a.touch_at, a.sent_at, a.day, a.channel, a.type,
               a.counted, a.value, a.currency, a.revenue_minor)
              is distinct from
              (excluded.contact_id, excluded.placed_at, excluded.message_id, excluded.touch, excluded.touch_at,
               excluded.sent_at, excluded.day, excluded.channel, excluded.type, excluded.counted, excluded.value,
               excluded.currency, excluded.revenue_minor);
end;
$$;

-- Every order of these contacts; callers of reattribute_orders hold the locks of the orders' contacts.
create or replace function reattribute(p_account bigint, p_contacts bigint[]) returns void
    language plpgsql
    set plan_cache_mode = force_generic_plan as
$$
begin
    if p_contacts is null or cardinality(p_contacts) = 0 then
        return;
    end if;
    perform lock_contacts(p_contacts);
    perform reattribute_orders(p_account, array(
        select e.order_id from order_event e where e.account_id = p_account and e.contact_id = any (p_contacts)
        union
        select a.order_id from order_attribution a where a.account_id = p_account and a.contact_id = any (p_contacts)));
end;
$$;

-- ingest_orders (V90) is patched at its one re-attribution rather than restated whole (it has locked
-- the contacts of its orders before and after); the migration fails if that call is not found once.
do
$$
declare
    definition text := pg_get_functiondef('ingest_orders(bigint, text[], text[], timestamptz[], numeric[], text[], bigint[], text[], text[])'::regprocedure);
    call text := 'perform reattribute(p_account, v_contacts);';
begin
    if (length(definition) - length(replace(definition, call, ''))) / length(call) <> 1 then
        raise exception 'ingest_orders() does not call reattribute once';
    end if;
    execute replace(definition, call, 'perform reattribute_orders(p_account, p_order_ids);');
end;
$$;

-- V90's trigger function with the time condition: each changed recipient row carries the earliest of
-- its timestamps before and after the change, and a contact is re-attributed only if it has an order
-- placed at or after it. A row without any timestamp (not sent, nothing happened) changes nothing.
create or replace function message_recipient_attribution() returns trigger
    language plpgsql as
$$
declare
    changed text;
    per_account record;
    v_accounts bigint[];
    v_contacts bigint[];
begin
    changed := case tg_op
        when 'INSERT' then 'select n.account_id, n.contact_id,
                                   least(n.sent_at, n.delivered_at, n.opened_at, n.clicked_at) as since
                            from n'
        when 'DELETE' then 'select o.account_id, o.contact_id,
                                   least(o.sent_at, o.delivered_at, o.opened_at, o.clicked_at) as since
                            from o'
        else 'select n.account_id, n.contact_id,
                     least(n.sent_at, n.delivered_at, n.opened_at, n.clicked_at,
                           o.sent_at, o.delivered_at, o.opened_at, o.clicked_at) as since
              from n join o using (account_id, message_id, contact_id)
              where (n.sent_at, n.delivered_at, n.opened_at, n.clicked_at)
                    is distinct from (o.sent_at, o.delivered_at, o.opened_at, o.clicked_at)' end;
    -- Every contact's lock first, in one order across accounts, then account by account.
    execute format($q$
            select array_agg(c.account_id), array_agg(c.contact_id)
            from (select x.account_id, x.contact_id, min(x.since) as since
                  from (%s) x
                  where x.since is not null
                  group by x.account_id, x.contact_id) c
            where exists (select 1 from order_event e
                          where e.account_id = c.account_id and e.contact_id = c.contact_id
                            and e.placed_at >= c.since)
            $q$, changed) into v_accounts, v_contacts;
    if v_contacts is null then
        return null;
    end if;
    perform lock_contacts(v_contacts);
    for per_account in
        select u.account_id, array_agg(u.contact_id) as contacts
        from unnest(v_accounts, v_contacts) as u (account_id, contact_id)
        group by u.account_id
        loop
            perform reattribute(per_account.account_id, per_account.contacts);
        end loop;
    return null;
end;
$$;
