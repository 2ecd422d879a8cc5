-- A day's unique-recipient sketch holds the contacts of the recipients sent that day (in the
-- account's time zone) and delivered. Every update of a recipient marked the day of its send time
-- dirty, and the sketch round then rebuilt that day from all of its recipients. So the opens, clicks
-- and read reports that trickle in for days after a send kept rebuilding those days every minute,
-- though none of them changes who counts on which day. An update now marks a day only when a
-- recipient starts or stops counting there: it is delivered for the first time, or its send time moves
-- (both the day it leaves and the day it joins; before, only the new one was marked). Inserts and
-- deletes mark their days as before. What the sketches hold does not change.

create or replace function message_recipient_reach_days() returns trigger
    language plpgsql
as
$$
begin
    if tg_op = 'UPDATE' then
        -- Planned per statement (as the other triggers' statements): the planner then knows how many
        -- rows the transition tables hold and joins them by hash, not row by row.
        execute $q$
            insert into reach_sketch_dirty as d (account_id, day)
            select distinct c.account_id, (c.sent_at at time zone a.time_zone)::date
            from (select o.account_id, o.sent_at
                  from o
                  left join n on n.account_id = o.account_id and n.message_id = o.message_id
                             and n.contact_id = o.contact_id
                  where o.delivered_at is not null and o.sent_at is not null
                    and (n.delivered_at is null or n.sent_at is distinct from o.sent_at)
                  union all
                  select n.account_id, n.sent_at
                  from n
                  left join o on o.account_id = n.account_id and o.message_id = n.message_id
                             and o.contact_id = n.contact_id
                  where n.delivered_at is not null and n.sent_at is not null
                    and (o.delivered_at is null or o.sent_at is distinct from n.sent_at)) c
            join account a on a.id = c.account_id
            on conflict (account_id, day) do update set marked_at = d.marked_at where false
            $q$;
    else
        execute format('insert into reach_sketch_dirty as d (account_id, day) '
                       'select distinct c.account_id, (c.sent_at at time zone a.time_zone)::date '
                       'from %I c join account a on a.id = c.account_id '
                       'where c.delivered_at is not null and c.sent_at is not null '
                       'on conflict (account_id, day) do update set marked_at = d.marked_at where false',
                       case when tg_op = 'DELETE' then 'o' else 'n' end);
    end if;
    return null;
end;
$$;
