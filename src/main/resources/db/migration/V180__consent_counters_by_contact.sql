-- The opt-in counters of a batch of consent replies (consent_change's trigger writes contact_consent
-- with insert ... on conflict do update, which fires the insert and the update triggers of
-- contact_consent, and the update of the contacts' opt-in flags fires contact's) cost more than the
-- replies themselves (pg_stat_statements during the ingest benchmark's opt-outs):
--  * contact_consent_counters looked for each affected contact's current opt-ins with exists (...)
--    subqueries that the planner ran as hashed subplans: four sequential scans of the whole of
--    contact_consent (every account, with the dead rows of the replies' own updates) per statement,
--    58 ms per batch of about 80 replies. Each contact's rows are now read by its key, in a lateral
--    aggregate that gives the same two answers (any opt-in now; any opt-in this statement left as it
--    was).
--  * Half of the calls had nothing to do (the insert half when every contact already had a row, the
--    contact update that changed no flag) and still planned their dynamic statement, 1-6 ms each.
--    They now return at once when their transition tables are empty.
--  * contact_opted_in_any updated the contacts' flags through a hash join over a scan of the whole
--    contact table (16 ms per batch) and one SQL function call per contact for the flags: now by
--    the contact's key, the flags' aggregate inlined.
-- What is counted does not change.

create or replace function contact_consent_counters() returns trigger
    language plpgsql
as
$_$
declare
    new_rows text := case when tg_op = 'DELETE' then '(select * from contact_consent where false)' else 'n' end;
    old_rows text := case when tg_op = 'INSERT' then '(select * from contact_consent where false)' else 'o' end;
begin
    -- Nothing changed (the insert half of an insert ... on conflict do update whose rows all
    -- conflicted, an update that matched nothing): nothing to count, and no statement to plan.
    if tg_op = 'DELETE' then
        if not exists (select 1 from o) then
            return null;
        end if;
    elsif not exists (select 1 from n) then
        return null;
    end if;
    execute format($q$
        with per_channel as (
            select account_id, channel::text as scope, sum(sign) as delta
            from (select account_id, channel, 1 as sign from %1$s nn where nn.opted_in
                  union all
                  select account_id, channel, -1 from %2$s oo where oo.opted_in) x
            group by 1, 2
            having sum(sign) <> 0
        ),
        affected as (
            select account_id, contact_id from %1$s nn
            union
            select account_id, contact_id from %2$s oo
        ),
        per_contact as (
            select a.account_id, cur.after_any,
                   exists (select 1 from %2$s oo
                           where oo.account_id = a.account_id and oo.contact_id = a.contact_id and oo.opted_in)
                   or cur.kept_any as before_any
            from affected a
            -- The contact's rows by its key (a lateral aggregate, never a scan of the whole table).
            cross join lateral (
                select coalesce(bool_or(c.opted_in), false) as after_any,
                       coalesce(bool_or(c.opted_in
                                        and not exists (select 1 from %1$s nn
                                                        where nn.account_id = c.account_id
                                                          and nn.contact_id = c.contact_id
                                                          and nn.channel = c.channel)), false) as kept_any
                from contact_consent c
                where c.account_id = a.account_id and c.contact_id = a.contact_id
            ) cur
        ),
        any_delta as (
            select account_id, 'ANY' as scope, sum(after_any::int - before_any::int) as delta
            from per_contact group by account_id
            having sum(after_any::int - before_any::int) <> 0
        )
        insert into optin_count as t (account_id, scope, contacts)
        select account_id, scope, delta from per_channel
        union all
        select account_id, scope, delta from any_delta
        on conflict (account_id, scope) do update set contacts = t.contacts + excluded.contacts
        $q$, new_rows, old_rows);
    return null;
end;
$_$;

-- A batch's contacts are looked up by key: with a few hundred of them against a small contact
-- table the planner preferred hashing a scan of every contact (with the dead rows of these updates).
create or replace function contact_opted_in_any() returns trigger
    language plpgsql
    set enable_seqscan = off
as
$_$
declare
    affected text := case tg_op
        when 'INSERT' then 'select account_id, contact_id from n'
        when 'DELETE' then 'select account_id, contact_id from o'
        else 'select account_id, contact_id from n union select account_id, contact_id from o' end;
begin
    -- Nothing changed (the insert half of an insert ... on conflict do update whose rows all
    -- conflicted, an update that matched nothing): no contact to update, and no statement to plan.
    if tg_op = 'DELETE' then
        if not exists (select 1 from o) then
            return null;
        end if;
    elsif not exists (select 1 from n) then
        return null;
    end if;
    execute format($q$
        with a as (%s)
        update contact c
        set opted_in_sms = f.sms, opted_in_whatsapp = f.whatsapp, opted_in_viber = f.viber
        from (select distinct account_id, contact_id from a) a
        -- contact_opt_in_flags(a.account_id, a.contact_id), inlined: one call of an SQL function per
        -- contact cost more than its index lookup.
        cross join lateral (
            select coalesce(bool_or(x.channel = 'SMS'), false) as sms,
                   coalesce(bool_or(x.channel = 'WHATSAPP'), false) as whatsapp,
                   coalesce(bool_or(x.channel = 'VIBER'), false) as viber
            from contact_consent x
            where x.account_id = a.account_id and x.contact_id = a.contact_id and x.opted_in
        ) f
        where c.account_id = a.account_id and c.id = a.contact_id
          and (c.opted_in_sms, c.opted_in_whatsapp, c.opted_in_viber) is distinct from (f.sms, f.whatsapp, f.viber)
        $q$, affected);
    return null;
end;
$_$;

create or replace function contact_optin_overlap() returns trigger
    language plpgsql
as
$_$
declare
    versions text[] := '{}';
begin
    -- Nothing changed (an update that matched nothing: the opt-in flags of contact_opted_in_any
    -- when a reply repeats the contact's consent): nothing to count, and no statement to plan.
    if tg_op = 'DELETE' then
        if not exists (select 1 from o) then
            return null;
        end if;
    elsif not exists (select 1 from n) then
        return null;
    end if;
    if tg_op <> 'DELETE' then
        versions := versions || 'select account_id, opted_in_sms, opted_in_whatsapp, opted_in_viber, 1 as sign from n'::text;
    end if;
    if tg_op <> 'INSERT' then
        versions := versions || 'select account_id, opted_in_sms, opted_in_whatsapp, opted_in_viber, -1 as sign from o'::text;
    end if;
    execute format($q$
        insert into optin_overlap as t (account_id, part, contacts)
        select account_id, channel_part(opted_in_sms, opted_in_whatsapp, opted_in_viber), sum(sign)
        from (%s) version
        where opted_in_sms or opted_in_whatsapp or opted_in_viber
        group by 1, 2
        having sum(sign) <> 0
        on conflict (account_id, part) do update set contacts = t.contacts + excluded.contacts
        $q$, array_to_string(versions, ' union all '));
    return null;
end;
$_$;
