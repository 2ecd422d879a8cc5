-- What sending costs: tariffs per sending integration with a validity start, the cost of each
-- recipient fixed when it is sent, and its rollups per message and per local day.
--
-- A tariff belongs to one integration (the provider name of message_provider(): 'sms:<gateway id>',
-- 'whatsapp', 'viber') and is valid from its valid_from until the next tariff of that integration
-- starts. Tariffs are never edited: a change is a new tariff with a later start, so the list of
-- tariffs is also the log of who changed what and when. Prices are in millionths (micros) of the
-- account's currency, so sums stay exact integers: SMS per billed part, WhatsApp per conversation
-- category, Viber per message; per destination country (from the E.164 prefix of the contact's
-- phone) with '*' for every other country. bills_undelivered says whether failed and unknown
-- outcomes are billed (SMS gateways bill a submitted part; Viber and WhatsApp bill delivered ones).
--
-- A recipient is priced once, when it becomes sent (a row trigger before insert or the update that
-- sets sent_at), from the tariff valid at its send time: cost is what it costs when delivered,
-- cost_undelivered when it fails or its outcome stays unknown. A later tariff never rewrites them.
-- A WhatsApp status report's pricing object (category, billable) reprices the recipient with the
-- tariff of its send time (ingest fold). A sent recipient without a tariff keeps a null cost and is
-- counted as unpriced, never as free.
--
-- message_cost and cost_daily (keyed like message_stats and stats_daily) follow the recipients
-- through a statement-level trigger, like the counters of V2; the *_recount views compute the same
-- from the raw rows and rebuild_costs() replaces the rollups with them. rebuild_counters() now also
-- rebuilds the cost rollups. price_recipients() prices sent recipients that have no cost yet, for
-- bulk loads that write recipients with their triggers off.

-- ---------------------------------------------------------------- reference: country of a phone

-- E.164 country prefixes of the countries a Polish shop sends to most; the longest prefix wins.
create table phone_country (
    prefix  text primary key check (prefix ~ '^[0-9]{1,4}$'),
    country text not null check (country ~ '^[A-Z]{2}$')
);
insert into phone_country (prefix, country)
values ('48', 'PL'), ('49', 'DE'), ('420', 'CZ'), ('421', 'SK'), ('380', 'UA'), ('370', 'LT'), ('371', 'LV'),
       ('372', 'EE'), ('375', 'BY'), ('43', 'AT'), ('44', 'GB'), ('353', 'IE'), ('33', 'FR'), ('32', 'BE'),
       ('31', 'NL'), ('352', 'LU'), ('41', 'CH'), ('39', 'IT'), ('34', 'ES'), ('351', 'PT'), ('45', 'DK'),
       ('46', 'SE'), ('47', 'NO'), ('358', 'FI'), ('36', 'HU'), ('40', 'RO'), ('359', 'BG'), ('385', 'HR'),
       ('386', 'SI'), ('30', 'GR'), ('1', 'US');

-- The country of an E.164 number ('+48 601 234 567' -> 'PL'); null when it does not start with '+'
-- and a known prefix.
create function phone_country(phone text) returns text
    language sql stable parallel safe
    return (select pc.country
            from phone_country pc
            where phone_key(phone) like '+' || pc.prefix || '%'
            order by length(pc.prefix) desc
            limit 1);

-- ---------------------------------------------------------------- SMS parts

-- Billed parts of an SMS body, the rule of the application's SmsParts (3GPP TS 23.038), which a test
-- compares with this on every edge: GSM-7 when every character is in the default alphabet or its
-- extension table (an extension character takes two septets and is never split), 160 septets in one
-- part and 153 per part when split; otherwise UCS-2, 70 UTF-16 units in one part and 67 per part (a
-- character beyond the basic plane takes two units and is never split). An empty body is one part.
create function sms_parts(body text) returns integer
    language plpgsql immutable parallel safe as
$$
declare
    -- Line feed, carriage return, form feed, dollar, apostrophe and backslash by their codes.
    basic constant text := '@£' || chr(36) || '¥èéùìòÇ' || chr(10) || 'Øø' || chr(13) || 'ÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&'
        || chr(39) || '()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
    extension constant text := chr(12) || '^{}' || chr(92) || '[~]|€';
    chars text[] := regexp_split_to_array(coalesce(body, ''), '');
    gsm boolean := true;
    ch text;
    widths integer[] := '{}';
    units integer := 0;
    used integer := 0;
    parts integer := 1;
    w integer;
    single integer;
    per_part integer;
