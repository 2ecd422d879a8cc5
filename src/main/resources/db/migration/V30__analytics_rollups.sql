-- Rollups behind the analytics page of one message, so the page never counts raw recipient rows:
-- failure groups, a latency histogram, an hourly timeline, and clicks per link with their clickers.
-- They follow the raw rows exactly like the counters of V2: statement-level triggers with
-- transition tables fold every insert, update or delete into one set-based delta per rollup row,
-- in the same transaction; an unchanged recipient cancels out and writes nothing.
-- The *_recount views compute the same figures from the raw rows; rebuild_analytics() replaces the
-- maintained figures with them, and tests compare the two. Rows whose count fell to zero may stay
-- (like message_stats); readers and comparisons skip them.

-- Latency buckets: logarithmic, 5 % wide, so a percentile read from the histogram is within about
-- 2.5 % of the exact value. Bucket 0 holds [0, 0.1 s); bucket b >= 1 holds
-- [0.1 * 1.05^(b-1), 0.1 * 1.05^b) seconds. Negative latencies (clock skew) fall into bucket 0.
create function analytics_latency_bucket(seconds double precision) returns integer
    language sql immutable parallel safe
    return case when seconds < 0.1 then 0 else 1 + floor(ln(seconds / 0.1) / ln(1.05))::integer end;

-- Timeline hours are UTC hours, independent of the session's time zone.
create function analytics_hour(t timestamptz) returns timestamptz
    language sql immutable parallel safe
    return date_bin(interval '1 hour', t, timestamptz '2000-01-01 00:00:00+00');

-- Tables --------------------------------------------------------------------------------------

-- Undelivered recipients (failed and not delivered) per reason. error_code '' = none given,
-- permanent false = temporary or unknown.
create table message_failure_stats (
    account_id bigint  not null,
    message_id bigint  not null,
    error_code text    not null,
    permanent  boolean not null,
    recipients bigint  not null default 0,
    primary key (account_id, message_id, error_code, permanent),
    foreign key (account_id, message_id) references message (account_id, id) on delete cascade
);

-- Recipients per latency bucket: DELIVERY = sent -> delivered, READ = delivered -> opened.
create table message_latency_histogram (
    account_id bigint  not null,
    message_id bigint  not null,
    kind       text    not null check (kind in ('DELIVERY', 'READ')),
    bucket     integer not null,
    recipients bigint  not null default 0,
    primary key (account_id, message_id, kind, bucket),
    foreign key (account_id, message_id) references message (account_id, id) on delete cascade
);

-- First deliveries, opens and clicks of recipients per UTC hour; the page folds hours after the
-- first three days into days.
create table message_timeline (
    account_id bigint      not null,
    message_id bigint      not null,
    hour       timestamptz not null,
    delivered  bigint      not null default 0,
    opened     bigint      not null default 0,
    clicked    bigint      not null default 0,
    primary key (account_id, message_id, hour),
    foreign key (account_id, message_id) references message (account_id, id) on delete cascade
);

-- One row per contact who clicked a link: the "Who?" list of a link pages through it by key, and
-- the transition 0 -> 1 click is what changes the link's unique clickers.
create table message_link_clicker (
    account_id       bigint      not null,
    message_id       bigint      not null,
    link_no          smallint    not null,
    contact_id       bigint      not null,
    clicks           bigint      not null default 0,
    first_clicked_at timestamptz,
    primary key (account_id, message_id, link_no, contact_id),
    foreign key (account_id, message_id, link_no) references message_link (account_id, message_id, link_no)
        on delete cascade
);

create table message_link_stats (
    account_id      bigint   not null,
    message_id      bigint   not null,
    link_no         smallint not null,
    clicks          bigint   not null default 0,
    unique_clickers bigint   not null default 0,
    primary key (account_id, message_id, link_no),
    foreign key (account_id, message_id, link_no) references message_link (account_id, message_id, link_no)
        on delete cascade
);

-- Recount views -------------------------------------------------------------------------------

create view message_failure_stats_recount as
select account_id, message_id, coalesce(error_code, '') as error_code,
       coalesce(error_permanent, false) as permanent, count(*) as recipients
from message_recipient
where failed_at is not null and delivered_at is null
group by 1, 2, 3, 4;

create view message_latency_histogram_recount as
select account_id, message_id, 'DELIVERY'::text as kind,
       analytics_latency_bucket(extract(epoch from delivered_at - sent_at)::float8) as bucket, count(*) as recipients
from message_recipient
where delivered_at is not null and sent_at is not null
group by 1, 2, 3, 4
union all
select account_id, message_id, 'READ'::text,
       analytics_latency_bucket(extract(epoch from opened_at - delivered_at)::float8), count(*)
from message_recipient
where opened_at is not null and delivered_at is not null
group by 1, 2, 3, 4;

