-- A campaign's reach, kept. Counted on every view from its messages' delivered recipients, the
-- reach of a campaign of millions of recipients took seconds (11 s at the large tier): a campaign's
-- distinct contacts and the channel each read first cannot be summed from rollups. The count is now
-- kept per campaign with the version of the recipients it counted:
-- - every statement that writes recipients of a campaign's messages (a fold, a send, a delete) and
--   every message joining or leaving a campaign adds one to the campaign's version; the row lock it
--   takes is held to its commit, so versions follow commit order;
-- - refresh_campaign_reach() counts in one statement, so the count and the version it records come
--   from one snapshot: the kept count is exact for that version, and current while nothing newer
--   committed (version = counted_version);
-- - an app task refreshes stale campaigns in the background; a small campaign is refreshed when it
--   is viewed. A large stale one is shown with the time of its count until the task is done.
create table campaign_reach (
    account_id          bigint      not null,
    campaign_id         bigint      not null,
    version             bigint      not null default 1,
    counted_version     bigint      not null default 0,
    counted_at          timestamptz,
    reached             bigint      not null default 0,
    several             bigint      not null default 0,
    reached_sms         bigint      not null default 0,
    reached_whatsapp    bigint      not null default 0,
    reached_viber       bigint      not null default 0,
    first_sms           bigint      not null default 0,
    first_whatsapp      bigint      not null default 0,
    first_viber         bigint      not null default 0,
    not_by_sms          bigint      not null default 0,
    whatsapp_not_by_sms bigint      not null default 0,
    viber_not_by_sms    bigint      not null default 0,
    primary key (account_id, campaign_id),
    foreign key (account_id, campaign_id) references campaign (account_id, id) on delete cascade
);
create index campaign_reach_stale on campaign_reach (account_id, campaign_id) where version <> counted_version;
select enable_tenant_isolation('campaign_reach');

-- The exact reach, read from each message's range of the partial index (account, message, contact)
-- where delivered: the work grows with the campaign's own recipients. Per contact, the channels it
-- was delivered on and its first read per channel; the earliest read decides the channel read first
-- (a tie goes to SMS, then WhatsApp).
create function campaign_reach_count(p_account bigint, p_campaign bigint)
    returns table (reached bigint, several bigint, reached_sms bigint, reached_whatsapp bigint,
                   reached_viber bigint, first_sms bigint, first_whatsapp bigint, first_viber bigint,
                   not_by_sms bigint, whatsapp_not_by_sms bigint, viber_not_by_sms bigint)
    language sql stable as
$$
with delivered as (
    select r.contact_id, m.channel, r.opened_at
    from message m
    join message_recipient r on r.account_id = m.account_id and r.message_id = m.id
    where m.account_id = p_account and m.campaign_id = p_campaign and r.delivered_at is not null
),
per_contact as (
    select contact_id,
           bool_or(channel = 'SMS') as sms,
           bool_or(channel = 'WHATSAPP') as whatsapp,
           bool_or(channel = 'VIBER') as viber,
           min(opened_at) filter (where channel = 'SMS') as sms_read,
           min(opened_at) filter (where channel = 'WHATSAPP') as whatsapp_read,
           min(opened_at) filter (where channel = 'VIBER') as viber_read
    from delivered
    group by contact_id
)
select count(*),
       count(*) filter (where sms::int + whatsapp::int + viber::int > 1),
       count(*) filter (where sms),
       count(*) filter (where whatsapp),
       count(*) filter (where viber),
       count(*) filter (where sms_read <= coalesce(least(whatsapp_read, viber_read), sms_read)),
       count(*) filter (where whatsapp_read < coalesce(sms_read, 'infinity')
                          and whatsapp_read <= coalesce(viber_read, whatsapp_read)),
       count(*) filter (where viber_read < coalesce(least(sms_read, whatsapp_read), 'infinity')),
       count(*) filter (where not sms),
       count(*) filter (where whatsapp and not sms),
       count(*) filter (where viber and not sms)
from per_contact;
$$;

-- Counts one campaign's reach and keeps it with the version it saw (one statement, one snapshot).
-- Returns whether it is current: false when a newer version committed meanwhile.
create function refresh_campaign_reach(p_account bigint, p_campaign bigint) returns boolean
    language sql as
$$
with seen as (
    select version from campaign_reach where account_id = p_account and campaign_id = p_campaign
),
counted as (
    select * from campaign_reach_count(p_account, p_campaign)
)
update campaign_reach c
set counted_version = seen.version, counted_at = now(),
    reached = n.reached, several = n.several, reached_sms = n.reached_sms,
    reached_whatsapp = n.reached_whatsapp, reached_viber = n.reached_viber, first_sms = n.first_sms,
    first_whatsapp = n.first_whatsapp, first_viber = n.first_viber, not_by_sms = n.not_by_sms,
    whatsapp_not_by_sms = n.whatsapp_not_by_sms, viber_not_by_sms = n.viber_not_by_sms
from seen, counted n
where c.account_id = p_account and c.campaign_id = p_campaign and c.counted_version < seen.version
returning c.version = c.counted_version;
$$;

create function campaign_reach_created() returns trigger
    language plpgsql as
$$
begin
    insert into campaign_reach (account_id, campaign_id) values (new.account_id, new.id)
    on conflict do nothing;
    return null;
end;
$$;
create trigger campaign_reach_created after insert on campaign
    for each row execute function campaign_reach_created();

-- Recipients written: the campaigns of their messages have a new version.
create function message_recipient_campaigns() returns trigger
    language plpgsql as
$$
begin
    execute format($q$
        update campaign_reach c
        set version = c.version + 1
        from (select distinct m.account_id, m.campaign_id
              from (select distinct account_id, message_id from %I) changed
              join message m on m.account_id = changed.account_id and m.id = changed.message_id
              where m.campaign_id is not null) t
        where c.account_id = t.account_id and c.campaign_id = t.campaign_id
        $q$, case when tg_op = 'DELETE' then 'o' else 'n' end);
    return null;
end;
$$;
select create_transition_triggers('message_recipient', 'message_recipient_campaigns');

-- A message joins or leaves a campaign, or is deleted (its recipients go with it).
create function message_campaign_changed() returns trigger
    language plpgsql as
$$
begin
    update campaign_reach c
    set version = c.version + 1
    where c.account_id = old.account_id
      and (c.campaign_id = old.campaign_id or (tg_op = 'UPDATE' and c.campaign_id = new.campaign_id));
    return null;
end;
$$;
create trigger message_campaign_changed after update of campaign_id on message
    for each row when (old.campaign_id is distinct from new.campaign_id) execute function message_campaign_changed();
create trigger message_campaign_deleted after delete on message
    for each row when (old.campaign_id is not null) execute function message_campaign_changed();

-- Existing campaigns: counted by the task.
select set_config('app.all_accounts', 'on', true);
insert into campaign_reach (account_id, campaign_id)
select account_id, id from campaign
on conflict do nothing;