begin
    foreach ch in array chars loop
        if strpos(basic, ch) = 0 and strpos(extension, ch) = 0 then
            gsm := false;
            exit;
        end if;
    end loop;
    foreach ch in array chars loop
        w := case when gsm then 1 + (strpos(extension, ch) > 0)::int else 1 + (ascii(ch) > 65535)::int end;
        widths := widths || w;
        units := units + w;
    end loop;
    single := case when gsm then 160 else 70 end;
    per_part := case when gsm then 153 else 67 end;
    if units <= single then
        return 1;
    end if;
    foreach w in array widths loop
        if used + w > per_part then
            parts := parts + 1;
            used := 0;
        end if;
        used := used + w;
    end loop;
    return parts;
end;
$$;

-- A message's billed SMS parts, kept with the message so pricing a recipient never re-reads the body.
alter table message add column sms_parts smallint;

create function message_sms_parts() returns trigger
    language plpgsql as
$$
begin
    new.sms_parts := case when new.channel = 'SMS' then sms_parts(new.content) end;
    return new;
end;
$$;

create trigger message_sms_parts before insert or update of content, channel on message
    for each row execute function message_sms_parts();

-- ---------------------------------------------------------------- tariffs

create table tariff (
    account_id        bigint      not null references account (id),
    id                bigint generated by default as identity,
    integration       text        not null check (integration ~ '^(sms:[0-9]+|whatsapp|viber)$'),
    valid_from        timestamptz not null,
    bills_undelivered boolean     not null,
    created_by        bigint      not null references app_user (id),
    created_at        timestamptz not null default now(),
    primary key (account_id, id),
    unique (account_id, integration, valid_from)
);

-- category: '' for SMS and Viber; WhatsApp's conversation category.
create table tariff_price (
    account_id   bigint not null,
    tariff_id    bigint not null,
    country      text   not null check (country ~ '^([A-Z]{2}|\*)$'),
    category     text   not null check (category in ('', 'MARKETING', 'UTILITY', 'AUTHENTICATION', 'SERVICE')),
    price_micros bigint not null check (price_micros between 0 and 1000000000),
    primary key (account_id, tariff_id, country, category),
    foreign key (account_id, tariff_id) references tariff (account_id, id) on delete cascade
);

-- The WhatsApp conversation category a message opens unless its status report says otherwise:
-- campaigns and birthday wishes are marketing, automations utility.
create function whatsapp_category(type message_type) returns text
    language sql immutable parallel safe
    return case when type in ('RULE', 'WORKFLOW') then 'UTILITY' else 'MARKETING' end;

-- The cost in micros of one recipient when delivered and when not, from the tariff of its
-- integration valid at p_sent_at; no row without such a tariff or price. p_category: WhatsApp's
-- category from its report, null for the message type's default.
create function recipient_price(p_account bigint, p_message bigint, p_contact bigint, p_sent_at timestamptz,
                                p_category text)
    returns table (cost bigint, cost_undelivered bigint)
    language sql stable as
$$
select pr.price_micros * u.units,
       case when t.bills_undelivered then pr.price_micros * u.units else 0 end
from message m
cross join lateral (
    select case when m.channel = 'SMS' then coalesce(m.sms_parts, sms_parts(m.content)) else 1 end as units,
           case when m.channel = 'WHATSAPP' then coalesce(p_category, whatsapp_category(m.type)) else '' end
               as category,
           coalesce((select phone_country(c.phone) from contact c where c.account_id = p_account and c.id = p_contact),
                    '*') as country) u
cross join lateral (
    select t.id, t.bills_undelivered
    from tariff t
    where t.account_id = m.account_id and t.integration = message_provider(m.channel, m.gateway_id)
      and t.valid_from <= p_sent_at
    order by t.valid_from desc
    limit 1) t
cross join lateral (
    select p.price_micros
    from tariff_price p
    where p.account_id = m.account_id and p.tariff_id = t.id and p.category = u.category
      and p.country in (u.country, '*')
    order by p.country = '*'
    limit 1) pr
