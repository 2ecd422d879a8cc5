-- A fold that delivers to a day whose mark already exists now locks that mark until it commits.
-- Before, "do nothing" left the mark unlocked: the sketch task could claim it meanwhile, rebuild the
-- day without the fold's uncommitted deliveries and delete the mark, and the fold's deliveries stayed
-- out of the sketch for good. The task claims with SKIP LOCKED, so it now passes over the mark and
-- rebuilds the day in a later round. "where false" locks the row without writing a new version.
create or replace function message_recipient_reach_days() returns trigger
    language plpgsql as
$$
begin
    execute format('insert into reach_sketch_dirty as d (account_id, day) '
                   'select distinct c.account_id, (c.sent_at at time zone a.time_zone)::date '
                   'from %I c join account a on a.id = c.account_id '
                   'where c.delivered_at is not null and c.sent_at is not null '
                   'on conflict (account_id, day) do update set marked_at = d.marked_at where false',
                   case when tg_op = 'DELETE' then 'o' else 'n' end);
    return null;
end;
$$;
