-- Orders from the shop and their attribution to messages.
--
-- The shop posts order statuses (placed, cancelled, refunded) to its own callback URL; each status
-- of an order is one row of the append-only order_event log, idempotent on (account, order id,
-- status). An order counts while it has a PLACED row and neither a CANCELLED nor a REFUNDED one, so
-- a cancellation that arrives before its order gives the same result as one that arrives after.
--
-- Attribution credits each counted order to at most one message: the last message to the contact
-- before the order that the contact clicked within the click window, else (or, with the last-touch
-- model, whichever is later) the last one read within the view window (SMS has no reads: delivered
-- counts). Test messages never get credit. order_attribution_recount computes this from the raw rows;
-- order_attribution keeps it, maintained for the contacts an order, a late click or read, a new
-- contact, a rate or a changed setting touches (reattribute()), and rebuild_attribution() replaces it
-- with the recount. message_revenue and revenue_daily (by the local day the credited message was
-- sent to the contact, like stats_daily's cohorts) follow order_attribution through a statement-level
-- trigger, like the counters of V2.
--
-- Money is kept in minor units of the account's currency. An order in another currency is converted
-- with the account's rate; without a rate it is credited and counted as an order but its value stays
-- "unconverted" (revenue_minor null) and is counted apart, never dropped.

alter table account add column currency text not null default 'PLN' check (currency ~ '^[A-Z]{3}$');

-- Minor digits of ISO 4217 currencies (two unless listed), as java.util.Currency gives them.
create function currency_minor_digits(code text) returns integer
    language sql immutable parallel safe
    return case
        when code in ('BIF', 'CLP', 'DJF', 'GNF', 'ISK', 'JPY', 'KMF', 'KRW', 'PYG', 'RWF', 'UGX', 'UYI', 'VND',
                      'VUV', 'XAF', 'XOF', 'XPF') then 0
        when code in ('BHD', 'IQD', 'JOD', 'KWD', 'LYD', 'OMR', 'TND') then 3
        when code = 'CLF' then 4
        else 2 end;

-- The last Friday of November of a date's year (Black Friday), for the demo's seasonality.
create function black_friday(d date) returns date
    language sql immutable parallel safe
    return make_date(extract(year from d)::int, 11, 30)
        - ((extract(isodow from make_date(extract(year from d)::int, 11, 30))::int - 5 + 7) % 7);

-- Digits and the plus sign of a phone number: '+48 601 234 567' and '+48601234567' are one number.
create function phone_key(phone text) returns text
    language sql immutable parallel safe
    return regexp_replace(phone, '[^0-9+]', '', 'g');

-- ---------------------------------------------------------------- tables

-- The account's shop: the secret its order webhooks are signed with.
create table shop_integration (
    account_id     bigint      not null references account (id),
    display_name   text        not null,
    webhook_secret text        not null,
    integrated_at  timestamptz not null default now(),
    primary key (account_id)
);

-- How orders are credited; no row means the defaults (last click, 5 days; view 24 hours).
create table attribution_setting (
    account_id         bigint      not null references account (id),
    model              text        not null default 'LAST_CLICK' check (model in ('LAST_CLICK', 'LAST_TOUCH')),
    click_window_hours integer     not null default 120 check (click_window_hours between 1 and 2160),
    view_window_hours  integer     not null default 24 check (view_window_hours between 0 and 720),
    updated_at         timestamptz not null default now(),
    primary key (account_id)
);

-- One unit of currency is worth rate units of the account's currency.
create table currency_rate (
    account_id bigint         not null references account (id),
    currency   text           not null check (currency ~ '^[A-Z]{3}$'),
    rate       numeric(20, 10) not null check (rate > 0),
    updated_at timestamptz    not null default now(),
    primary key (account_id, currency)
);

create type order_status as enum ('PLACED', 'CANCELLED', 'REFUNDED');

-- Append-only log of the shop's order statuses. The contact as the shop named it (given_contact_id,
-- phone, email) and as resolved to one of the account's contacts (contact_id; null while unknown).
create table order_event (
    account_id       bigint        not null references account (id),
    order_id         text          not null,
    status           order_status  not null,
    placed_at        timestamptz   not null,
    value            numeric(20, 4) not null check (value >= 0),
    currency         text          not null check (currency ~ '^[A-Z]{3}$'),
    given_contact_id bigint,
    phone            text,
    email            text,
    contact_id       bigint,
    received_at      timestamptz   not null default now(),
    primary key (account_id, order_id, status)
);
create index order_event_contact on order_event (account_id, contact_id) where contact_id is not null;
create index order_event_unknown_phone on order_event (account_id, phone_key(phone)) where contact_id is null;
create index order_event_unknown_email on order_event (account_id, lower(email)) where contact_id is null;
create index order_event_unknown_id on order_event (account_id, given_contact_id) where contact_id is null;

