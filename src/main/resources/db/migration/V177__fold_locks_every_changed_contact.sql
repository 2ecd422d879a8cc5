-- V176 let a fold re-attribute only the contacts with an order placed at or after the changed touch,
-- and it asked before taking any lock. An order batch running at the same time is not visible to that
-- question, and the fold's new touch is not visible to the batch's recount: a click folded while the
-- order it led to was being stored left that order uncredited (the ingest benchmark with all three
-- loads found 2 such orders in 25 800). V90 had the same gap for a contact's first order, since it
-- locked only contacts that already had orders.
--
-- Now a fold takes a shared lock on every contact whose recipient changed, before it asks: an order
-- batch (exclusive on its contacts) waits for the fold's commit, or the fold for the batch's, and the
-- question, asked after the lock in a statement of its own, sees what the batch committed. Folds do
-- not wait for each other on those locks; two that re-attribute the same contact take its lock in a
-- key space of their own (7019), one after the other. A statement that changes recipients of more
-- than 5 000 contacts (a bulk send, the demo's generation; a fold batch holds at most 5 000 events)
-- takes one lock for all contacts instead (7020, exclusive), which every order writer takes shared.

create function lock_keys_shared(p_space integer, p_ids bigint[]) returns void
    language plpgsql as
$$
begin
    perform pg_advisory_xact_lock_shared(p_space, k)
    from (select distinct hashint8(c) as k from unnest(p_ids) c order by 1) keys;
end;
$$;

-- What every order writer takes: the bulk lock shared, then its contacts exclusive.
create or replace function lock_contacts(p_contacts bigint[]) returns void
    language plpgsql as
$$
begin
    perform pg_advisory_xact_lock_shared(7020, 0);
    perform lock_keys(7016, p_contacts);
end;
$$;

-- Every order of these contacts, for callers that hold the locks.
create function reattribute_contacts(p_account bigint, p_contacts bigint[]) returns void
    language plpgsql
    set plan_cache_mode = force_generic_plan as
$$
begin
    perform reattribute_orders(p_account, array(
        select e.order_id from order_event e where e.account_id = p_account and e.contact_id = any (p_contacts)
        union
        select a.order_id from order_attribution a where a.account_id = p_account and a.contact_id = any (p_contacts)));
end;
$$;

create or replace function reattribute(p_account bigint, p_contacts bigint[]) returns void
    language plpgsql as
$$
begin
    if p_contacts is null or cardinality(p_contacts) = 0 then
        return;
    end if;
    perform lock_contacts(p_contacts);
    perform reattribute_contacts(p_account, p_contacts);
end;
$$;

create or replace function message_recipient_attribution() returns trigger
    language plpgsql as
$$
declare
    changed text;
    per_account record;
    v_accounts bigint[];
    v_contacts bigint[];
    v_since timestamptz[];
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
    -- Each changed contact with the earliest timestamp of its changed rows (none: nothing to credit).
    execute format($q$
            select array_agg(x.account_id), array_agg(x.contact_id), array_agg(x.since)
            from (select account_id, contact_id, min(since) as since
                  from (%s) c
                  where since is not null
                  group by account_id, contact_id) x
            $q$, changed) into v_accounts, v_contacts, v_since;
    if v_contacts is null then
        return null;
    end if;
    if cardinality(v_contacts) > 5000 then
        perform pg_advisory_xact_lock(7020, 0);
    else
        perform lock_keys_shared(7016, v_contacts);
    end if;
    -- After the locks, in a statement of its own: the orders of batches that committed meanwhile count.
    select array_agg(u.account_id), array_agg(u.contact_id)
    into v_accounts, v_contacts
    from unnest(v_accounts, v_contacts, v_since) as u (account_id, contact_id, since)
    where exists (select 1 from order_event e
                  where e.account_id = u.account_id and e.contact_id = u.contact_id and e.placed_at >= u.since);
    if v_contacts is null then
        return null;
    end if;
    perform lock_keys(7019, v_contacts);
    for per_account in
        select u.account_id, array_agg(u.contact_id) as contacts
        from unnest(v_accounts, v_contacts) as u (account_id, contact_id)
        group by u.account_id
        loop
            perform reattribute_contacts(per_account.account_id, per_account.contacts);
        end loop;
    return null;
end;
$$;
