-- Counters and rollups follow the raw rows by themselves: statement-level triggers with
-- transition tables turn every insert, update or delete of recipients and consents into one
-- set-based delta per counter row, in the same transaction, and write only where a count really
-- changed (a duplicate or stale event that leaves a recipient as it was changes nothing).
--
-- The *_recount views compute the same figures from the raw rows; rebuild_counters() replaces
-- the maintained figures with them, and tests compare the two.

-- Recount views -------------------------------------------------------------------------------

create view message_stats_recount as
select r.account_id,
       r.message_id,
       count(*)                                                         as recipients,
       count(r.sent_at)                                                 as sent,
       count(r.delivered_at)                                            as delivered,
       count(r.opened_at)                                               as opened,
       count(r.clicked_at)                                              as clicked,
       count(*) filter (where r.failed_at is not null and r.delivered_at is null) as failed
from message_recipient r
group by r.account_id, r.message_id;

create view stats_daily_recount as
select r.account_id,
       (r.sent_at at time zone a.time_zone)::date                       as day,
       m.channel,
       m.type,
       coalesce(g.supports_callbacks, true)                             as counted,
       count(*)                                                         as sent,
       count(r.delivered_at)                                            as delivered,
       count(r.opened_at)                                               as opened,
       count(r.clicked_at)                                              as clicked,
       count(*) filter (where r.failed_at is not null and r.delivered_at is null) as failed
from message_recipient r
         join message m on m.account_id = r.account_id and m.id = r.message_id
         join account a on a.id = r.account_id
         left join sms_gateway g on g.account_id = m.account_id and g.id = m.gateway_id
where r.sent_at is not null
group by 1, 2, 3, 4, 5;

create view optin_count_recount as
select c.account_id, c.channel::text as scope, count(*) as contacts
from contact_consent c
where c.opted_in
group by c.account_id, c.channel
union all
select c.account_id, 'ANY', count(distinct c.contact_id)
from contact_consent c
where c.opted_in
group by c.account_id;

-- Recipient deltas ----------------------------------------------------------------------------

create function message_recipient_counters() returns trigger
    language plpgsql as
$$
declare
    src text;
begin
    -- One signed row per old and new recipient version; an unchanged recipient cancels out.
    src := case tg_op
        when 'INSERT' then 'select n.*, 1 as sign from n'
        when 'DELETE' then 'select o.*, -1 as sign from o'
        else 'select n.*, 1 as sign from n union all select o.*, -1 from o' end;

    execute format($q$
        with v as (%s),
        d as (
            select v.account_id, v.message_id, v.sent_at,
                   v.sign                                                               as recipients,
                   v.sign * (v.sent_at is not null)::int                                as sent,
                   v.sign * (v.delivered_at is not null)::int                           as delivered,
                   v.sign * (v.opened_at is not null)::int                              as opened,
                   v.sign * (v.clicked_at is not null)::int                             as clicked,
                   v.sign * (v.failed_at is not null and v.delivered_at is null)::int   as failed
            from v
        ),
        per_message as (
            select account_id, message_id, sum(recipients) r, sum(sent) s, sum(delivered) dl,
                   sum(opened) op, sum(clicked) cl, sum(failed) f
            from d group by account_id, message_id
            having sum(recipients) <> 0 or sum(sent) <> 0 or sum(delivered) <> 0 or sum(opened) <> 0
                or sum(clicked) <> 0 or sum(failed) <> 0
        ),
        upsert_message as (
            insert into message_stats as t (account_id, message_id, recipients, sent, delivered, opened, clicked, failed)
            select p.account_id, p.message_id, p.r, p.s, p.dl, p.op, p.cl, p.f
            from per_message p
            where exists (select 1 from message m where m.account_id = p.account_id and m.id = p.message_id)
            on conflict (account_id, message_id) do update
                set recipients = t.recipients + excluded.recipients, sent = t.sent + excluded.sent,
                    delivered = t.delivered + excluded.delivered, opened = t.opened + excluded.opened,
                    clicked = t.clicked + excluded.clicked, failed = t.failed + excluded.failed
        ),
        per_day as (
            select d.account_id, (d.sent_at at time zone a.time_zone)::date as day, m.channel, m.type,
                   coalesce(g.supports_callbacks, true) as counted,
                   sum(d.sent) s, sum(d.delivered) dl, sum(d.opened) op, sum(d.clicked) cl, sum(d.failed) f
            from d
                     join message m on m.account_id = d.account_id and m.id = d.message_id
                     join account a on a.id = d.account_id
                     left join sms_gateway g on g.account_id = m.account_id and g.id = m.gateway_id
            where d.sent_at is not null
            group by 1, 2, 3, 4, 5
            having sum(d.sent) <> 0 or sum(d.delivered) <> 0 or sum(d.opened) <> 0 or sum(d.clicked) <> 0
                or sum(d.failed) <> 0
        )
        insert into stats_daily as t (account_id, day, channel, type, counted, sent, delivered, opened, clicked, failed)
        select account_id, day, channel, type, counted, s, dl, op, cl, f from per_day
        on conflict (account_id, day, channel, type, counted) do update
            set sent = t.sent + excluded.sent, delivered = t.delivered + excluded.delivered,
                opened = t.opened + excluded.opened, clicked = t.clicked + excluded.clicked,
                failed = t.failed + excluded.failed
        $q$, src);
    return null;
