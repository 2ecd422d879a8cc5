-- Consent changes as events.
--
-- consent_change is the append-only history of every opt-in and opt-out of a contact on a channel:
-- when, from where (an import, the demo, an SMS reply, a Viber event, a WhatsApp reply, the UI) and
-- the message it is credited to (an opt-out, to the last message the contact got on that channel
-- within the account's opt-out window). A provider's reply is kept once per provider id; a reply
-- from a number no contact has is kept with contact_id null (counted, credited to nothing).
--
-- Everything else follows from it in the same statement, through one statement-level trigger:
-- - contact_consent (the current consent, whose own triggers keep the contacts' opt-in flags and the
--   opt-in counters) takes the latest change per contact and channel; on a tie the opt-out wins, so
--   the result does not depend on the order in which the changes arrive;
-- - consent_daily counts the real transitions (opted in from not opted in: gained; opted out from
--   opted in: lost) per account, local day and channel;
-- - message_opt_out and opt_out_daily count the contacts who opted out credited to each message, the
--   latter by the local day the message was sent (a cohort, like revenue_daily).
-- The *_recount views compute each of them from the history alone; rebuild_consent() replaces the
-- rollups with them. seed_consent_history() gives contacts whose consents predate the history (an
-- existing database) history rows of source 'import'; it is called by the demo generator, never here.

create table consent_change (
    account_id  bigint      not null references account (id),
    id          bigint      generated always as identity,
    contact_id  bigint,
    channel     channel     not null,
    opted_in    boolean     not null,
    changed_at  timestamptz not null,
    source      text        not null
        check (source in ('import', 'demo', 'sms_reply', 'viber_event', 'whatsapp_reply', 'ui')),
    message_id  bigint,
    provider_id text,
    phone       text,
    received_at timestamptz not null default now(),
    primary key (account_id, id),
    foreign key (account_id, contact_id) references contact (account_id, id) on delete cascade,
    foreign key (account_id, message_id) references message (account_id, id) on delete set null (message_id)
);
-- A provider's reply or event is kept once (per contact it names; once with no contact).
create unique index consent_change_provider on consent_change (account_id, source, provider_id, contact_id)
    nulls not distinct where provider_id is not null;
create index consent_change_contact on consent_change (account_id, contact_id, channel, changed_at)
    include (opted_in) where contact_id is not null;
-- The "Who?" list of a message's opt-outs, paged by contact id.
create index consent_change_message on consent_change (account_id, message_id, contact_id)
    where message_id is not null and not opted_in and contact_id is not null;

-- The hours after a message within which an opt-out is credited to it; no row means 72.
create table opt_out_setting (
    account_id   bigint      not null references account (id),
    window_hours integer     not null default 72 check (window_hours between 1 and 720),
    updated_at   timestamptz not null default now(),
    primary key (account_id)
);

-- Every change of it, who made it and when (like attribution_setting_change).
create table opt_out_setting_change (
    account_id      bigint      not null references account (id),
    id              bigint      generated always as identity,
    changed_at      timestamptz not null,
    changed_by      bigint      not null,
    changed_by_name text        not null,
    window_hours    integer     not null,
    primary key (account_id, id)
);
create index opt_out_setting_change_latest on opt_out_setting_change (account_id, changed_at desc);

create table message_opt_out (
    account_id bigint not null,
    message_id bigint not null,
    opt_outs   bigint not null default 0,
    primary key (account_id, message_id),
    foreign key (account_id, message_id) references message (account_id, id) on delete cascade
);

-- Keyed like revenue_daily and cost_daily (the cohort of the message's local send day).
create table opt_out_daily (
    account_id bigint not null references account (id),
    day date not null, channel channel not null, type message_type not null, counted boolean not null,
    opt_outs bigint not null default 0,
    primary key (account_id, day, channel, type, counted)
);

create table consent_daily (
    account_id bigint  not null references account (id),
    day        date    not null,
    channel    channel not null,
    gained     bigint  not null default 0,
    lost       bigint  not null default 0,
    primary key (account_id, day, channel)
);

-- ---------------------------------------------------------------- recount views

-- The consent each contact with history has now: its latest change (the opt-out on a tie).
create view consent_current_recount as
select distinct on (account_id, contact_id, channel) account_id, contact_id, channel, opted_in, changed_at
from consent_change
where contact_id is not null
order by account_id, contact_id, channel, changed_at desc, opted_in;

-- Where an opt-out credited to a message is counted: the local day the message was sent, its channel
-- and type, and whether its gateway reports (the message's day, not its recipient's: set once when the
-- message goes out, so a rollup row never has to move).
create function opt_out_cohort(p_account bigint, p_message bigint,
                               out day date, out channel channel, out type message_type, out counted boolean)
    language sql stable as
$$
select (coalesce(m.sent_at, m.created_at) at time zone a.time_zone)::date, m.channel, m.type,
       coalesce(g.supports_callbacks, true)
from message m
join account a on a.id = m.account_id
left join sms_gateway g on g.account_id = m.account_id and g.id = m.gateway_id
where m.account_id = p_account and m.id = p_message;
$$;

-- The contacts who opted out credited to a message, once each.
create view message_opt_out_credit as
select h.account_id, h.message_id, h.contact_id, k.day, k.channel, k.type, k.counted
from (select distinct account_id, message_id, contact_id
      from consent_change
      where message_id is not null and contact_id is not null and not opted_in) h
cross join lateral opt_out_cohort(h.account_id, h.message_id) k;

create view message_opt_out_recount as
select account_id, message_id, count(*) as opt_outs
from message_opt_out_credit
group by 1, 2;

create view opt_out_daily_recount as
select account_id, day, channel, type, counted, count(*) as opt_outs
from message_opt_out_credit
group by 1, 2, 3, 4, 5;

-- A change is a transition when it differs from the change before it (in time; opt-out last on a tie).
create view consent_transition as
select account_id, contact_id, channel, changed_at, id,
       opted_in and previous is not true as gained,
       not opted_in and coalesce(previous, false) as lost
from (select account_id, contact_id, channel, changed_at, id, opted_in,
             lag(opted_in) over (partition by account_id, contact_id, channel order by changed_at, opted_in desc)
                 as previous
      from consent_change
      where contact_id is not null) t;

create view consent_daily_recount as
select t.account_id, (t.changed_at at time zone a.time_zone)::date as day, t.channel,
       count(*) filter (where t.gained) as gained, count(*) filter (where t.lost) as lost
from consent_transition t
join account a on a.id = t.account_id
where t.gained or t.lost
group by 1, 2, 3;

-- ---------------------------------------------------------------- maintenance

-- Folds new history rows into the current consent and the rollups. Writers of a few contacts lock
-- those contacts (and share the account); a bulk writer locks the account, so two statements never
-- count the same transition from different snapshots.
create function consent_change_inserted() returns trigger
    language plpgsql as
$$
declare
    account bigint;
begin
    for account in select distinct account_id from n
        loop
            if (select count(distinct contact_id) from n where account_id = account) > 1000 then
                perform pg_advisory_xact_lock(7017, account::integer);
            else
                perform pg_advisory_xact_lock_shared(7017, account::integer);
                perform lock_contacts(array(select distinct contact_id from n
                                            where account_id = account and contact_id is not null));
            end if;
        end loop;

    insert into contact_consent as c (account_id, contact_id, channel, opted_in, changed_at)
    select distinct on (account_id, contact_id, channel) account_id, contact_id, channel, opted_in, changed_at
    from n
    where contact_id is not null
    order by account_id, contact_id, channel, changed_at desc, opted_in
    on conflict (account_id, contact_id, channel) do update
        set opted_in = excluded.opted_in, changed_at = excluded.changed_at
        where excluded.changed_at > c.changed_at
           or (excluded.changed_at = c.changed_at and c.opted_in and not excluded.opted_in);

    -- Transitions of the touched contacts with the new rows, minus those without them.
    with touched as materialized (
        select h.account_id, h.contact_id, h.channel, h.changed_at, h.opted_in,
               exists (select 1 from n where n.account_id = h.account_id and n.id = h.id) as fresh
        from consent_change h
        where h.contact_id is not null
          and (h.account_id, h.contact_id, h.channel) in
              (select account_id, contact_id, channel from n where contact_id is not null)
    ),
    steps as (
        select account_id, channel, changed_at, 1 as sign, opted_in,
               lag(opted_in) over (partition by account_id, contact_id, channel order by changed_at, opted_in desc) p
        from touched
        union all
        select account_id, channel, changed_at, -1, opted_in,
               lag(opted_in) over (partition by account_id, contact_id, channel order by changed_at, opted_in desc)
        from touched
        where not fresh
    ),
    delta as (
        select s.account_id, (s.changed_at at time zone a.time_zone)::date as day, s.channel,
               sum(s.sign) filter (where s.opted_in and s.p is not true) as gained,
               sum(s.sign) filter (where not s.opted_in and s.p) as lost
        from steps s
        join account a on a.id = s.account_id
        group by 1, 2, 3
    )
    insert into consent_daily as d (account_id, day, channel, gained, lost)
    select account_id, day, channel, coalesce(gained, 0), coalesce(lost, 0)
    from delta
    where coalesce(gained, 0) <> 0 or coalesce(lost, 0) <> 0
    on conflict (account_id, day, channel) do update
        set gained = d.gained + excluded.gained, lost = d.lost + excluded.lost;

    -- Opt-outs credited to a message that did not have this contact's opt-out before.
    with credited as (
        select f.account_id, f.message_id, k.day, k.channel, k.type, k.counted
        from (select distinct x.account_id, x.message_id, x.contact_id
              from n x
              where x.message_id is not null and x.contact_id is not null and not x.opted_in
                and not exists (select 1 from consent_change h
                                where h.account_id = x.account_id and h.message_id = x.message_id
                                  and h.contact_id = x.contact_id and not h.opted_in
                                  and h.message_id is not null and h.contact_id is not null
                                  and not exists (select 1 from n y where y.account_id = h.account_id and y.id = h.id))) f
        cross join lateral opt_out_cohort(f.account_id, f.message_id) k
    ),
    per_message as (
        insert into message_opt_out as t (account_id, message_id, opt_outs)
        select account_id, message_id, count(*) from credited group by 1, 2
        on conflict (account_id, message_id) do update set opt_outs = t.opt_outs + excluded.opt_outs
    )
    insert into opt_out_daily as t (account_id, day, channel, type, counted, opt_outs)
    select account_id, day, channel, type, counted, count(*)
    from credited
    group by 1, 2, 3, 4, 5
    on conflict (account_id, day, channel, type, counted) do update set opt_outs = t.opt_outs + excluded.opt_outs;
    return null;
end;
$$;

create trigger consent_change_inserted after insert on consent_change referencing new table as n
    for each statement execute function consent_change_inserted();

-- The history is append-only: the one update allowed is the foreign key's, when a message is deleted
-- (only tests and clean-ups do; rebuild_consent() then recounts the rollups).
create function consent_change_append_only() returns trigger
    language plpgsql as
$$
begin
    if new.message_id is null and (new.account_id, new.id, new.contact_id, new.channel, new.opted_in, new.changed_at,
                                   new.source, new.provider_id, new.phone, new.received_at)
        is not distinct from (old.account_id, old.id, old.contact_id, old.channel, old.opted_in, old.changed_at,
                              old.source, old.provider_id, old.phone, old.received_at) then
        return new;
    end if;
    raise exception 'consent_change is append-only';
end;
$$;

create trigger consent_change_append_only before update on consent_change
    for each row execute function consent_change_append_only();

-- Replaces one account's consent rollups with their recount.
create function rebuild_consent(p_account bigint) returns void
    language plpgsql as
$$
begin
    delete from message_opt_out where account_id = p_account;
    insert into message_opt_out (account_id, message_id, opt_outs)
    select account_id, message_id, opt_outs from message_opt_out_recount where account_id = p_account;
    delete from opt_out_daily where account_id = p_account;
    insert into opt_out_daily (account_id, day, channel, type, counted, opt_outs)
    select account_id, day, channel, type, counted, opt_outs from opt_out_daily_recount where account_id = p_account;
    delete from consent_daily where account_id = p_account;
    insert into consent_daily (account_id, day, channel, gained, lost)
    select account_id, day, channel, gained, lost from consent_daily_recount where account_id = p_account;
end;
$$;

-- rebuild_counters() rebuilds the consent rollups too.
create or replace function rebuild_counters(p_account_id bigint) returns void
    language plpgsql as
$$
begin
    perform rebuild_counts(p_account_id);
    perform rebuild_costs(p_account_id);
    perform rebuild_consent(p_account_id);
end;
$$;

-- History for the consents of one account that have none (a database older than the history): an
-- opt-in when the consent was given, and for a withdrawn one an opt-in when the contact was created
-- followed by the opt-out. Returns the rows added; a second call adds none.
create function seed_consent_history(p_account bigint) returns bigint
    language plpgsql as
$$
declare
    added bigint;
begin
    insert into consent_change (account_id, contact_id, channel, opted_in, changed_at, source)
    select cc.account_id, cc.contact_id, cc.channel, s.opted_in, s.at, 'import'
    from contact_consent cc
    join contact c on c.account_id = cc.account_id and c.id = cc.contact_id
    cross join lateral (select true as opted_in,
                               case when cc.opted_in then cc.changed_at
                                    else least(c.created_at, cc.changed_at) end as at
                        union all
                        select false, cc.changed_at
                        where not cc.opted_in) s
    where cc.account_id = p_account
      and not exists (select 1 from consent_change h
                      where h.account_id = cc.account_id and h.contact_id = cc.contact_id
                        and h.channel = cc.channel);
    get diagnostics added = row_count;
    return added;
end;
$$;

-- Stores one opt-in or opt-out a provider reported, for every contact of the account with that phone
-- number (none: kept with contact_id null). An opt-out is credited to the last non-test message the
-- contact was sent on that channel within the account's opt-out window before it. A repeat of the
-- same provider id changes nothing. Returns the rows stored and how many of them name no contact.
create function record_consent_reply(p_account bigint, p_channel channel, p_phone text, p_opted_in boolean,
                                     p_at timestamptz, p_source text, p_provider_id text,
                                     out stored integer, out unknown integer)
    language sql as
$$
with window_hours as (
    select coalesce((select window_hours from opt_out_setting where account_id = p_account), 72) as hours
),
contacts as (
    select c.id from contact c where c.account_id = p_account and phone_key(c.phone) = phone_key(p_phone)
),
target as (
    select c.id as contact_id,
           case when not p_opted_in then
               (select r.message_id
                from message_recipient r
                join message m on m.account_id = r.account_id and m.id = r.message_id
                where r.account_id = p_account and r.contact_id = c.id and m.channel = p_channel
                  and m.type <> 'TEST' and r.sent_at <= p_at
                  and r.sent_at > p_at - make_interval(hours => (select hours from window_hours))
                order by r.sent_at desc, r.message_id desc
                limit 1) end as message_id
    from contacts c
    union all
    select null, null
    where not exists (select 1 from contacts)
),
ins as (
    insert into consent_change (account_id, contact_id, channel, opted_in, changed_at, source, message_id,
                                provider_id, phone)
    select p_account, t.contact_id, p_channel, p_opted_in, p_at, p_source, t.message_id, p_provider_id, p_phone
    from target t
    on conflict (account_id, source, provider_id, contact_id) where provider_id is not null do nothing
    returning contact_id
)
select count(*)::int, (count(*) filter (where contact_id is null))::int from ins;
$$;

select enable_tenant_isolation('consent_change');
select enable_tenant_isolation('opt_out_setting');
select enable_tenant_isolation('opt_out_setting_change');
select enable_tenant_isolation('message_opt_out');
select enable_tenant_isolation('opt_out_daily');
select enable_tenant_isolation('consent_daily');
