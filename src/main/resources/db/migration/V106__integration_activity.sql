-- What the alert rounds read: per integration and 5-minute bucket of sending, how many recipients
-- went out, how many were delivered and how many failed for good, in total and per error code. An
-- alert round sums at most 30 days of buckets per integration (the last hour against the 30-day
-- normal, the last minutes of a silent integration), so its cost follows the accounts and
-- integrations, not the number of messages or recipients. Five minutes, not hours: a rule looks at
-- the last 60 minutes and at "no report for N minutes", which hourly buckets would blur by an hour.
--
-- Like the other rollups it counts only traffic the statistics count (no test messages, no SMS
-- through gateways without delivery callbacks) and follows the recipient rows through a
-- statement-level trigger in the same transaction. integration_activity_recount computes it from
-- the raw rows; rebuild_integration_activity() replaces an account's rows with the recount (bulk
-- loads and databases that existed before this table call it: a migration never scans recipients).

-- The bucket of a time: 5 minutes, aligned to UTC (and so to the Unix epoch).
create function activity_bucket(t timestamptz) returns timestamptz
    language sql immutable parallel safe
    return date_bin(interval '5 minutes', t, timestamptz '2000-01-01 00:00:00+00');

-- error_code '' holds every recipient sent in the bucket (sent, delivered, failed); a code holds
-- only the recipients that failed with it and were not delivered (failed; sent and delivered 0).
create table integration_activity (
    account_id  bigint      not null references account (id),
    integration text        not null,
    bucket      timestamptz not null,
    error_code  text        not null,
    sent        bigint      not null default 0,
    delivered   bigint      not null default 0,
    failed      bigint      not null default 0,
    primary key (account_id, integration, bucket, error_code)
);
-- A round reads the last 30 days of every account.
create index integration_activity_recent on integration_activity (bucket, account_id);

select enable_tenant_isolation('integration_activity');

create view integration_activity_recount as
with outcome as (
    select r.account_id, message_provider(m.channel, m.gateway_id) as integration,
           activity_bucket(r.sent_at) as bucket, r.delivered_at is not null as delivered,
           r.failed_at is not null and r.delivered_at is null as failed, coalesce(r.error_code, '') as code
    from message_recipient r
             join message m on m.account_id = r.account_id and m.id = r.message_id
             left join sms_gateway g on g.account_id = m.account_id and g.id = m.gateway_id
    where r.sent_at is not null and m.type <> 'TEST' and coalesce(g.supports_callbacks, true)
)
select account_id, integration, bucket, '' as error_code, count(*) as sent,
       count(*) filter (where delivered) as delivered, count(*) filter (where failed) as failed
from outcome
group by 1, 2, 3
union all
select account_id, integration, bucket, code, 0, 0, count(*)
from outcome
where failed and code <> ''
group by 1, 2, 3, 4;

-- Adds the recipient versions p_added and takes away p_removed (an update passes both, so an
-- unchanged recipient cancels out and a bucket whose figures stay the same is not written).
create function integration_activity_add(p_added message_recipient[], p_removed message_recipient[]) returns void
    language sql as
$$
insert into integration_activity as t (account_id, integration, bucket, error_code, sent, delivered, failed)
select account_id, integration, bucket, error_code, sent, delivered, failed
from (select v.account_id, message_provider(m.channel, m.gateway_id) as integration,
             activity_bucket(v.sent_at) as bucket,
             case when grouping(v.code) = 1 then '' else v.code end as error_code,
             case when grouping(v.code) = 1 then sum(v.sign) else 0 end as sent,
             case when grouping(v.code) = 1
                  then coalesce(sum(v.sign) filter (where v.delivered_at is not null), 0) else 0 end as delivered,
             coalesce(sum(v.sign) filter (where v.failed_at is not null and v.delivered_at is null), 0) as failed,
             grouping(v.code) as whole
      from (select a.*, coalesce(a.error_code, '') as code, 1 as sign from unnest(p_added) a
            union all
            select d.*, coalesce(d.error_code, ''), -1 from unnest(p_removed) d) v
               join message m on m.account_id = v.account_id and m.id = v.message_id
               left join sms_gateway g on g.account_id = m.account_id and g.id = m.gateway_id
      where v.sent_at is not null and m.type <> 'TEST' and coalesce(g.supports_callbacks, true)
      group by grouping sets ((v.account_id, m.channel, m.gateway_id, activity_bucket(v.sent_at)),
                              (v.account_id, m.channel, m.gateway_id, activity_bucket(v.sent_at), v.code))) c
where (whole = 1 and (sent, delivered, failed) <> (0, 0, 0))
   or (whole = 0 and error_code <> '' and failed <> 0)
on conflict (account_id, integration, bucket, error_code) do update
    set sent = t.sent + excluded.sent, delivered = t.delivered + excluded.delivered,
        failed = t.failed + excluded.failed;
$$;

create function message_recipient_activity() returns trigger
    language plpgsql as
$$
begin
    if tg_op = 'INSERT' then
        perform integration_activity_add(array(select n::message_recipient from n), '{}');
    elsif tg_op = 'DELETE' then
        perform integration_activity_add('{}', array(select o::message_recipient from o));
    else
        perform integration_activity_add(array(select n::message_recipient from n),
                                         array(select o::message_recipient from o));
    end if;
    return null;
end;
$$;

-- Transition tables allow one event per trigger, so three triggers share the function.
create trigger message_recipient_activity_ins after insert on message_recipient referencing new table as n for each statement execute function message_recipient_activity();
create trigger message_recipient_activity_upd after update on message_recipient referencing old table as o new table as n for each statement execute function message_recipient_activity();
create trigger message_recipient_activity_del after delete on message_recipient referencing old table as o for each statement execute function message_recipient_activity();

-- Replaces the rollup of one account with a recount from the raw rows.
create function rebuild_integration_activity(p_account_id bigint) returns void
    language sql as
$$
delete from integration_activity where account_id = p_account_id;
insert into integration_activity (account_id, integration, bucket, error_code, sent, delivered, failed)
select account_id, integration, bucket, error_code, sent, delivered, failed
from integration_activity_recount where account_id = p_account_id;
$$;