-- Orders are matched to contacts by phone or e-mail; attribution reads a contact's recipients.
create index contact_phone_key on contact (account_id, phone_key(phone));
create index contact_email on contact (account_id, lower(email));
create index message_recipient_contact on message_recipient (account_id, contact_id);

-- The credited message of each counted order. day, channel, type and counted place it in the
-- rollups like the credited recipient in stats_daily. revenue_minor is null while unconverted.
create table order_attribution (
    account_id    bigint        not null references account (id),
    order_id      text          not null,
    contact_id    bigint        not null,
    placed_at     timestamptz   not null,
    message_id    bigint        not null,
    touch         text          not null check (touch in ('CLICK', 'VIEW')),
    touch_at      timestamptz   not null,
    sent_at       timestamptz   not null,
    day           date          not null,
    channel       channel       not null,
    type          message_type  not null,
    counted       boolean       not null,
    value         numeric(20, 4) not null,
    currency      text          not null,
    revenue_minor bigint,
    primary key (account_id, order_id)
);
create index order_attribution_message on order_attribution (account_id, message_id, placed_at);
create index order_attribution_contact on order_attribution (account_id, contact_id);

create table message_revenue (
    account_id    bigint not null,
    message_id    bigint not null,
    orders        bigint not null default 0,
    revenue_minor bigint not null default 0,
    unconverted   bigint not null default 0,
    primary key (account_id, message_id),
    foreign key (account_id, message_id) references message (account_id, id) on delete cascade
);

create table revenue_daily (
    account_id    bigint       not null references account (id),
    day           date         not null,
    channel       channel      not null,
    type          message_type not null,
    counted       boolean      not null,
    orders        bigint       not null default 0,
    revenue_minor bigint       not null default 0,
    unconverted   bigint       not null default 0,
    primary key (account_id, day, channel, type, counted)
);

-- ---------------------------------------------------------------- recount views

create view order_attribution_recount as
select o.account_id, o.order_id, o.contact_id, o.placed_at, t.message_id, t.touch, t.touch_at, t.sent_at,
       (t.sent_at at time zone a.time_zone)::date as day, t.channel, t.type, t.counted, o.value, o.currency,
       case when o.currency = a.currency then round(o.value * power(10::numeric, currency_minor_digits(a.currency)))::bigint
            when r.rate is not null
                then round(o.value * r.rate * power(10::numeric, currency_minor_digits(a.currency)))::bigint end as revenue_minor
