-- A day's unique-recipient sketch was rebuilt from all the day's delivered recipients whenever a
-- recipient started counting there. A busy day's first deliveries arrive all day long, so today was
-- marked again in every minute and rebuilt from everything delivered since midnight: over a day of
-- R deliveries the sketch round read about 720 · R rows, a cost per delivery report that grew with
-- the day. A new delivery is now queued with its contact (reach_delivery) and its day marked for a
-- merge only; the round adds the queued contacts to the day's sketch (a HyperLogLog add is exact
-- and idempotent). A recipient that stops counting on a day (its delivery withdrawn, its send time
-- moved away) marks the day for a rebuild as before, as do inserts and deletes: a sketch cannot
-- forget a contact.
select set_config('app.all_accounts', 'on', true);

create table reach_delivery (
    account_id bigint not null,
    day        date   not null,
    message_id bigint not null,
    contact_id bigint not null
);

comment on table reach_delivery is
    'Recipients delivered for the first time (or moved to this local send day), waiting to be added to the day''s sketch; '
        'read whole per claimed day, so no index';

alter table reach_delivery enable row level security;
alter table reach_delivery force row level security;
create policy tenant_isolation on reach_delivery
    using (account_id = (select app_account_id()) or (select app_all_accounts()))
    with check (account_id = (select app_account_id()) or (select app_all_accounts()));

-- Marks made before this version came from any change: rebuild them.
alter table reach_sketch_dirty add column rebuild boolean not null default true;

comment on column reach_sketch_dirty.rebuild is
    'true: rebuild the day from its recipients; false: only add its queued deliveries (reach_delivery)';

-- Written by the rebuild only and read by nothing since the panel merges sketches.
alter table reach_sketch drop column recipients;

create or replace function message_recipient_reach_days() returns trigger
    language plpgsql
as
$$
begin
    if tg_op = 'UPDATE' then
        -- Planned per statement (as the other triggers' statements): the planner then knows how many
        -- rows the transition tables hold and joins them by hash, not row by row.
        execute $q$
            with changed as (
                select c.account_id, (c.sent_at at time zone a.time_zone)::date as day,
                       c.stops, c.message_id, c.contact_id
                from (select o.account_id, o.sent_at, true as stops, o.message_id, o.contact_id
                      from o
                      left join n on n.account_id = o.account_id and n.message_id = o.message_id
                                 and n.contact_id = o.contact_id
                      where o.delivered_at is not null and o.sent_at is not null
                        and (n.delivered_at is null or n.sent_at is distinct from o.sent_at)
                      union all
                      select n.account_id, n.sent_at, false, n.message_id, n.contact_id
                      from n
                      left join o on o.account_id = n.account_id and o.message_id = n.message_id
                                 and o.contact_id = n.contact_id
                      where n.delivered_at is not null and n.sent_at is not null
                        and (o.delivered_at is null or o.sent_at is distinct from n.sent_at)) c
                join account a on a.id = c.account_id
            ), queued as (
                insert into reach_delivery (account_id, day, message_id, contact_id)
                select account_id, day, message_id, contact_id from changed where not stops
            )
            insert into reach_sketch_dirty as d (account_id, day, rebuild)
            select account_id, day, bool_or(stops) from changed group by account_id, day
            -- Locks an existing mark even when nothing changes: a round that claims marks skips it,
            -- and one that claimed it already makes this statement wait for its commit.
            on conflict (account_id, day) do update set rebuild = true where excluded.rebuild and not d.rebuild
            $q$;
    else
        execute format('insert into reach_sketch_dirty as d (account_id, day) '
                       'select distinct c.account_id, (c.sent_at at time zone a.time_zone)::date '
                       'from %I c join account a on a.id = c.account_id '
                       'where c.delivered_at is not null and c.sent_at is not null '
                       'on conflict (account_id, day) do update set rebuild = true where not d.rebuild',
                       case when tg_op = 'DELETE' then 'o' else 'n' end);
    end if;
    return null;
end;
$$;
