-- Unique recipients over any range: per account, local day of sending and channel, a mergeable
-- HyperLogLog sketch (Apache DataSketches, serialized) of the contacts delivered to, counted like
-- the daily rollup (no test messages, no SMS through a gateway without delivery reports). The
-- panel merges the range's sketches instead of counting distinct contacts over millions of rows.
--
-- Freshness: a fold does not touch sketches (a sketch is rebuilt from a whole day's recipients, too
-- much per callback). A statement-level trigger only marks the (account, day) of delivered
-- recipients it saw as dirty; a periodic task claims dirty days (FOR UPDATE SKIP LOCKED, so several
-- nodes share the work) and rebuilds their sketches from the raw rows in the same transaction.
create table reach_sketch (
    account_id bigint      not null references account (id),
    day        date        not null,
    channel    channel     not null,
    sketch     bytea       not null,
    -- Delivered recipients that went into it (a contact may count twice here, never in the sketch).
    recipients bigint      not null,
    built_at   timestamptz not null,
    primary key (account_id, day, channel)
);
select enable_tenant_isolation('reach_sketch');

create table reach_sketch_dirty (
    account_id bigint      not null references account (id),
    day        date        not null,
    marked_at  timestamptz not null default now(),
    primary key (account_id, day)
);
select enable_tenant_isolation('reach_sketch_dirty');

create function message_recipient_reach_days() returns trigger
    language plpgsql as
$$
begin
    -- New versions of inserted and updated rows, old versions of deleted ones.
    execute format($q$
        insert into reach_sketch_dirty as d (account_id, day)
        select distinct changed.account_id, (changed.sent_at at time zone a.time_zone)::date
        from %I changed
        join account a on a.id = changed.account_id
        where changed.delivered_at is not null and changed.sent_at is not null
        on conflict (account_id, day) do nothing
        $q$, case when tg_op = 'DELETE' then 'o' else 'n' end);
    return null;
end;
$$;

-- Marks every day of one account with delivered traffic, so the task rebuilds all its sketches
-- (after a bulk load with the triggers off, or for data older than this table). Reads the rollup.
create function mark_reach_days(p_account_id bigint) returns void
    language sql as
$$
insert into reach_sketch_dirty (account_id, day)
select distinct account_id, day from stats_daily where account_id = p_account_id and delivered > 0
on conflict (account_id, day) do nothing;
$$;

select create_transition_triggers('message_recipient', 'message_recipient_reach_days');

-- Existing traffic: its days wait for the task (no recipient row is read here).
select set_config('app.all_accounts', 'on', true);
select mark_reach_days(id) from account;
