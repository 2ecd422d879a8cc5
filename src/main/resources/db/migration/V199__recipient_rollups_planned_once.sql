-- V197 wrote the recipients' rollups from one statement, run with EXECUTE because its source of
-- signed versions depends on the trigger's operation (an insert has no old table, a delete no new
-- one). EXECUTE plans the statement afresh on every call: at 5 000 callbacks/s pg_stat_statements had
-- 5.3 ms of planning per fold batch against 16 ms of execution (docs/benchmarks.md).
--
-- Each operation now has a function of its own with the statement written in it, which PL/pgSQL
-- prepares once per connection and trigger, and reuses. The functions are made from one text
-- below, so the statement is still written once. What the statement adds is unchanged, with one
-- difference in how it reads the message: a reused plan was made for the number of versions of its
-- first call, which may be one recipient or a million. A join whose method follows that estimate
-- (a hash of the whole message table for a large first call) would be wrong for the calls after it,
-- so each version looks its message, account and gateway up by key (a lateral subquery with a limit,
-- which the planner keeps as a parameterized lookup), whatever the plan's estimate.

drop trigger message_recipient_rollups_ins on message_recipient;
drop trigger message_recipient_rollups_upd on message_recipient;
drop trigger message_recipient_rollups_del on message_recipient;
drop function message_recipient_rollups();

