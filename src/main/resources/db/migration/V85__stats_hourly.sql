-- The "when to send" heat map: outcomes of the recipients sent in one local hour of one local day
-- of the account, per channel, so that any range's weekday x hour grid is a sum over at most
-- 24 rows a day and a channel instead of a scan of raw recipients. Only traffic the statistics
-- count: no test messages, no SMS through gateways without delivery callbacks (they report no
-- deliveries, so they have no rate per delivered).
--
-- Maintained like stats_daily (V2): a statement-level trigger with transition tables turns every
-- insert, update or delete of recipients into one set-based delta per rollup row, in the same
-- transaction, writing only where a count really changed. stats_hourly_recount computes the same
-- from the raw rows; rebuild_stats_hourly() replaces the maintained rows with it (and
-- rebuild_counters() now calls it, so every bulk load that rebuilds the counters rebuilds this too).

create table stats_hourly (
    account_id bigint   not null references account (id),
    day        date     not null,
    hour       smallint not null check (hour between 0 and 23),
    channel    channel  not null,
    sent       bigint   not null default 0,
    delivered  bigint   not null default 0,
    opened     bigint   not null default 0,
    clicked    bigint   not null default 0,
    primary key (account_id, day, hour, channel)
);

create view stats_hourly_recount as
select r.account_id,
       (r.sent_at at time zone a.time_zone)::date                       as day,
       extract(hour from r.sent_at at time zone a.time_zone)::smallint  as hour,
       m.channel,
       count(*)                                                         as sent,
       count(r.delivered_at)                                            as delivered,
       count(r.opened_at)                                               as opened,
       count(r.clicked_at)                                              as clicked
from message_recipient r
         join message m on m.account_id = r.account_id and m.id = r.message_id
         join account a on a.id = r.account_id
         left join sms_gateway g on g.account_id = m.account_id and g.id = m.gateway_id
where r.sent_at is not null
  and m.type <> 'TEST'
  and coalesce(g.supports_callbacks, true)
group by 1, 2, 3, 4;

create function message_recipient_hourly() returns trigger
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
        per_hour as (
            select v.account_id,
                   (v.sent_at at time zone a.time_zone)::date                      as day,
                   extract(hour from v.sent_at at time zone a.time_zone)::smallint as hour,
                   m.channel,
                   sum(v.sign)                                                     as s,
                   sum(v.sign * (v.delivered_at is not null)::int)                 as dl,
                   sum(v.sign * (v.opened_at is not null)::int)                    as op,
                   sum(v.sign * (v.clicked_at is not null)::int)                   as cl
            from v
                     join message m on m.account_id = v.account_id and m.id = v.message_id
                     join account a on a.id = v.account_id
                     left join sms_gateway g on g.account_id = m.account_id and g.id = m.gateway_id
            where v.sent_at is not null
              and m.type <> 'TEST'
              and coalesce(g.supports_callbacks, true)
            group by 1, 2, 3, 4
            having sum(v.sign) <> 0 or sum(v.sign * (v.delivered_at is not null)::int) <> 0
                or sum(v.sign * (v.opened_at is not null)::int) <> 0
                or sum(v.sign * (v.clicked_at is not null)::int) <> 0
        )
        insert into stats_hourly as t (account_id, day, hour, channel, sent, delivered, opened, clicked)
        select account_id, day, hour, channel, s, dl, op, cl from per_hour
        on conflict (account_id, day, hour, channel) do update
            set sent = t.sent + excluded.sent, delivered = t.delivered + excluded.delivered,
                opened = t.opened + excluded.opened, clicked = t.clicked + excluded.clicked
        $q$, src);
    return null;
end;
$$;

create trigger message_recipient_hourly_ins after insert on message_recipient
    referencing new table as n for each statement execute function message_recipient_hourly();
create trigger message_recipient_hourly_upd after update on message_recipient
    referencing old table as o new table as n for each statement execute function message_recipient_hourly();
create trigger message_recipient_hourly_del after delete on message_recipient
    referencing old table as o for each statement execute function message_recipient_hourly();

-- Replaces the hourly rollup of one account with a recount from the raw rows.
create function rebuild_stats_hourly(p_account_id bigint) returns void
    language plpgsql as
$$
begin
    delete from stats_hourly where account_id = p_account_id;
    insert into stats_hourly (account_id, day, hour, channel, sent, delivered, opened, clicked)
    select account_id, day, hour, channel, sent, delivered, opened, clicked
    from stats_hourly_recount where account_id = p_account_id;
end;
$$;

-- rebuild_counters (V2) as before, and the hourly rollup with it.
create or replace function rebuild_counters(p_account_id bigint) returns void
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

    perform rebuild_stats_hourly(p_account_id);
end;
$$;

alter table stats_hourly enable row level security;
alter table stats_hourly force row level security;
create policy tenant_isolation on stats_hourly
    using (account_id = (select app_account_id()) or (select app_all_accounts()))
    with check (account_id = (select app_account_id()) or (select app_all_accounts()));