create view message_timeline_recount as
select account_id, message_id, hour, sum(d) as delivered, sum(o) as opened, sum(c) as clicked
from (select account_id, message_id, analytics_hour(delivered_at) as hour, 1 as d, 0 as o, 0 as c
      from message_recipient where delivered_at is not null
      union all
      select account_id, message_id, analytics_hour(opened_at), 0, 1, 0
      from message_recipient where opened_at is not null
      union all
      select account_id, message_id, analytics_hour(clicked_at), 0, 0, 1
      from message_recipient where clicked_at is not null) e
group by 1, 2, 3;

create view message_link_clicker_recount as
select account_id, message_id, link_no, contact_id, count(*) as clicks, min(clicked_at) as first_clicked_at
from click_event
group by 1, 2, 3, 4;

create view message_link_stats_recount as
select account_id, message_id, link_no, count(*) as clicks, count(distinct contact_id) as unique_clickers
from click_event
group by 1, 2, 3;

-- Recipient deltas ----------------------------------------------------------------------------

create function message_recipient_analytics() returns trigger
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
        failures as (
            select account_id, message_id, coalesce(error_code, '') as error_code,
                   coalesce(error_permanent, false) as permanent, sum(sign) as n
            from v
            where failed_at is not null and delivered_at is null
            group by 1, 2, 3, 4
            having sum(sign) <> 0
        ),
        upsert_failures as (
            insert into message_failure_stats as t (account_id, message_id, error_code, permanent, recipients)
            select f.account_id, f.message_id, f.error_code, f.permanent, f.n
            from failures f
            where exists (select 1 from message m where m.account_id = f.account_id and m.id = f.message_id)
            on conflict (account_id, message_id, error_code, permanent) do update
                set recipients = t.recipients + excluded.recipients
        ),
        latencies as (
            select account_id, message_id, 'DELIVERY' as kind,
                   analytics_latency_bucket(extract(epoch from delivered_at - sent_at)::float8) as bucket,
                   sum(sign) as n
            from v
            where delivered_at is not null and sent_at is not null
            group by 1, 2, 3, 4
            having sum(sign) <> 0
            union all
            select account_id, message_id, 'READ',
                   analytics_latency_bucket(extract(epoch from opened_at - delivered_at)::float8), sum(sign)
            from v
            where opened_at is not null and delivered_at is not null
            group by 1, 2, 3, 4
            having sum(sign) <> 0
        ),
        upsert_latencies as (
            insert into message_latency_histogram as t (account_id, message_id, kind, bucket, recipients)
            select l.account_id, l.message_id, l.kind, l.bucket, l.n
            from latencies l
            where exists (select 1 from message m where m.account_id = l.account_id and m.id = l.message_id)
            on conflict (account_id, message_id, kind, bucket) do update
                set recipients = t.recipients + excluded.recipients
        ),
        events as (
            select account_id, message_id, analytics_hour(delivered_at) as hour, sign as d, 0 as o, 0 as c
            from v where delivered_at is not null
            union all
            select account_id, message_id, analytics_hour(opened_at), 0, sign, 0
            from v where opened_at is not null
            union all
            select account_id, message_id, analytics_hour(clicked_at), 0, 0, sign
            from v where clicked_at is not null
        ),
        hours as (
            select account_id, message_id, hour, sum(d) as d, sum(o) as o, sum(c) as c
            from events
            group by 1, 2, 3
            having sum(d) <> 0 or sum(o) <> 0 or sum(c) <> 0
        )
        insert into message_timeline as t (account_id, message_id, hour, delivered, opened, clicked)
        select h.account_id, h.message_id, h.hour, h.d, h.o, h.c
        from hours h
        where exists (select 1 from message m where m.account_id = h.account_id and m.id = h.message_id)
        on conflict (account_id, message_id, hour) do update
            set delivered = t.delivered + excluded.delivered, opened = t.opened + excluded.opened,
                clicked = t.clicked + excluded.clicked
        $q$, src);
    return null;
end;
$$;

create trigger message_recipient_analytics_ins after insert on message_recipient
    referencing new table as n for each statement execute function message_recipient_analytics();
create trigger message_recipient_analytics_upd after update on message_recipient
    referencing old table as o new table as n for each statement execute function message_recipient_analytics();
create trigger message_recipient_analytics_del after delete on message_recipient
    referencing old table as o for each statement execute function message_recipient_analytics();

-- Click deltas --------------------------------------------------------------------------------

create function click_event_analytics() returns trigger
    language plpgsql as
$$
declare
    src text;