do
$do$
declare
    -- %s: the signed versions, one row per old (-1) and new (+1) version of a changed recipient;
    -- an unchanged recipient cancels out.
    rollups constant text := $q$
    with v as materialized (
        select v.*, k.channel, k.gateway_id, k.type, k.counted, v.sent_at at time zone k.time_zone as local_sent
        from (%s) v
        -- by key for each version, whatever the number of versions the plan was made for
        cross join lateral (
            select m.channel, m.gateway_id, m.type, coalesce(g.supports_callbacks, true) as counted, a.time_zone
            from message m
            join account a on a.id = m.account_id
            left join sms_gateway g on g.account_id = m.account_id and g.id = m.gateway_id
            where m.account_id = v.account_id and m.id = v.message_id
            limit 1) k
    ),
    d as (
        select v.account_id, v.message_id, v.sent_at, v.local_sent, v.channel, v.type, v.counted,
               v.sign                                                                   as recipients,
               v.sign * (v.sent_at is not null)::int                                    as sent,
               v.sign * (v.delivered_at is not null)::int                               as delivered,
               v.sign * (v.opened_at is not null)::int                                  as opened,
               v.sign * (v.clicked_at is not null)::int                                 as clicked,
               v.sign * (v.failed_at is not null and v.delivered_at is null)::int       as failed,
               v.sign * billed_micros(v.sent_at, v.delivered_at, v.cost, v.cost_undelivered) as micros,
               v.sign * (v.sent_at is not null and v.cost is null)::int                 as unpriced
        from v
    ),
    per_message as materialized (
        select account_id, message_id, sum(recipients) as r, sum(sent) as s, sum(delivered) as dl,
               sum(opened) as op, sum(clicked) as cl, sum(failed) as f, sum(micros) as micros,
               sum(unpriced) as unpriced
        from d
        group by account_id, message_id
    ),
    message_stats_rows as (
        insert into message_stats as t (account_id, message_id, recipients, sent, delivered, opened, clicked, failed)
        select account_id, message_id, r, s, dl, op, cl, f
        from per_message
        where r <> 0 or s <> 0 or dl <> 0 or op <> 0 or cl <> 0 or f <> 0
        on conflict (account_id, message_id) do update
            set recipients = t.recipients + excluded.recipients, sent = t.sent + excluded.sent,
                delivered = t.delivered + excluded.delivered, opened = t.opened + excluded.opened,
                clicked = t.clicked + excluded.clicked, failed = t.failed + excluded.failed
    ),
    message_cost_rows as (
        insert into message_cost as t (account_id, message_id, cost_micros, unpriced)
        select account_id, message_id, micros, unpriced
        from per_message
        where micros <> 0 or unpriced <> 0
        order by 1, 2
        on conflict (account_id, message_id) do update
            set cost_micros = t.cost_micros + excluded.cost_micros, unpriced = t.unpriced + excluded.unpriced
    ),
    per_day as materialized (
        select account_id, local_sent::date as day, channel, type, counted,
               sum(sent) as s, sum(delivered) as dl, sum(opened) as op, sum(clicked) as cl, sum(failed) as f,
               sum(micros) as micros, sum(unpriced) as unpriced
        from d
        where sent_at is not null
        group by 1, 2, 3, 4, 5
    ),
    stats_daily_rows as (
        insert into stats_daily as t (account_id, day, channel, type, counted, sent, delivered, opened, clicked, failed)
        select account_id, day, channel, type, counted, s, dl, op, cl, f
        from per_day
        where s <> 0 or dl <> 0 or op <> 0 or cl <> 0 or f <> 0
        on conflict (account_id, day, channel, type, counted) do update
            set sent = t.sent + excluded.sent, delivered = t.delivered + excluded.delivered,
                opened = t.opened + excluded.opened, clicked = t.clicked + excluded.clicked,
                failed = t.failed + excluded.failed
    ),
    cost_daily_rows as (
        insert into cost_daily as t (account_id, day, channel, type, counted, cost_micros, unpriced)
        select account_id, day, channel, type, counted, micros, unpriced
        from per_day
        where micros <> 0 or unpriced <> 0
        order by 1, 2, 3, 4, 5
        on conflict (account_id, day, channel, type, counted) do update
            set cost_micros = t.cost_micros + excluded.cost_micros, unpriced = t.unpriced + excluded.unpriced
    ),
    -- The hourly counts leave out test messages and gateways without delivery reports.
    per_hour as (
        select account_id, local_sent::date as day, extract(hour from local_sent)::smallint as hour, channel,
               sum(sent) as s, sum(delivered) as dl, sum(opened) as op, sum(clicked) as cl
        from d
        where sent_at is not null and type <> 'TEST' and counted
        group by 1, 2, 3, 4
        having sum(sent) <> 0 or sum(delivered) <> 0 or sum(opened) <> 0 or sum(clicked) <> 0
    ),
    stats_hourly_rows as (
        insert into stats_hourly as t (account_id, day, hour, channel, sent, delivered, opened, clicked)
        select account_id, day, hour, channel, s, dl, op, cl
        from per_hour
        on conflict (account_id, day, hour, channel) do update
            set sent = t.sent + excluded.sent, delivered = t.delivered + excluded.delivered,
                opened = t.opened + excluded.opened, clicked = t.clicked + excluded.clicked
    ),
    failures as (
        select account_id, message_id, coalesce(error_code, '') as error_code,
               coalesce(error_permanent, false) as permanent, sum(sign) as n
        from v
        where failed_at is not null and delivered_at is null
        group by 1, 2, 3, 4
        having sum(sign) <> 0
    ),
    failure_rows as (
        insert into message_failure_stats as t (account_id, message_id, error_code, permanent, recipients)
        select account_id, message_id, error_code, permanent, n
        from failures
        on conflict (account_id, message_id, error_code, permanent) do update
            set recipients = t.recipients + excluded.recipients
    ),
    -- Delivery latency (sent to delivered) and read latency (delivered to opened).
    latencies as (
        select v.account_id, v.message_id, l.kind,
               analytics_latency_bucket(extract(epoch from l.to_at - l.from_at)::float8) as bucket,
               sum(v.sign) as n
        from v
        cross join lateral (values ('DELIVERY', v.sent_at, v.delivered_at),
                                   ('READ', v.delivered_at, v.opened_at)) l (kind, from_at, to_at)
        where l.from_at is not null and l.to_at is not null
        group by 1, 2, 3, 4
        having sum(v.sign) <> 0
    ),
    latency_rows as (
        insert into message_latency_histogram as t (account_id, message_id, kind, bucket, recipients)
        select account_id, message_id, kind, bucket, n
        from latencies
        on conflict (account_id, message_id, kind, bucket) do update
            set recipients = t.recipients + excluded.recipients
    ),
    events as (
        select v.account_id, v.message_id, analytics_hour(e.at) as hour,
               v.sign * e.d as d, v.sign * e.o as o, v.sign * e.c as c
        from v
        cross join lateral (values (v.delivered_at, 1, 0, 0), (v.opened_at, 0, 1, 0),
                                   (v.clicked_at, 0, 0, 1)) e (at, d, o, c)
        where e.at is not null
    ),
    timeline_rows as (
        insert into message_timeline as t (account_id, message_id, hour, delivered, opened, clicked)
        select account_id, message_id, hour, sum(d), sum(o), sum(c)
        from events
        group by 1, 2, 3
        having sum(d) <> 0 or sum(o) <> 0 or sum(c) <> 0
        on conflict (account_id, message_id, hour) do update
            set delivered = t.delivered + excluded.delivered, opened = t.opened + excluded.opened,
                clicked = t.clicked + excluded.clicked
    ),
    -- The integrations' activity: per 5-minute bucket of the send time, and per error code of
    -- the failures; test messages and gateways without delivery reports left out.
    activity as (
        select account_id, message_provider(channel, gateway_id) as integration,
               activity_bucket(sent_at) as bucket,
               case when grouping(code) = 1 then '' else code end as error_code,
               case when grouping(code) = 1 then sum(sign) else 0 end as sent,
               case when grouping(code) = 1
                    then coalesce(sum(sign) filter (where delivered_at is not null), 0) else 0 end as delivered,
               coalesce(sum(sign) filter (where failed_at is not null and delivered_at is null), 0) as failed,
               grouping(code) as whole
        from (select v.*, coalesce(v.error_code, '') as code from v) v
        where sent_at is not null and type <> 'TEST' and counted
        group by grouping sets ((account_id, channel, gateway_id, activity_bucket(sent_at)),
                                (account_id, channel, gateway_id, activity_bucket(sent_at), code))
    )
    insert into integration_activity as t (account_id, integration, bucket, error_code, sent, delivered, failed)
    select account_id, integration, bucket, error_code, sent, delivered, failed
    from activity
    where (whole = 1 and (sent, delivered, failed) <> (0, 0, 0))
       or (whole = 0 and error_code <> '' and failed <> 0)
    on conflict (account_id, integration, bucket, error_code) do update
        set sent = t.sent + excluded.sent, delivered = t.delivered + excluded.delivered,
            failed = t.failed + excluded.failed
$q$;
    op record;
begin
    for op in
        select *
        from (values ('ins', 'insert', 'new table as n', 'select n.*, 1 as sign from n'),
                     ('upd', 'update', 'old table as o new table as n',
                      'select n.*, 1 as sign from n union all select o.*, -1 from o'),
                     ('del', 'delete', 'old table as o', 'select o.*, -1 as sign from o'))
             t (suffix, event, transition_tables, versions)
    loop
        execute format('create function message_recipient_rollups_%s() returns trigger language plpgsql as %L',
                       op.suffix, format('begin %s; return null; end', format(rollups, op.versions)));
        execute format('create trigger message_recipient_rollups_%1$s after %2$s on message_recipient '
                       'referencing %3$s for each statement execute function message_recipient_rollups_%1$s()',
                       op.suffix, op.event, op.transition_tables);
    end loop;
end
$do$;