from order_event o
join account a on a.id = o.account_id
left join attribution_setting s on s.account_id = o.account_id
left join currency_rate r on r.account_id = o.account_id and r.currency = o.currency
cross join lateral (
    select c.*
    from (select rc.message_id, 'CLICK' as touch, rc.clicked_at as touch_at, rc.sent_at, m.channel, m.type,
                 coalesce(g.supports_callbacks, true) as counted
          from message_recipient rc
          join message m on m.account_id = rc.account_id and m.id = rc.message_id
          left join sms_gateway g on g.account_id = m.account_id and g.id = m.gateway_id
          where rc.account_id = o.account_id and rc.contact_id = o.contact_id and m.type <> 'TEST'
            and rc.sent_at is not null
            and rc.clicked_at <= o.placed_at
            and rc.clicked_at >= o.placed_at - make_interval(hours => coalesce(s.click_window_hours, 120))
          union all
          select rc.message_id, 'VIEW', case when m.channel = 'SMS' then rc.delivered_at else rc.opened_at end,
                 rc.sent_at, m.channel, m.type, coalesce(g.supports_callbacks, true)
          from message_recipient rc
          join message m on m.account_id = rc.account_id and m.id = rc.message_id
          left join sms_gateway g on g.account_id = m.account_id and g.id = m.gateway_id
          where rc.account_id = o.account_id and rc.contact_id = o.contact_id and m.type <> 'TEST'
            and rc.sent_at is not null
            and case when m.channel = 'SMS' then rc.delivered_at else rc.opened_at end <= o.placed_at
            and case when m.channel = 'SMS' then rc.delivered_at else rc.opened_at end
                >= o.placed_at - make_interval(hours => coalesce(s.view_window_hours, 24))) c
    -- Last click: any click beats any view. Last touch: the latest of both. Ties: the later message.
    order by (coalesce(s.model, 'LAST_CLICK') = 'LAST_CLICK' and c.touch = 'CLICK') desc, c.touch_at desc,
             c.message_id desc
    limit 1) t
where o.status = 'PLACED' and o.contact_id is not null
  and not exists (select 1 from order_event x
                  where x.account_id = o.account_id and x.order_id = o.order_id and x.status <> 'PLACED');

create view message_revenue_recount as
select account_id, message_id, count(*) as orders, coalesce(sum(revenue_minor), 0)::bigint as revenue_minor,
       count(*) filter (where revenue_minor is null) as unconverted
from order_attribution_recount
group by 1, 2;

create view revenue_daily_recount as
select account_id, day, channel, type, counted, count(*) as orders,
       coalesce(sum(revenue_minor), 0)::bigint as revenue_minor,
       count(*) filter (where revenue_minor is null) as unconverted
from order_attribution_recount
group by 1, 2, 3, 4, 5;

-- ---------------------------------------------------------------- maintenance

-- Recomputes the attribution of every order of these contacts of one account and writes only what
-- changed. Callers serialise per contact (an advisory lock per contact, taken in one order), so an
-- order and a click of the same contact committed side by side never leave a stale credit.
create function reattribute(p_account bigint, p_contacts bigint[]) returns void
    language plpgsql as
$$
begin
    if p_contacts is null or cardinality(p_contacts) = 0 then
        return;
    end if;
    perform lock_contacts(p_contacts);
    with want as materialized (
        select * from order_attribution_recount
        where account_id = p_account and contact_id = any (p_contacts)
    ),
    gone as (
        delete from order_attribution a
        where a.account_id = p_account and a.contact_id = any (p_contacts)
          and not exists (select 1 from want w where w.order_id = a.order_id)
    )
    insert into order_attribution as a
    select * from want
    on conflict (account_id, order_id) do update
        set contact_id = excluded.contact_id, placed_at = excluded.placed_at, message_id = excluded.message_id,
            touch = excluded.touch, touch_at = excluded.touch_at, sent_at = excluded.sent_at, day = excluded.day,
            channel = excluded.channel, type = excluded.type, counted = excluded.counted, value = excluded.value,
            currency = excluded.currency, revenue_minor = excluded.revenue_minor
        where (a.contact_id, a.placed_at, a.message_id, a.touch, a.touch_at, a.sent_at, a.day, a.channel, a.type,
               a.counted, a.value, a.currency, a.revenue_minor)
              is distinct from
              (excluded.contact_id, excluded.placed_at, excluded.message_id, excluded.touch, excluded.touch_at,
               excluded.sent_at, excluded.day, excluded.channel, excluded.type, excluded.counted, excluded.value,
               excluded.currency, excluded.revenue_minor);
end;
$$;

-- One transaction-scoped advisory lock per contact, in one global order (no deadlocks between
-- callers); two contacts may share a lock, which only makes one wait.
create function lock_contacts(p_contacts bigint[]) returns void
    language plpgsql as
$$
begin
    perform pg_advisory_xact_lock(7016, k)
    from (select distinct hashint8(c) as k from unnest(p_contacts) c order by 1) keys;
end;
$$;

-- Every contact of the account with orders: what a changed setting or rate re-attributes.
create function reattribute_account(p_account bigint) returns void
    language sql as