end;
$$;

create trigger message_recipient_counters_ins after insert on message_recipient
    referencing new table as n for each statement execute function message_recipient_counters();
create trigger message_recipient_counters_upd after update on message_recipient
    referencing old table as o new table as n for each statement execute function message_recipient_counters();
create trigger message_recipient_counters_del after delete on message_recipient
    referencing old table as o for each statement execute function message_recipient_counters();

-- Consent deltas ------------------------------------------------------------------------------

create function contact_consent_counters() returns trigger
    language plpgsql as
$$
declare
    new_rows text := case when tg_op = 'DELETE' then '(select * from contact_consent where false)' else 'n' end;
    old_rows text := case when tg_op = 'INSERT' then '(select * from contact_consent where false)' else 'o' end;
begin
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
            select a.account_id,
                   exists (select 1 from contact_consent c
                           where c.account_id = a.account_id and c.contact_id = a.contact_id and c.opted_in) as after_any,
                   exists (select 1 from %2$s oo
                           where oo.account_id = a.account_id and oo.contact_id = a.contact_id and oo.opted_in)
                   or exists (select 1 from contact_consent c
                              where c.account_id = a.account_id and c.contact_id = a.contact_id and c.opted_in
                                and not exists (select 1 from %1$s nn
                                                where nn.account_id = c.account_id and nn.contact_id = c.contact_id
                                                  and nn.channel = c.channel)) as before_any
            from affected a
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
$$;

create trigger contact_consent_counters_ins after insert on contact_consent
    referencing new table as n for each statement execute function contact_consent_counters();
create trigger contact_consent_counters_upd after update on contact_consent
    referencing old table as o new table as n for each statement execute function contact_consent_counters();
create trigger contact_consent_counters_del after delete on contact_consent
    referencing old table as o for each statement execute function contact_consent_counters();

-- Rebuild -------------------------------------------------------------------------------------

-- Replaces the maintained figures of one account with a recount from the raw rows.
create function rebuild_counters(p_account_id bigint) returns void
    language plpgsql as
$$
begin
    delete from message_stats where account_id = p_account_id;
    insert into message_stats (account_id, message_id, recipients, sent, delivered, opened, clicked, failed)
    select account_id, message_id, recipients, sent, delivered, opened, clicked, failed
    from message_stats_recount where account_id = p_account_id;

    delete from stats_daily where account_id = p_account_id;
    insert into stats_daily (account_id, day, channel, type, counted, sent, delivered, opened, clicked, failed)
    select account_id, day, channel, type, counted, sent, delivered, opened, clicked, failed
    from stats_daily_recount where account_id = p_account_id;

    delete from optin_count where account_id = p_account_id;
    insert into optin_count (account_id, scope, contacts)
    select account_id, scope, contacts from optin_count_recount where account_id = p_account_id;
end;
$$;