where m.account_id = p_account and m.id = p_message;
$$;

-- ---------------------------------------------------------------- recipients priced when sent

alter table message_recipient add column cost bigint;
alter table message_recipient add column cost_undelivered bigint;

create function message_recipient_price() returns trigger
    language plpgsql as
$$
begin
    select p.cost, p.cost_undelivered into new.cost, new.cost_undelivered
    from recipient_price(new.account_id, new.message_id, new.contact_id, new.sent_at, null) p;
    return new;
end;
$$;

create trigger message_recipient_price before insert or update of sent_at on message_recipient
    for each row when (new.sent_at is not null and new.cost is null) execute function message_recipient_price();

-- Prices the account's sent recipients that have no cost yet (a bulk load with triggers off) and
-- returns how many got a price; the statement goes through the cost rollup trigger when that is on.
create function price_recipients(p_account bigint) returns bigint
    language sql as
$$
with priced as (
    update message_recipient r
    set (cost, cost_undelivered) = (select p.cost, p.cost_undelivered
                                    from recipient_price(r.account_id, r.message_id, r.contact_id, r.sent_at, null) p)
    where r.account_id = p_account and r.sent_at is not null and r.cost is null
    returning r.cost
)
select count(cost) from priced;
$$;

-- ---------------------------------------------------------------- rollups

-- What a recipient costs as it stands: sent and delivered, sent and not (failed or unknown), not sent.
create function billed_micros(sent_at timestamptz, delivered_at timestamptz, cost bigint, cost_undelivered bigint)
    returns bigint
    language sql immutable parallel safe
    return case when sent_at is null then 0
                when delivered_at is not null then coalesce(cost, 0)
                else coalesce(cost_undelivered, 0) end;

create table message_cost (
    account_id  bigint not null,
    message_id  bigint not null,
    cost_micros bigint not null default 0,
    unpriced    bigint not null default 0,
    primary key (account_id, message_id),
    foreign key (account_id, message_id) references message (account_id, id) on delete cascade
);

create table cost_daily (
    account_id  bigint       not null references account (id),
    day         date         not null,
    channel     channel      not null,
    type        message_type not null,
    counted     boolean      not null,
    cost_micros bigint       not null default 0,
    unpriced    bigint       not null default 0,
    primary key (account_id, day, channel, type, counted)
);

-- Only rows with something to count: a trigger never writes a rollup row of nothing.
create view message_cost_recount as
select account_id, message_id,
       sum(billed_micros(sent_at, delivered_at, cost, cost_undelivered))::bigint as cost_micros,
       count(*) filter (where sent_at is not null and cost is null)              as unpriced
from message_recipient
where sent_at is not null
group by 1, 2
having sum(billed_micros(sent_at, delivered_at, cost, cost_undelivered)) <> 0 or count(*) filter (where cost is null) <> 0;

create view cost_daily_recount as
select r.account_id, (r.sent_at at time zone a.time_zone)::date as day, m.channel, m.type,
       coalesce(g.supports_callbacks, true) as counted,
       sum(billed_micros(r.sent_at, r.delivered_at, r.cost, r.cost_undelivered))::bigint as cost_micros,
       count(*) filter (where r.cost is null) as unpriced
from message_recipient r
join message m on m.account_id = r.account_id and m.id = r.message_id
join account a on a.id = r.account_id
left join sms_gateway g on g.account_id = m.account_id and g.id = m.gateway_id
where r.sent_at is not null
group by 1, 2, 3, 4, 5
having sum(billed_micros(r.sent_at, r.delivered_at, r.cost, r.cost_undelivered)) <> 0 or count(*) filter (where r.cost is null) <> 0;

-- Signed recipient versions into both cost rollups; versions that cost the same cancel out.
create function message_recipient_cost() returns trigger
    language plpgsql as
$$
declare
    versions text := case tg_op
        when 'INSERT' then 'select n.account_id, n.message_id, n.sent_at, n.delivered_at, n.cost, n.cost_undelivered, 1 as sign from n'
        when 'DELETE' then 'select o.account_id, o.message_id, o.sent_at, o.delivered_at, o.cost, o.cost_undelivered, -1 as sign from o'
        else 'select n.account_id, n.message_id, n.sent_at, n.delivered_at, n.cost, n.cost_undelivered, 1 as sign from n '
             'union all select o.account_id, o.message_id, o.sent_at, o.delivered_at, o.cost, o.cost_undelivered, -1 from o' end;