$$
select reattribute(p_account, array(select distinct contact_id from order_event
                                    where account_id = p_account and contact_id is not null));
$$;

-- Replaces the attribution and its rollups of one account with the recount from the raw rows.
create function rebuild_attribution(p_account bigint) returns void
    language plpgsql as
$$
begin
    delete from order_attribution where account_id = p_account;
    insert into order_attribution select * from order_attribution_recount where account_id = p_account;
    delete from message_revenue where account_id = p_account;
    insert into message_revenue (account_id, message_id, orders, revenue_minor, unconverted)
    select account_id, message_id, count(*), coalesce(sum(revenue_minor), 0), count(*) filter (where revenue_minor is null)
    from order_attribution a
    where account_id = p_account and exists (select 1 from message m where m.account_id = a.account_id and m.id = a.message_id)
    group by 1, 2;
    delete from revenue_daily where account_id = p_account;
    insert into revenue_daily (account_id, day, channel, type, counted, orders, revenue_minor, unconverted)
    select account_id, day, channel, type, counted, count(*), coalesce(sum(revenue_minor), 0),
           count(*) filter (where revenue_minor is null)
    from order_attribution
    where account_id = p_account
    group by 1, 2, 3, 4, 5;
end;
$$;

-- Attribution deltas into the rollups: one signed row per old and new attribution.
create function order_attribution_rollups() returns trigger
    language plpgsql as
$$
declare
    src text;
begin
    src := case tg_op
        when 'INSERT' then 'select n.*, 1 as sign from n'
        when 'DELETE' then 'select o.*, -1 as sign from o'
        else 'select n.*, 1 as sign from n union all select o.*, -1 from o' end;
    execute format($q$
        with v as (%s),
        per_message as (
            select account_id, message_id, sum(sign) as orders, sum(sign * coalesce(revenue_minor, 0)) as revenue,
                   sum(sign) filter (where revenue_minor is null) as unconverted
            from v group by 1, 2
        ),
        upsert_message as (
            insert into message_revenue as t (account_id, message_id, orders, revenue_minor, unconverted)
            select p.account_id, p.message_id, p.orders, p.revenue, coalesce(p.unconverted, 0)
            from per_message p
            where (p.orders <> 0 or p.revenue <> 0 or coalesce(p.unconverted, 0) <> 0)
              and exists (select 1 from message m where m.account_id = p.account_id and m.id = p.message_id)
            order by p.account_id, p.message_id
            on conflict (account_id, message_id) do update
                set orders = t.orders + excluded.orders, revenue_minor = t.revenue_minor + excluded.revenue_minor,
                    unconverted = t.unconverted + excluded.unconverted
        ),
        per_day as (
            select account_id, day, channel, type, counted, sum(sign) as orders,
                   sum(sign * coalesce(revenue_minor, 0)) as revenue,
                   coalesce(sum(sign) filter (where revenue_minor is null), 0) as unconverted
            from v group by 1, 2, 3, 4, 5
        )
        insert into revenue_daily as t (account_id, day, channel, type, counted, orders, revenue_minor, unconverted)
        select account_id, day, channel, type, counted, orders, revenue, unconverted from per_day
        where orders <> 0 or revenue <> 0 or unconverted <> 0
        order by account_id, day, channel, type, counted
        on conflict (account_id, day, channel, type, counted) do update
            set orders = t.orders + excluded.orders, revenue_minor = t.revenue_minor + excluded.revenue_minor,
                unconverted = t.unconverted + excluded.unconverted
        $q$, src);
    return null;
end;
$$;

create trigger order_attribution_rollups_ins after insert on order_attribution
    referencing new table as n for each statement execute function order_attribution_rollups();
create trigger order_attribution_rollups_upd after update on order_attribution
    referencing old table as o new table as n for each statement execute function order_attribution_rollups();
create trigger order_attribution_rollups_del after delete on order_attribution
    referencing old table as o for each statement execute function order_attribution_rollups();

