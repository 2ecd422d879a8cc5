-- V90 kept the revenue rollups with one trigger function for insert, update and delete that built its
-- statement as text (EXECUTE format), so PostgreSQL planned it afresh on every firing — and every
-- re-attribution fires all three (its delete and its insert ... on conflict do update), mostly with
-- no row: ~18 ms of planning per order batch in pg_stat_statements, six times the re-attribution
-- itself. Now the triggers hand their rows as arrays to one SQL function whose plan is cached, and
-- skip the call when there are none.

-- The rows of the statement, as arrays (each statement names only the transition tables its event has).
create function order_attribution_revenue() returns trigger
    language plpgsql as
$$
declare
    added order_attribution[] := '{}';
    removed order_attribution[] := '{}';
begin
    if tg_op <> 'DELETE' then added := array(select n::order_attribution from n); end if;
    if tg_op <> 'INSERT' then removed := array(select o::order_attribution from o); end if;
    if cardinality(added) + cardinality(removed) > 0 then
        perform revenue_rollups_add(added, removed);
    end if;
    return null;
end;
$$;

-- Adds the attribution rows p_added to the revenue rollups and takes p_removed away (an update passes
-- both, so a credit that did not move cancels out and its rollup rows are not written).
create function revenue_rollups_add(p_added order_attribution[], p_removed order_attribution[]) returns void
    language sql as
$$
with v as (select a.*, 1 as sign from unnest(p_added) a
           union all
           select r.*, -1 from unnest(p_removed) r),
sums as (select account_id, message_id, day, channel, type, counted, sum(sign) as orders,
                sum(sign * coalesce(revenue_minor, 0)) as revenue,
                coalesce(sum(sign) filter (where revenue_minor is null), 0) as unconverted
         from v group by account_id, message_id, day, channel, type, counted),
daily as (
    insert into revenue_daily as t (account_id, day, channel, type, counted, orders, revenue_minor, unconverted)
    select account_id, day, channel, type, counted, sum(orders), sum(revenue), sum(unconverted)
    from sums group by account_id, day, channel, type, counted
    having (sum(orders), sum(revenue), sum(unconverted)) <> (0, 0, 0)
    order by account_id, day, channel, type, counted
    on conflict (account_id, day, channel, type, counted) do update
        set orders = t.orders + excluded.orders, revenue_minor = t.revenue_minor + excluded.revenue_minor,
            unconverted = t.unconverted + excluded.unconverted)
insert into message_revenue as t (account_id, message_id, orders, revenue_minor, unconverted)
select s.account_id, s.message_id, sum(s.orders), sum(s.revenue), sum(s.unconverted)
from sums s
where exists (select 1 from message m where m.account_id = s.account_id and m.id = s.message_id)
group by s.account_id, s.message_id
having (sum(s.orders), sum(s.revenue), sum(s.unconverted)) <> (0, 0, 0)
order by s.account_id, s.message_id
on conflict (account_id, message_id) do update
    set orders = t.orders + excluded.orders, revenue_minor = t.revenue_minor + excluded.revenue_minor,
        unconverted = t.unconverted + excluded.unconverted;
$$;

drop trigger order_attribution_rollups_ins on order_attribution;
drop trigger order_attribution_rollups_upd on order_attribution;
drop trigger order_attribution_rollups_del on order_attribution;
drop function order_attribution_rollups();

create trigger order_attribution_revenue_ins after insert on order_attribution
    referencing new table as n for each statement execute function order_attribution_revenue();
create trigger order_attribution_revenue_upd after update on order_attribution
    referencing old table as o new table as n for each statement execute function order_attribution_revenue();
create trigger order_attribution_revenue_del after delete on order_attribution
    referencing old table as o for each statement execute function order_attribution_revenue();

-- The re-attribution's own statement was planned on every call too (~5 ms per order batch, a custom
-- plan for each array of contacts); its generic plan is the same index walk for any contacts.
alter function reattribute(bigint, bigint[]) set plan_cache_mode = force_generic_plan;