begin
    execute format($q$
        with signed as (
            select s.account_id, s.message_id, s.sent_at,
                   s.sign * billed_micros(s.sent_at, s.delivered_at, s.cost, s.cost_undelivered) as micros,
                   s.sign * (s.cost is null)::int as unpriced
            from (%s) s
            where s.sent_at is not null
        ),
        by_message as (
            select account_id, message_id, sum(micros) as micros, sum(unpriced) as unpriced
            from signed group by 1, 2
            having sum(micros) <> 0 or sum(unpriced) <> 0
        ),
        message_rows as (
            insert into message_cost as t (account_id, message_id, cost_micros, unpriced)
            select b.account_id, b.message_id, b.micros, b.unpriced
            from by_message b
            where exists (select 1 from message m where m.account_id = b.account_id and m.id = b.message_id)
            order by 1, 2
            on conflict (account_id, message_id) do update
                set cost_micros = t.cost_micros + excluded.cost_micros, unpriced = t.unpriced + excluded.unpriced
        ),
        by_day as (
            select s.account_id, (s.sent_at at time zone a.time_zone)::date as day, m.channel, m.type,
                   coalesce(g.supports_callbacks, true) as counted, sum(s.micros) as micros, sum(s.unpriced) as unpriced
            from signed s
            join message m on m.account_id = s.account_id and m.id = s.message_id
            join account a on a.id = s.account_id
            left join sms_gateway g on g.account_id = m.account_id and g.id = m.gateway_id
            group by 1, 2, 3, 4, 5
            having sum(s.micros) <> 0 or sum(s.unpriced) <> 0
        )
        insert into cost_daily as t (account_id, day, channel, type, counted, cost_micros, unpriced)
        select account_id, day, channel, type, counted, micros, unpriced from by_day
        order by 1, 2, 3, 4, 5
        on conflict (account_id, day, channel, type, counted) do update
            set cost_micros = t.cost_micros + excluded.cost_micros, unpriced = t.unpriced + excluded.unpriced
        $q$, versions);
    return null;
end;
$$;

create trigger message_recipient_cost_ins after insert on message_recipient
    referencing new table as n for each statement execute function message_recipient_cost();
create trigger message_recipient_cost_upd after update on message_recipient
    referencing old table as o new table as n for each statement execute function message_recipient_cost();
create trigger message_recipient_cost_del after delete on message_recipient
    referencing old table as o for each statement execute function message_recipient_cost();

-- Replaces the cost rollups of one account with the recount from the raw rows.
create function rebuild_costs(p_account bigint) returns void
    language plpgsql as
$$
begin
    delete from message_cost where account_id = p_account;
    insert into message_cost (account_id, message_id, cost_micros, unpriced)
    select account_id, message_id, cost_micros, unpriced from message_cost_recount where account_id = p_account;
    delete from cost_daily where account_id = p_account;
    insert into cost_daily (account_id, day, channel, type, counted, cost_micros, unpriced)
    select account_id, day, channel, type, counted, cost_micros, unpriced
    from cost_daily_recount where account_id = p_account;
end;
$$;

-- rebuild_counters() keeps its job under a new name and rebuilds the cost rollups after it.
alter function rebuild_counters(bigint) rename to rebuild_counts;

create function rebuild_counters(p_account_id bigint) returns void
    language plpgsql as
$$
begin
    perform rebuild_counts(p_account_id);
    perform rebuild_costs(p_account_id);
end;
$$;

-- ---------------------------------------------------------------- WhatsApp pricing in reports

-- The pricing object of a WhatsApp status report: its conversation category and whether billable.
alter table delivery_event add column pricing_category text;
alter table delivery_event add column billable boolean;

-- ---------------------------------------------------------------- row-level security (V60's form, V105's helper)

select enable_tenant_isolation('tariff');
select enable_tenant_isolation('tariff_price');
select enable_tenant_isolation('message_cost');
select enable_tenant_isolation('cost_daily');