-- A late send, delivery, read or click (or a recipient added or removed) re-attributes the orders of
-- its contacts, if they have any. Named so that it fires before the counter triggers of V2: it takes
-- the contacts' locks before the transaction locks any counter row that an order writer also updates.
create function message_recipient_attribution() returns trigger
    language plpgsql as
$$
declare
    changed text;
    per_account record;
    v_accounts bigint[];
    v_contacts bigint[];
begin
    changed := case tg_op
        when 'INSERT' then 'select n.account_id, n.contact_id from n'
        when 'DELETE' then 'select o.account_id, o.contact_id from o'
        else 'select n.account_id, n.contact_id from n join o using (account_id, message_id, contact_id)
              where (n.sent_at, n.delivered_at, n.opened_at, n.clicked_at)
                    is distinct from (o.sent_at, o.delivered_at, o.opened_at, o.clicked_at)' end;
    -- Every contact's lock first, in one order across accounts, then account by account.
    execute format($q$
            select array_agg(c.account_id), array_agg(c.contact_id)
            from (select distinct x.account_id, x.contact_id from (%s) x) c
            where exists (select 1 from order_event e where e.account_id = c.account_id and e.contact_id = c.contact_id)
            $q$, changed) into v_accounts, v_contacts;
    if v_contacts is null then
        return null;
    end if;
    perform lock_contacts(v_contacts);
    for per_account in
        select u.account_id, array_agg(u.contact_id) as contacts
        from unnest(v_accounts, v_contacts) as u (account_id, contact_id)
        group by u.account_id
        loop
            perform reattribute(per_account.account_id, per_account.contacts);
        end loop;
    return null;
end;
$$;

create trigger message_recipient_attribution_ins after insert on message_recipient
    referencing new table as n for each statement execute function message_recipient_attribution();
create trigger message_recipient_attribution_upd after update on message_recipient
    referencing old table as o new table as n for each statement execute function message_recipient_attribution();
create trigger message_recipient_attribution_del after delete on message_recipient
    referencing old table as o for each statement execute function message_recipient_attribution();

-- A new contact takes over the orders that named it (its id, phone or e-mail) while it was unknown.
create function contact_claims_orders() returns trigger
    language plpgsql as
$$
declare
    per_account record;
begin
    for per_account in
        with claimed as (
            update order_event e set contact_id = n.id
            from n
            where e.account_id = n.account_id and e.contact_id is null
              and (e.given_contact_id = n.id or phone_key(e.phone) = phone_key(n.phone)
                   or lower(e.email) = lower(n.email))
            returning e.account_id, e.contact_id
        )
        select account_id, array_agg(distinct contact_id) as contacts from claimed group by account_id
        loop
            perform reattribute(per_account.account_id, per_account.contacts);
        end loop;
    return null;
end;
$$;

create trigger contact_claims_orders after insert on contact
    referencing new table as n for each statement execute function contact_claims_orders();

-- A changed setting, account currency or rate re-attributes the account's orders.
create function attribution_inputs_changed() returns trigger
    language plpgsql as
$$
declare
    account bigint;
begin
    for account in execute format(
            'select account_id from %s union select account_id from %s',
            case when tg_op = 'DELETE' then '(select null::bigint as account_id where false) x' else 'n' end,
            case when tg_op = 'INSERT' then '(select null::bigint as account_id where false) y' else 'o' end)
        loop
            perform reattribute_account(account);
        end loop;
    return null;
end;
$$;

do
$$
declare
    t text;
begin
    foreach t in array array ['attribution_setting', 'currency_rate']
        loop
            execute format('create trigger %1$s_changed_ins after insert on %1$I referencing new table as n '
                               'for each statement execute function attribution_inputs_changed()', t);
            execute format('create trigger %1$s_changed_upd after update on %1$I referencing old table as o '
                               'new table as n for each statement execute function attribution_inputs_changed()', t);
            execute format('create trigger %1$s_changed_del after delete on %1$I referencing old table as o '
                               'for each statement execute function attribution_inputs_changed()', t);
        end loop;
end;
$$;

-- ---------------------------------------------------------------- ingest