begin
    src := case tg_op
        when 'INSERT' then 'select n.account_id, n.message_id, n.link_no, n.contact_id, n.clicked_at, 1 as sign from n'
        when 'DELETE' then 'select o.account_id, o.message_id, o.link_no, o.contact_id, o.clicked_at, -1 as sign from o'
        else 'select n.account_id, n.message_id, n.link_no, n.contact_id, n.clicked_at, 1 as sign from n '
             'union all select o.account_id, o.message_id, o.link_no, o.contact_id, o.clicked_at, -1 from o' end;

    -- A clicker's clicks move by the delta; the link's unique clickers move by the clickers whose
    -- count crossed zero (before = after - delta).
    execute format($q$
        with v as (%s),
        per_clicker as (
            select account_id, message_id, link_no, contact_id, sum(sign) as delta,
                   min(clicked_at) filter (where sign > 0) as first_new
            from v
            group by 1, 2, 3, 4
            having sum(sign) <> 0
        ),
        upsert_clickers as (
            insert into message_link_clicker as t (account_id, message_id, link_no, contact_id, clicks, first_clicked_at)
            select account_id, message_id, link_no, contact_id, delta, first_new
            from per_clicker
            on conflict (account_id, message_id, link_no, contact_id) do update
                set clicks = t.clicks + excluded.clicks,
                    first_clicked_at = least(t.first_clicked_at, excluded.first_clicked_at)
            returning t.account_id, t.message_id, t.link_no, t.contact_id, t.clicks as after_clicks
        ),
        per_link as (
            select p.account_id, p.message_id, p.link_no, sum(p.delta) as clicks,
                   sum((u.after_clicks > 0)::int - (u.after_clicks - p.delta > 0)::int) as uniq
            from per_clicker p
                     join upsert_clickers u on u.account_id = p.account_id and u.message_id = p.message_id
                and u.link_no = p.link_no and u.contact_id = p.contact_id
            group by 1, 2, 3
        )
        insert into message_link_stats as t (account_id, message_id, link_no, clicks, unique_clickers)
        select account_id, message_id, link_no, clicks, uniq
        from per_link
        on conflict (account_id, message_id, link_no) do update
            set clicks = t.clicks + excluded.clicks, unique_clickers = t.unique_clickers + excluded.unique_clickers
        $q$, src);

    -- A removed or moved click may have been a clicker's first: recount the first click of the
    -- affected clickers only, and drop clickers left without clicks.
    if tg_op <> 'INSERT' then
        update message_link_clicker t
        set first_clicked_at = (select min(c.clicked_at) from click_event c
                                where c.account_id = t.account_id and c.message_id = t.message_id
                                  and c.link_no = t.link_no and c.contact_id = t.contact_id)
        from (select distinct account_id, message_id, link_no, contact_id from o) k
        where t.account_id = k.account_id and t.message_id = k.message_id and t.link_no = k.link_no
          and t.contact_id = k.contact_id;
        delete from message_link_clicker t
        using (select distinct account_id, message_id, link_no, contact_id from o) k
        where t.account_id = k.account_id and t.message_id = k.message_id and t.link_no = k.link_no
          and t.contact_id = k.contact_id and t.clicks = 0;
    end if;
    return null;
end;
$$;

create trigger click_event_analytics_ins after insert on click_event
    referencing new table as n for each statement execute function click_event_analytics();
create trigger click_event_analytics_upd after update on click_event
    referencing old table as o new table as n for each statement execute function click_event_analytics();
create trigger click_event_analytics_del after delete on click_event
    referencing old table as o for each statement execute function click_event_analytics();

-- Rebuild -------------------------------------------------------------------------------------

-- Replaces the analytics rollups of one account with a recount from the raw rows.
create function rebuild_analytics(p_account_id bigint) returns void
    language plpgsql as
$$
begin
    delete from message_failure_stats where account_id = p_account_id;
    insert into message_failure_stats (account_id, message_id, error_code, permanent, recipients)
    select account_id, message_id, error_code, permanent, recipients
    from message_failure_stats_recount where account_id = p_account_id;

    delete from message_latency_histogram where account_id = p_account_id;
    insert into message_latency_histogram (account_id, message_id, kind, bucket, recipients)
    select account_id, message_id, kind, bucket, recipients
    from message_latency_histogram_recount where account_id = p_account_id;

    delete from message_timeline where account_id = p_account_id;
    insert into message_timeline (account_id, message_id, hour, delivered, opened, clicked)
    select account_id, message_id, hour, delivered, opened, clicked
    from message_timeline_recount where account_id = p_account_id;

    delete from message_link_clicker where account_id = p_account_id;
    insert into message_link_clicker (account_id, message_id, link_no, contact_id, clicks, first_clicked_at)
    select account_id, message_id, link_no, contact_id, clicks, first_clicked_at
    from message_link_clicker_recount where account_id = p_account_id;

    delete from message_link_stats where account_id = p_account_id;
    insert into message_link_stats (account_id, message_id, link_no, clicks, unique_clickers)
    select account_id, message_id, link_no, clicks, unique_clickers
    from message_link_stats_recount where account_id = p_account_id;
end;
$$;

-- Row-level security, the same policy as every tenant table (V3) -------------------------------

do
$$
declare
    t text;
begin
    foreach t in array array ['message_failure_stats', 'message_latency_histogram', 'message_timeline',
        'message_link_clicker', 'message_link_stats']
        loop
            execute format('alter table %I enable row level security', t);
            execute format('alter table %I force row level security', t);
            execute format('create policy tenant_isolation on %I using (account_id = app_account_id() or app_all_accounts()) '
                               'with check (account_id = app_account_id() or app_all_accounts())', t);
        end loop;
end;
$$;

-- The support page lists the latest accesses per support user and per message.
create index support_access_log_message on support_access_log (account_id, message_id, accessed_at desc);