-- Stores one checked batch of order statuses of one account in one statement sequence (the caller's
-- transaction) and re-attributes the contacts it touches. Each row's contact is resolved by the
-- contact id, else the phone, else the e-mail. A status already stored is replaced only by a version
-- that ranks first (earliest placed_at, then smallest value, currency, contact fields), so replays in
-- any order leave the same row. Returns the rows stored or replaced and the rows of unknown contacts.
create function ingest_orders(p_account bigint, p_order_ids text[], p_statuses text[], p_placed timestamptz[],
                              p_values numeric[], p_currencies text[], p_contact_ids bigint[], p_phones text[],
                              p_emails text[], out stored integer, out unknown_contacts integer)
    language plpgsql as
$$
declare
    v_resolved bigint[];
    v_contacts bigint[];
begin
    -- The contact of each row: by id, else phone, else e-mail; null when the account has none such.
    select array_agg(
               coalesce((select c.id from contact c where c.account_id = p_account and c.id = u.given_contact_id),
                        (select c.id from contact c
                         where c.account_id = p_account and u.phone is not null
                           and phone_key(c.phone) = phone_key(u.phone)
                         order by c.id limit 1),
                        (select c.id from contact c
                         where c.account_id = p_account and u.email is not null and lower(c.email) = lower(u.email)
                         order by c.id limit 1))
               order by u.ord)
    into v_resolved
    from unnest(p_contact_ids, p_phones, p_emails) with ordinality as u (given_contact_id, phone, email, ord);

    -- Contacts before and after: a status may move an order's credit from one contact to another.
    select array_agg(distinct c) into v_contacts
    from (select c from unnest(v_resolved) c where c is not null
          union
          select e.contact_id from order_event e
          where e.account_id = p_account and e.contact_id is not null and e.order_id = any (p_order_ids)) x;
    perform lock_contacts(v_contacts);

    with order_input as (
        select u.order_id, u.status::order_status as status, u.placed_at, u.value, u.currency, u.given_contact_id,
               u.phone, u.email, u.contact_id
        from unnest(p_order_ids, p_statuses, p_placed, p_values, p_currencies, p_contact_ids, p_phones, p_emails,
                    v_resolved)
                 as u (order_id, status, placed_at, value, currency, given_contact_id, phone, email, contact_id)
    ),
    ranked as (
        select distinct on (order_id, status) *
        from order_input
        order by order_id, status, placed_at, value, currency, coalesce(given_contact_id, -1),
                 coalesce(phone, ''), coalesce(email, '')
    ),
    written as (
        insert into order_event as e (account_id, order_id, status, placed_at, value, currency, given_contact_id,
                                      phone, email, contact_id)
        select p_account, order_id, status, placed_at, value, currency, given_contact_id, phone, email, contact_id
        from ranked
        order by order_id, status
        on conflict (account_id, order_id, status) do update
            set placed_at = excluded.placed_at, value = excluded.value, currency = excluded.currency,
                given_contact_id = excluded.given_contact_id, phone = excluded.phone, email = excluded.email,
                contact_id = excluded.contact_id, received_at = now()
            where (excluded.placed_at, excluded.value, excluded.currency, coalesce(excluded.given_contact_id, -1),
                   coalesce(excluded.phone, ''), coalesce(excluded.email, ''))
                < (e.placed_at, e.value, e.currency, coalesce(e.given_contact_id, -1), coalesce(e.phone, ''),
                   coalesce(e.email, ''))
        returning 1
    )
    select (select count(*) from written), (select count(*) from ranked where contact_id is null)
    into stored, unknown_contacts;

    perform reattribute(p_account, v_contacts);
end;
$$;

-- ---------------------------------------------------------------- row-level security (V60's form)

do
$$
declare
    t text;
begin
    foreach t in array array ['shop_integration', 'attribution_setting', 'currency_rate', 'order_event',
        'order_attribution', 'message_revenue', 'revenue_daily']
        loop
            execute format('alter table %I enable row level security', t);
            execute format('alter table %I force row level security', t);
            execute format('create policy tenant_isolation on %I '
                               'using (account_id = (select app_account_id()) or (select app_all_accounts())) '
                               'with check (account_id = (select app_account_id()) or (select app_all_accounts()))', t);
        end loop;
end;
$$;
