-- The schema as the migrations V1 to V178 left it, in one script: a database created from now on
-- runs this instead of those 41 steps. A database that already ran them keeps them: the app marks
-- them as replaced in its history and migrates on from there (core.db.SquashedMigrations). The steps
-- and the reasons for each are in the history of this folder; docs/ explains the design.
-- Function bodies are checked when first called, not while this script creates them in an order
-- that puts some functions before the tables they read.
select set_config('check_function_bodies', 'false', true);

CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;


CREATE TYPE public.alert_kind AS ENUM (
    'DELIVERY_RATE_DROP',
    'ERROR_CODE_SPIKE',
    'CALLBACKS_STOPPED',
    'FOLD_BACKLOG'
);

CREATE TYPE public.channel AS ENUM (
    'SMS',
    'WHATSAPP',
    'VIBER'
);

CREATE TYPE public.export_state AS ENUM (
    'QUEUED',
    'RUNNING',
    'DONE',
    'FAILED'
);

CREATE TYPE public.message_state AS ENUM (
    'SCHEDULED',
    'SENDING',
    'SENT',
    'CANCELLED'
);

CREATE TYPE public.message_type AS ENUM (
    'BULK',
    'RULE',
    'WORKFLOW',
    'BIRTHDAY',
    'TEST'
);

CREATE TYPE public.order_status AS ENUM (
    'PLACED',
    'CANCELLED',
    'REFUNDED'
);

CREATE TYPE public.user_role AS ENUM (
    'MARKETER',
    'SUPPORT'
);

CREATE FUNCTION public.activity_bucket(t timestamp with time zone) RETURNS timestamp with time zone
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN date_bin('00:05:00'::interval, t, '2000-01-01 00:00:00+00'::timestamp with time zone);

CREATE FUNCTION public.analytics_hour(t timestamp with time zone) RETURNS timestamp with time zone
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN date_bin('01:00:00'::interval, t, '2000-01-01 00:00:00+00'::timestamp with time zone);

CREATE FUNCTION public.analytics_latency_bucket(seconds double precision) RETURNS integer
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN CASE WHEN (seconds < (0.1)::double precision) THEN 0 ELSE (1 + (floor((ln((seconds / (0.1)::double precision)) / (ln(1.05))::double precision)))::integer) END;

CREATE FUNCTION public.app_account_id() RETURNS bigint
    LANGUAGE sql STABLE PARALLEL SAFE
    RETURN (NULLIF(current_setting('app.account_id'::text, true), ''::text))::bigint;

CREATE FUNCTION public.app_all_accounts() RETURNS boolean
    LANGUAGE sql STABLE PARALLEL SAFE
    RETURN (COALESCE(current_setting('app.all_accounts'::text, true), ''::text) = 'on'::text);

CREATE FUNCTION public.attribution_inputs_changed() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
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

CREATE FUNCTION public.billed_micros(sent_at timestamp with time zone, delivered_at timestamp with time zone, cost bigint, cost_undelivered bigint) RETURNS bigint
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN CASE WHEN (sent_at IS NULL) THEN (0)::bigint WHEN (delivered_at IS NOT NULL) THEN COALESCE(cost, (0)::bigint) ELSE COALESCE(cost_undelivered, (0)::bigint) END;

CREATE FUNCTION public.black_friday(d date) RETURNS date
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN (make_date((EXTRACT(year FROM d))::integer, 11, 30) - ((((EXTRACT(isodow FROM make_date((EXTRACT(year FROM d))::integer, 11, 30)))::integer - 5) + 7) % 7));

CREATE FUNCTION public.campaign_reach_count(p_account bigint, p_campaign bigint) RETURNS TABLE(reached bigint, several bigint, reached_sms bigint, reached_whatsapp bigint, reached_viber bigint, first_sms bigint, first_whatsapp bigint, first_viber bigint, not_by_sms bigint, whatsapp_not_by_sms bigint, viber_not_by_sms bigint)
    LANGUAGE sql STABLE
    AS $$
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

CREATE FUNCTION public.campaign_reach_created() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
begin
    insert into campaign_reach (account_id, campaign_id) values (new.account_id, new.id)
    on conflict do nothing;
    return null;
end;
$$;

CREATE FUNCTION public.channel_part(sms boolean, whatsapp boolean, viber boolean) RETURNS smallint
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
select (sms::int + 2 * whatsapp::int + 4 * viber::int)::smallint;
$$;

CREATE FUNCTION public.click_event_analytics() RETURNS trigger
    LANGUAGE plpgsql
    AS $_$
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
$_$;

CREATE FUNCTION public.consent_change_append_only() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
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

CREATE FUNCTION public.consent_change_inserted() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
declare
    account bigint;
begin
    for account in select distinct account_id from n
        loop
            if (select count(distinct contact_id) from n where account_id = account) > 1000 then
                perform pg_advisory_xact_lock(7017, account::integer);
            else
                perform pg_advisory_xact_lock_shared(7017, account::integer);
                perform lock_keys(7018, array(select distinct contact_id from n
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
        select h.account_id, h.contact_id, h.channel, h.changed_at, h.opted_in, x.id is not null as fresh
        from consent_change h
        left join n x on x.account_id = h.account_id and x.id = h.id
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

    -- Opt-outs credited to a message that did not have this contact's opt-out before: all of the
    -- contact's opt-outs credited to the message are this statement's.
    with mine as (
        select account_id, message_id, contact_id, count(*) as changes
        from n
        where message_id is not null and contact_id is not null and not opted_in
        group by 1, 2, 3
    ),
    credited as (
        select f.account_id, f.message_id, k.day, k.channel, k.type, k.counted
        from mine f
        cross join lateral opt_out_cohort(f.account_id, f.message_id) k
        where f.changes = (select count(*) from consent_change h
                           where h.account_id = f.account_id and h.message_id = f.message_id
                             and h.contact_id = f.contact_id and not h.opted_in)
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

CREATE FUNCTION public.contact_claims_orders() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
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

CREATE FUNCTION public.contact_consent_counters() RETURNS trigger
    LANGUAGE plpgsql
    AS $_$
declare
    new_rows text := case when tg_op = 'DELETE' then '(select * from contact_consent where false)' else 'n' end;
    old_rows text := case when tg_op = 'INSERT' then '(select * from contact_consent where false)' else 'o' end;
begin
    execute format($q$
        with per_channel as (
            select account_id, channel::text as scope, sum(sign) as delta
            from (select account_id, channel, 1 as sign from %1$s nn where nn.opted_in
                  union all
                  select account_id, channel, -1 from %2$s oo where oo.opted_in) x
            group by 1, 2
            having sum(sign) <> 0
        ),
        affected as (
            select account_id, contact_id from %1$s nn
            union
            select account_id, contact_id from %2$s oo
        ),
        per_contact as (
            select a.account_id,
                   exists (select 1 from contact_consent c
                           where c.account_id = a.account_id and c.contact_id = a.contact_id and c.opted_in) as after_any,
                   exists (select 1 from %2$s oo
                           where oo.account_id = a.account_id and oo.contact_id = a.contact_id and oo.opted_in)
                   or exists (select 1 from contact_consent c
                              where c.account_id = a.account_id and c.contact_id = a.contact_id and c.opted_in
                                and not exists (select 1 from %1$s nn
                                                where nn.account_id = c.account_id and nn.contact_id = c.contact_id
                                                  and nn.channel = c.channel)) as before_any
            from affected a
        ),
        any_delta as (
            select account_id, 'ANY' as scope, sum(after_any::int - before_any::int) as delta
            from per_contact group by account_id
            having sum(after_any::int - before_any::int) <> 0
        )
        insert into optin_count as t (account_id, scope, contacts)
        select account_id, scope, delta from per_channel
        union all
        select account_id, scope, delta from any_delta
        on conflict (account_id, scope) do update set contacts = t.contacts + excluded.contacts
        $q$, new_rows, old_rows);
    return null;
end;
$_$;

CREATE FUNCTION public.contact_opt_in_flags(p_account_id bigint, p_contact_id bigint, OUT sms boolean, OUT whatsapp boolean, OUT viber boolean) RETURNS record
    LANGUAGE sql STABLE
    AS $$
select coalesce(bool_or(channel = 'SMS'), false),
       coalesce(bool_or(channel = 'WHATSAPP'), false),
       coalesce(bool_or(channel = 'VIBER'), false)
from contact_consent
where account_id = p_account_id and contact_id = p_contact_id and opted_in;
$$;

CREATE FUNCTION public.contact_opted_in_any() RETURNS trigger
    LANGUAGE plpgsql
    AS $_$
declare
    affected text := case tg_op
        when 'INSERT' then 'select account_id, contact_id from n'
        when 'DELETE' then 'select account_id, contact_id from o'
        else 'select account_id, contact_id from n union select account_id, contact_id from o' end;
begin
    execute format($q$
        with a as (%s)
        update contact c
        set opted_in_sms = f.sms, opted_in_whatsapp = f.whatsapp, opted_in_viber = f.viber
        from (select distinct account_id, contact_id from a) a
        cross join lateral contact_opt_in_flags(a.account_id, a.contact_id) f
        where c.account_id = a.account_id and c.id = a.contact_id
          and (c.opted_in_sms, c.opted_in_whatsapp, c.opted_in_viber) is distinct from (f.sms, f.whatsapp, f.viber)
        $q$, affected);
    return null;
end;
$_$;

CREATE FUNCTION public.contact_optin_overlap() RETURNS trigger
    LANGUAGE plpgsql
    AS $_$
declare
    versions text[] := '{}';
begin
    if tg_op <> 'DELETE' then
        versions := versions || 'select account_id, opted_in_sms, opted_in_whatsapp, opted_in_viber, 1 as sign from n'::text;
    end if;
    if tg_op <> 'INSERT' then
        versions := versions || 'select account_id, opted_in_sms, opted_in_whatsapp, opted_in_viber, -1 as sign from o'::text;
    end if;
    execute format($q$
        insert into optin_overlap as t (account_id, part, contacts)
        select account_id, channel_part(opted_in_sms, opted_in_whatsapp, opted_in_viber), sum(sign)
        from (%s) version
        where opted_in_sms or opted_in_whatsapp or opted_in_viber
        group by 1, 2
        having sum(sign) <> 0
        on conflict (account_id, part) do update set contacts = t.contacts + excluded.contacts
        $q$, array_to_string(versions, ' union all '));
    return null;
end;
$_$;

CREATE FUNCTION public.create_transition_triggers(p_table regclass, p_function text) RETURNS void
    LANGUAGE plpgsql
    AS $$
declare
    event text;
    tables text;
begin
    foreach event in array array['insert', 'update', 'delete'] loop
        tables := case event when 'insert' then 'new table as n' when 'delete' then 'old table as o'
                             else 'old table as o new table as n' end;
        execute format('create trigger %I after %s on %s referencing %s for each statement execute function %I()',
                       p_function || '_' || left(event, 3), event, p_table, tables, p_function);
    end loop;
end;
$$;

CREATE FUNCTION public.currency_minor_digits(code text) RETURNS integer
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN CASE WHEN (code = ANY (ARRAY['BIF'::text, 'CLP'::text, 'DJF'::text, 'GNF'::text, 'ISK'::text, 'JPY'::text, 'KMF'::text, 'KRW'::text, 'PYG'::text, 'RWF'::text, 'UGX'::text, 'UYI'::text, 'VND'::text, 'VUV'::text, 'XAF'::text, 'XOF'::text, 'XPF'::text])) THEN 0 WHEN (code = ANY (ARRAY['BHD'::text, 'IQD'::text, 'JOD'::text, 'KWD'::text, 'LYD'::text, 'OMR'::text, 'TND'::text])) THEN 3 WHEN (code = 'CLF'::text) THEN 4 ELSE 2 END;

CREATE FUNCTION public.demo_random(seed bigint, k1 bigint, k2 integer) RETURNS double precision
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN ((((hashint8extended(((k1 * 64) + k2), seed) >> 11) & '9007199254740991'::bigint))::double precision / (9007199254740992.0)::double precision);

CREATE FUNCTION public.enable_tenant_isolation(p_table regclass) RETURNS void
    LANGUAGE plpgsql
    AS $$
begin
    execute format('alter table %s enable row level security', p_table);
    execute format('alter table %s force row level security', p_table);
    execute format('create policy tenant_isolation on %s '
                       'using (account_id = (select app_account_id()) or (select app_all_accounts())) '
                       'with check (account_id = (select app_account_id()) or (select app_all_accounts()))',
                   p_table);
end;
$$;

CREATE FUNCTION public.fold_text(t text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN lower(translate(t, 'ĄĆĘŁŃÓŚŹŻąćęłńóśźż'::text, 'ACELNOSZZacelnoszz'::text));

CREATE FUNCTION public.ingest_orders(p_account bigint, p_order_ids text[], p_statuses text[], p_placed timestamp with time zone[], p_values numeric[], p_currencies text[], p_contact_ids bigint[], p_phones text[], p_emails text[], OUT stored integer, OUT unknown_contacts integer) RETURNS record
    LANGUAGE plpgsql
    AS $$
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

    perform reattribute_orders(p_account, p_order_ids);
end;
$$;

CREATE TABLE public.message_recipient (
    account_id bigint NOT NULL,
    message_id bigint NOT NULL,
    contact_id bigint NOT NULL,
    provider_message_id text,
    sent_at timestamp with time zone,
    delivered_at timestamp with time zone,
    opened_at timestamp with time zone,
    clicked_at timestamp with time zone,
    failed_at timestamp with time zone,
    error_code text,
    error_permanent boolean,
    cost bigint,
    cost_undelivered bigint
);

ALTER TABLE ONLY public.message_recipient FORCE ROW LEVEL SECURITY;

CREATE FUNCTION public.integration_activity_add(p_added public.message_recipient[], p_removed public.message_recipient[]) RETURNS void
    LANGUAGE sql
    AS $$
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

CREATE FUNCTION public.lock_contacts(p_contacts bigint[]) RETURNS void
    LANGUAGE plpgsql
    AS $$
begin
    perform pg_advisory_xact_lock_shared(7020, 0);
    perform lock_keys(7016, p_contacts);
end;
$$;

CREATE FUNCTION public.lock_keys(p_space integer, p_ids bigint[]) RETURNS void
    LANGUAGE plpgsql
    AS $$
begin
    perform pg_advisory_xact_lock(p_space, k)
    from (select distinct hashint8(c) as k from unnest(p_ids) c order by 1) keys;
end;
$$;

CREATE FUNCTION public.lock_keys_shared(p_space integer, p_ids bigint[]) RETURNS void
    LANGUAGE plpgsql
    AS $$
begin
    perform pg_advisory_xact_lock_shared(p_space, k)
    from (select distinct hashint8(c) as k from unnest(p_ids) c order by 1) keys;
end;
$$;

CREATE FUNCTION public.mark_reach_days(p_account_id bigint) RETURNS void
    LANGUAGE sql
    AS $$
insert into reach_sketch_dirty (account_id, day)
select distinct account_id, day from stats_daily where account_id = p_account_id and delivered > 0
on conflict (account_id, day) do nothing;
$$;

CREATE FUNCTION public.message_campaign_changed() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
begin
    update campaign_reach c
    set version = c.version + 1
    where c.account_id = old.account_id
      and (c.campaign_id = old.campaign_id or (tg_op = 'UPDATE' and c.campaign_id = new.campaign_id));
    return null;
end;
$$;

CREATE FUNCTION public.message_provider(channel public.channel, gateway_id bigint) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN CASE channel WHEN 'SMS'::public.channel THEN ('sms:'::text || gateway_id) WHEN 'WHATSAPP'::public.channel THEN 'whatsapp'::text WHEN 'VIBER'::public.channel THEN 'viber'::text ELSE NULL::text END;

CREATE FUNCTION public.message_recipient_activity() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
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

CREATE FUNCTION public.message_recipient_analytics() RETURNS trigger
    LANGUAGE plpgsql
    AS $_$
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
$_$;

CREATE FUNCTION public.message_recipient_attribution() RETURNS trigger
    LANGUAGE plpgsql
    AS $_$
declare
    changed text;
    per_account record;
    v_accounts bigint[];
    v_contacts bigint[];
    v_since timestamptz[];
begin
    changed := case tg_op
        when 'INSERT' then 'select n.account_id, n.contact_id,
                                   least(n.sent_at, n.delivered_at, n.opened_at, n.clicked_at) as since
                            from n'
        when 'DELETE' then 'select o.account_id, o.contact_id,
                                   least(o.sent_at, o.delivered_at, o.opened_at, o.clicked_at) as since
                            from o'
        else 'select n.account_id, n.contact_id,
                     least(n.sent_at, n.delivered_at, n.opened_at, n.clicked_at,
                           o.sent_at, o.delivered_at, o.opened_at, o.clicked_at) as since
              from n join o using (account_id, message_id, contact_id)
              where (n.sent_at, n.delivered_at, n.opened_at, n.clicked_at)
                    is distinct from (o.sent_at, o.delivered_at, o.opened_at, o.clicked_at)' end;
    -- Each changed contact with the earliest timestamp of its changed rows (none: nothing to credit).
    execute format($q$
            select array_agg(x.account_id), array_agg(x.contact_id), array_agg(x.since)
            from (select account_id, contact_id, min(since) as since
                  from (%s) c
                  where since is not null
                  group by account_id, contact_id) x
            $q$, changed) into v_accounts, v_contacts, v_since;
    if v_contacts is null then
        return null;
    end if;
    if cardinality(v_contacts) > 5000 then
        perform pg_advisory_xact_lock(7020, 0);
    else
        perform lock_keys_shared(7016, v_contacts);
    end if;
    -- After the locks, in a statement of its own: the orders of batches that committed meanwhile count.
    select array_agg(u.account_id), array_agg(u.contact_id)
    into v_accounts, v_contacts
    from unnest(v_accounts, v_contacts, v_since) as u (account_id, contact_id, since)
    where exists (select 1 from order_event e
                  where e.account_id = u.account_id and e.contact_id = u.contact_id and e.placed_at >= u.since);
    if v_contacts is null then
        return null;
    end if;
    perform lock_keys(7019, v_contacts);
    for per_account in
        select u.account_id, array_agg(u.contact_id) as contacts
        from unnest(v_accounts, v_contacts) as u (account_id, contact_id)
        group by u.account_id
        loop
            perform reattribute_contacts(per_account.account_id, per_account.contacts);
        end loop;
    return null;
end;
$_$;

CREATE FUNCTION public.message_recipient_campaigns() RETURNS trigger
    LANGUAGE plpgsql
    AS $_$
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
$_$;

CREATE FUNCTION public.message_recipient_cost() RETURNS trigger
    LANGUAGE plpgsql
    AS $_$
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
$_$;

CREATE FUNCTION public.message_recipient_counters() RETURNS trigger
    LANGUAGE plpgsql
    AS $_$
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
        d as (
            select v.account_id, v.message_id, v.sent_at,
                   v.sign                                                               as recipients,
                   v.sign * (v.sent_at is not null)::int                                as sent,
                   v.sign * (v.delivered_at is not null)::int                           as delivered,
                   v.sign * (v.opened_at is not null)::int                              as opened,
                   v.sign * (v.clicked_at is not null)::int                             as clicked,
                   v.sign * (v.failed_at is not null and v.delivered_at is null)::int   as failed
            from v
        ),
        per_message as (
            select account_id, message_id, sum(recipients) r, sum(sent) s, sum(delivered) dl,
                   sum(opened) op, sum(clicked) cl, sum(failed) f
            from d group by account_id, message_id
            having sum(recipients) <> 0 or sum(sent) <> 0 or sum(delivered) <> 0 or sum(opened) <> 0
                or sum(clicked) <> 0 or sum(failed) <> 0
        ),
        upsert_message as (
            insert into message_stats as t (account_id, message_id, recipients, sent, delivered, opened, clicked, failed)
            select p.account_id, p.message_id, p.r, p.s, p.dl, p.op, p.cl, p.f
            from per_message p
            where exists (select 1 from message m where m.account_id = p.account_id and m.id = p.message_id)
            on conflict (account_id, message_id) do update
                set recipients = t.recipients + excluded.recipients, sent = t.sent + excluded.sent,
                    delivered = t.delivered + excluded.delivered, opened = t.opened + excluded.opened,
                    clicked = t.clicked + excluded.clicked, failed = t.failed + excluded.failed
        ),
        per_day as (
            select d.account_id, (d.sent_at at time zone a.time_zone)::date as day, m.channel, m.type,
                   coalesce(g.supports_callbacks, true) as counted,
                   sum(d.sent) s, sum(d.delivered) dl, sum(d.opened) op, sum(d.clicked) cl, sum(d.failed) f
            from d
                     join message m on m.account_id = d.account_id and m.id = d.message_id
                     join account a on a.id = d.account_id
                     left join sms_gateway g on g.account_id = m.account_id and g.id = m.gateway_id
            where d.sent_at is not null
            group by 1, 2, 3, 4, 5
            having sum(d.sent) <> 0 or sum(d.delivered) <> 0 or sum(d.opened) <> 0 or sum(d.clicked) <> 0
                or sum(d.failed) <> 0
        )
        insert into stats_daily as t (account_id, day, channel, type, counted, sent, delivered, opened, clicked, failed)
        select account_id, day, channel, type, counted, s, dl, op, cl, f from per_day
        on conflict (account_id, day, channel, type, counted) do update
            set sent = t.sent + excluded.sent, delivered = t.delivered + excluded.delivered,
                opened = t.opened + excluded.opened, clicked = t.clicked + excluded.clicked,
                failed = t.failed + excluded.failed
        $q$, src);
    return null;
end;
$_$;

CREATE FUNCTION public.message_recipient_hourly() RETURNS trigger
    LANGUAGE plpgsql
    AS $_$
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
        per_hour as (
            select v.account_id,
                   (v.sent_at at time zone a.time_zone)::date                      as day,
                   extract(hour from v.sent_at at time zone a.time_zone)::smallint as hour,
                   m.channel,
                   sum(v.sign)                                                     as s,
                   sum(v.sign * (v.delivered_at is not null)::int)                 as dl,
                   sum(v.sign * (v.opened_at is not null)::int)                    as op,
                   sum(v.sign * (v.clicked_at is not null)::int)                   as cl
            from v
                     join message m on m.account_id = v.account_id and m.id = v.message_id
                     join account a on a.id = v.account_id
                     left join sms_gateway g on g.account_id = m.account_id and g.id = m.gateway_id
            where v.sent_at is not null
              and m.type <> 'TEST'
              and coalesce(g.supports_callbacks, true)
            group by 1, 2, 3, 4
            having sum(v.sign) <> 0 or sum(v.sign * (v.delivered_at is not null)::int) <> 0
                or sum(v.sign * (v.opened_at is not null)::int) <> 0
                or sum(v.sign * (v.clicked_at is not null)::int) <> 0
        )
        insert into stats_hourly as t (account_id, day, hour, channel, sent, delivered, opened, clicked)
        select account_id, day, hour, channel, s, dl, op, cl from per_hour
        on conflict (account_id, day, hour, channel) do update
            set sent = t.sent + excluded.sent, delivered = t.delivered + excluded.delivered,
                opened = t.opened + excluded.opened, clicked = t.clicked + excluded.clicked
        $q$, src);
    return null;
end;
$_$;

CREATE FUNCTION public.message_recipient_price() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
begin
    select p.cost, p.cost_undelivered into new.cost, new.cost_undelivered
    from recipient_price(new.account_id, new.message_id, new.contact_id, new.sent_at, null) p;
    return new;
end;
$$;

CREATE FUNCTION public.message_recipient_reach_days() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
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

CREATE FUNCTION public.message_sms_parts() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
begin
    new.sms_parts := case when new.channel = 'SMS' then sms_parts(new.content) end;
    return new;
end;
$$;

CREATE FUNCTION public.opt_out_cohort(p_account bigint, p_message bigint, OUT day date, OUT channel public.channel, OUT type public.message_type, OUT counted boolean) RETURNS record
    LANGUAGE sql STABLE
    AS $$
select (coalesce(m.sent_at, m.created_at) at time zone a.time_zone)::date, m.channel, m.type,
       coalesce(g.supports_callbacks, true)
from message m
join account a on a.id = m.account_id
left join sms_gateway g on g.account_id = m.account_id and g.id = m.gateway_id
where m.account_id = p_account and m.id = p_message;
$$;

CREATE FUNCTION public.order_attribution_revenue() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
declare
    added order_attribution[] := '{}';
    removed order_attribution[] := '{}';
begin
    if tg_op <> 'DELETE' then added := array(select n::order_attribution from n); end if;
    if tg_op <> 'INSERT' then removed := array(select o::order_attribution from o); end if;
    if cardinality(added) + cardinality(removed) > 0 then
        perform revenue_rollups_add(added, removed);
    end if;
    return null;
end;
$$;

CREATE FUNCTION public.order_value_minor(p_value numeric, p_currency text, p_account_currency text, p_rate numeric) RETURNS bigint
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
select round(p_value * case when p_currency = p_account_currency then 1 else p_rate end
             * power(10::numeric, currency_minor_digits(p_account_currency)))::bigint
$$;

CREATE FUNCTION public.phone_key(phone text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN regexp_replace(phone, '[^0-9+]'::text, ''::text, 'g'::text);

CREATE TABLE public.phone_country (
    prefix text NOT NULL,
    country text NOT NULL,
    CONSTRAINT phone_country_country_check CHECK ((country ~ '^[A-Z]{2}$'::text)),
    CONSTRAINT phone_country_prefix_check CHECK ((prefix ~ '^[0-9]{1,4}$'::text))
);

CREATE FUNCTION public.phone_country(phone text) RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE
    RETURN (SELECT pc.country FROM public.phone_country pc WHERE (public.phone_key(phone_country.phone) ~~ (('+'::text || pc.prefix) || '%'::text)) ORDER BY (length(pc.prefix)) DESC LIMIT 1);

CREATE FUNCTION public.price_recipients(p_account bigint) RETURNS bigint
    LANGUAGE sql
    AS $$
with priced as (
    update message_recipient r
    set (cost, cost_undelivered) = (select p.cost, p.cost_undelivered
                                    from recipient_price(r.account_id, r.message_id, r.contact_id, r.sent_at, null) p)
    where r.account_id = p_account and r.sent_at is not null and r.cost is null
    returning r.cost
)
select count(cost) from priced;
$$;

CREATE FUNCTION public.reattribute(p_account bigint, p_contacts bigint[]) RETURNS void
    LANGUAGE plpgsql
    AS $$
begin
    if p_contacts is null or cardinality(p_contacts) = 0 then
        return;
    end if;
    perform lock_contacts(p_contacts);
    perform reattribute_contacts(p_account, p_contacts);
end;
$$;

CREATE FUNCTION public.reattribute_account(p_account bigint) RETURNS void
    LANGUAGE sql
    AS $$
select reattribute(p_account, array(select distinct contact_id from order_event
                                    where account_id = p_account and contact_id is not null));
$$;

CREATE FUNCTION public.reattribute_contacts(p_account bigint, p_contacts bigint[]) RETURNS void
    LANGUAGE plpgsql
    SET plan_cache_mode TO 'force_generic_plan'
    AS $$
begin
    perform reattribute_orders(p_account, array(
        select e.order_id from order_event e where e.account_id = p_account and e.contact_id = any (p_contacts)
        union
        select a.order_id from order_attribution a where a.account_id = p_account and a.contact_id = any (p_contacts)));
end;
$$;

CREATE FUNCTION public.reattribute_orders(p_account bigint, p_order_ids text[]) RETURNS void
    LANGUAGE plpgsql
    SET plan_cache_mode TO 'force_generic_plan'
    AS $$
begin
    with want as materialized (
        select * from order_attribution_recount
        where account_id = p_account and order_id = any (p_order_ids)
    ),
    gone as (
        delete from order_attribution a
        where a.account_id = p_account and a.order_id = any (p_order_ids)
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

CREATE FUNCTION public.rebuild_analytics(p_account_id bigint) RETURNS void
    LANGUAGE plpgsql
    AS $$
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

CREATE FUNCTION public.rebuild_attribution(p_account bigint) RETURNS void
    LANGUAGE plpgsql
    AS $$
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

CREATE FUNCTION public.rebuild_consent(p_account bigint) RETURNS void
    LANGUAGE plpgsql
    AS $$
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

CREATE FUNCTION public.rebuild_costs(p_account bigint) RETURNS void
    LANGUAGE plpgsql
    AS $$
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

CREATE FUNCTION public.rebuild_counters(p_account_id bigint) RETURNS void
    LANGUAGE plpgsql
    AS $$
begin
    perform rebuild_counts(p_account_id);
    perform rebuild_costs(p_account_id);
    perform rebuild_consent(p_account_id);
end;
$$;

CREATE FUNCTION public.rebuild_counts(p_account_id bigint) RETURNS void
    LANGUAGE plpgsql
    AS $$
begin
    delete from message_stats where account_id = p_account_id;
    insert into message_stats (account_id, message_id, recipients, sent, delivered, opened, clicked, failed)
    select account_id, message_id, recipients, sent, delivered, opened, clicked, failed
    from message_stats_recount where account_id = p_account_id;

    delete from stats_daily where account_id = p_account_id;
    insert into stats_daily (account_id, day, channel, type, counted, sent, delivered, opened, clicked, failed)
    select account_id, day, channel, type, counted, sent, delivered, opened, clicked, failed
    from stats_daily_recount where account_id = p_account_id;

    delete from optin_count where account_id = p_account_id;
    insert into optin_count (account_id, scope, contacts)
    select account_id, scope, contacts from optin_count_recount where account_id = p_account_id;

    perform rebuild_stats_hourly(p_account_id);
end;
$$;

CREATE FUNCTION public.rebuild_integration_activity(p_account_id bigint) RETURNS void
    LANGUAGE sql
    AS $$
delete from integration_activity where account_id = p_account_id;
insert into integration_activity (account_id, integration, bucket, error_code, sent, delivered, failed)
select account_id, integration, bucket, error_code, sent, delivered, failed
from integration_activity_recount where account_id = p_account_id;
$$;

CREATE FUNCTION public.rebuild_opt_in_flags(p_account_id bigint) RETURNS void
    LANGUAGE sql
    AS $$
update contact c
set opted_in_sms = f.sms, opted_in_whatsapp = f.whatsapp, opted_in_viber = f.viber
from (select c2.id, x.sms, x.whatsapp, x.viber
      from contact c2 cross join lateral contact_opt_in_flags(c2.account_id, c2.id) x
      where c2.account_id = p_account_id) f
where c.account_id = p_account_id and c.id = f.id
  and (c.opted_in_sms, c.opted_in_whatsapp, c.opted_in_viber) is distinct from (f.sms, f.whatsapp, f.viber);
$$;

CREATE FUNCTION public.rebuild_optin_overlap(p_account_id bigint) RETURNS void
    LANGUAGE sql
    AS $$
delete from optin_overlap where account_id = p_account_id;
insert into optin_overlap (account_id, part, contacts)
select account_id, part, contacts from optin_overlap_recount where account_id = p_account_id;
$$;

CREATE FUNCTION public.rebuild_stats_hourly(p_account_id bigint) RETURNS void
    LANGUAGE plpgsql
    AS $$
begin
    delete from stats_hourly where account_id = p_account_id;
    insert into stats_hourly (account_id, day, hour, channel, sent, delivered, opened, clicked)
    select account_id, day, hour, channel, sent, delivered, opened, clicked
    from stats_hourly_recount where account_id = p_account_id;
end;
$$;

CREATE FUNCTION public.recipient_price(p_account bigint, p_message bigint, p_contact bigint, p_sent_at timestamp with time zone, p_category text) RETURNS TABLE(cost bigint, cost_undelivered bigint)
    LANGUAGE sql STABLE
    AS $$
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

CREATE FUNCTION public.reconciliation_differences(p_account bigint, p_gateway bigint, p_day date) RETURNS TABLE(category text, sid text, message_id bigint, contact_id bigint, sent_at timestamp with time zone, our_status text, gateway_status text, our_parts integer, gateway_parts integer, our_micros bigint, gateway_micros bigint, recipient text)
    LANGUAGE sql STABLE
    SET work_mem TO '128MB'
    AS $$
select d.*
from (
    select unnest(case
               when j.sid is null then
                   case when j.our_sid is null
                             or not exists (select 1 from gateway_report_row g
                                            where g.account_id = p_account and g.gateway_id = p_gateway
                                              and g.sid = j.our_sid)
                        then array['UNKNOWN_TO_GATEWAY'] end
               when coalesce(j.message_id, x.message_id) is null then array['UNKNOWN_TO_US']
               else array[case when coalesce(j.our_status, x.status) <> j.status then 'STATUS' end,
                          case when coalesce(j.parts, x.parts) is distinct from j.segments
                                    or j.price_micros <> coalesce(j.cost_micros, x.cost_micros) then 'PARTS_PRICE' end]
           end) as category,
           coalesce(j.sid, j.our_sid), coalesce(j.message_id, x.message_id), coalesce(j.contact_id, x.contact_id),
           coalesce(j.sent_at, j.our_sent_at), coalesce(j.our_status, x.status), j.status,
           coalesce(j.parts, x.parts), j.segments, coalesce(j.cost_micros, x.cost_micros), j.price_micros, j.recipient
    from (
        -- the day's two sides, and of the pairs only those that differ (the few, as a rule)
        select t.sid, t.sent_at, t.status, t.segments, t.price_micros, t.recipient, o.sid as our_sid, o.message_id,
               o.contact_id, o.sent_at as our_sent_at, o.status as our_status, o.parts, o.cost_micros
        from (select * from gateway_report_row g
              where g.account_id = p_account and g.gateway_id = p_gateway and g.day = p_day) t
        full join reconciliation_ours(p_account, p_gateway, p_day) o on o.sid = t.sid
        where t.sid is null or o.message_id is null or o.status <> t.status or o.parts is distinct from t.segments
           or t.price_micros <> o.cost_micros
    ) j
    -- a report row our day does not have: our recipient of another day with its id, if any
    left join lateral (
        select r.message_id, r.contact_id,
               case when r.delivered_at is not null then 'DELIVERED' when r.failed_at is not null then 'FAILED' else 'SENT' end
                   as status,
               m.sms_parts::integer as parts,
               case when r.cost is null then null else billed_micros(r.sent_at, r.delivered_at, r.cost, r.cost_undelivered) end
                   as cost_micros
        from message_recipient r
        join message m on m.account_id = r.account_id and m.id = r.message_id and m.channel = 'SMS' and m.gateway_id = p_gateway
        where j.message_id is null and j.sid is not null and r.account_id = p_account and r.provider_message_id = j.sid
        limit 1) x on true
) d
where d.category is not null;
$$;

CREATE FUNCTION public.reconciliation_ours(p_account bigint, p_gateway bigint, p_day date) RETURNS TABLE(sid text, message_id bigint, contact_id bigint, sent_at timestamp with time zone, status text, parts integer, cost_micros bigint)
    LANGUAGE sql STABLE
    AS $$
select r.provider_message_id, r.message_id, r.contact_id, r.sent_at,
       case when r.delivered_at is not null then 'DELIVERED' when r.failed_at is not null then 'FAILED' else 'SENT' end,
       m.sms_parts::integer,
       case when r.cost is null then null else billed_micros(r.sent_at, r.delivered_at, r.cost, r.cost_undelivered) end
from account a
cross join lateral (select (p_day::timestamp at time zone a.time_zone) as day_start,
                           ((p_day + 1)::timestamp at time zone a.time_zone) as day_end) d
join message m on m.account_id = a.id and m.channel = 'SMS' and m.gateway_id = p_gateway
              and m.sent_at >= d.day_start - interval '1 day' and m.sent_at < d.day_end
join message_recipient r on r.account_id = m.account_id and r.message_id = m.id
                        and r.sent_at >= d.day_start and r.sent_at < d.day_end
where a.id = p_account;
$$;

CREATE FUNCTION public.reconciliation_totals(p_account bigint, p_gateway bigint, p_day date) RETURNS TABLE(side text, sent bigint, delivered bigint, failed bigint, parts bigint, cost_micros bigint, unpriced bigint)
    LANGUAGE sql STABLE
    AS $$
select 'OURS', count(*), count(*) filter (where status = 'DELIVERED'), count(*) filter (where status = 'FAILED'),
       coalesce(sum(parts), 0), coalesce(sum(cost_micros), 0), count(*) filter (where cost_micros is null)
from reconciliation_ours(p_account, p_gateway, p_day)
union all
select 'GATEWAY', count(*), count(*) filter (where status = 'DELIVERED'), count(*) filter (where status = 'FAILED'),
       coalesce(sum(segments), 0), coalesce(sum(price_micros), 0), count(*) filter (where price_micros is null)
from gateway_report_row
where account_id = p_account and gateway_id = p_gateway and day = p_day;
$$;

CREATE FUNCTION public.record_consent_replies(p_request integer[], p_account bigint[], p_channel public.channel[], p_phone text[], p_opted_in boolean[], p_at timestamp with time zone[], p_source text[], p_provider_id text[]) RETURNS TABLE(request integer, stored integer, unknown integer)
    LANGUAGE sql
    AS $$
with reply as (
    select *
    from unnest(p_request, p_account, p_channel, p_phone, p_opted_in, p_at, p_source, p_provider_id)
             as r(request, account_id, channel, phone, opted_in, at, source, provider_id)
),
target as (
    select r.*, c.id as contact_id,
           case when not r.opted_in and c.id is not null then
               (select x.message_id
                from message_recipient x
                join message m on m.account_id = x.account_id and m.id = x.message_id
                where x.account_id = r.account_id and x.contact_id = c.id and m.channel = r.channel
                  and m.type <> 'TEST' and x.sent_at <= r.at
                  and x.sent_at > r.at - make_interval(hours => coalesce(
                        (select s.window_hours from opt_out_setting s where s.account_id = r.account_id), 72))
                order by x.sent_at desc, x.message_id desc
                limit 1) end as message_id
    from reply r
    left join lateral (select c.id
                       from contact c
                       where c.account_id = r.account_id and phone_key(c.phone) = phone_key(r.phone)) c on true
),
ins as (
    insert into consent_change (account_id, contact_id, channel, opted_in, changed_at, source, message_id,
                                provider_id, phone)
    select account_id, contact_id, channel, opted_in, at, source, message_id, provider_id, phone
    from target
    order by account_id, contact_id, request
    on conflict (account_id, source, provider_id, contact_id) where provider_id is not null do nothing
    returning account_id, source, provider_id, contact_id
),
-- A row stored for a provider id that two requests of the batch carried counts for the first.
stored as (
    select distinct on (i.account_id, i.source, i.provider_id, i.contact_id) t.request, i.contact_id
    from ins i
    join target t on t.account_id = i.account_id and t.source = i.source and t.provider_id = i.provider_id
                 and t.contact_id is not distinct from i.contact_id
    order by i.account_id, i.source, i.provider_id, i.contact_id, t.request
)
select q.request, count(s.request)::int, (count(s.request) filter (where s.contact_id is null))::int
from (select distinct request from reply) q
left join stored s on s.request = q.request
group by q.request
order by q.request;
$$;

CREATE FUNCTION public.refresh_campaign_reach(p_account bigint, p_campaign bigint) RETURNS boolean
    LANGUAGE sql
    AS $$
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

CREATE FUNCTION public.report_status_rank(status text) RETURNS integer
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN CASE status WHEN 'SENT'::text THEN 1 ELSE 2 END;

CREATE TABLE public.order_attribution (
    account_id bigint NOT NULL,
    order_id text NOT NULL,
    contact_id bigint NOT NULL,
    placed_at timestamp with time zone NOT NULL,
    message_id bigint NOT NULL,
    touch text NOT NULL,
    touch_at timestamp with time zone NOT NULL,
    sent_at timestamp with time zone NOT NULL,
    day date NOT NULL,
    channel public.channel NOT NULL,
    type public.message_type NOT NULL,
    counted boolean NOT NULL,
    value numeric(20,4) NOT NULL,
    currency text NOT NULL,
    revenue_minor bigint,
    CONSTRAINT order_attribution_touch_check CHECK ((touch = ANY (ARRAY['CLICK'::text, 'VIEW'::text])))
);

ALTER TABLE ONLY public.order_attribution FORCE ROW LEVEL SECURITY;

CREATE FUNCTION public.revenue_rollups_add(p_added public.order_attribution[], p_removed public.order_attribution[]) RETURNS void
    LANGUAGE sql
    AS $$
with v as (select a.*, 1 as sign from unnest(p_added) a
           union all
           select r.*, -1 from unnest(p_removed) r),
sums as (select account_id, message_id, day, channel, type, counted, sum(sign) as orders,
                sum(sign * coalesce(revenue_minor, 0)) as revenue,
                coalesce(sum(sign) filter (where revenue_minor is null), 0) as unconverted
         from v group by account_id, message_id, day, channel, type, counted),
daily as (
    insert into revenue_daily as t (account_id, day, channel, type, counted, orders, revenue_minor, unconverted)
    select account_id, day, channel, type, counted, sum(orders), sum(revenue), sum(unconverted)
    from sums group by account_id, day, channel, type, counted
    having (sum(orders), sum(revenue), sum(unconverted)) <> (0, 0, 0)
    order by account_id, day, channel, type, counted
    on conflict (account_id, day, channel, type, counted) do update
        set orders = t.orders + excluded.orders, revenue_minor = t.revenue_minor + excluded.revenue_minor,
            unconverted = t.unconverted + excluded.unconverted)
insert into message_revenue as t (account_id, message_id, orders, revenue_minor, unconverted)
select s.account_id, s.message_id, sum(s.orders), sum(s.revenue), sum(s.unconverted)
from sums s
where exists (select 1 from message m where m.account_id = s.account_id and m.id = s.message_id)
group by s.account_id, s.message_id
having (sum(s.orders), sum(s.revenue), sum(s.unconverted)) <> (0, 0, 0)
order by s.account_id, s.message_id
on conflict (account_id, message_id) do update
    set orders = t.orders + excluded.orders, revenue_minor = t.revenue_minor + excluded.revenue_minor,
        unconverted = t.unconverted + excluded.unconverted;
$$;

CREATE FUNCTION public.seed_consent_history(p_account bigint) RETURNS bigint
    LANGUAGE plpgsql
    AS $$
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

CREATE FUNCTION public.sms_parts(body text) RETURNS integer
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
    AS $$
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

CREATE FUNCTION public.whatsapp_category(type public.message_type) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN CASE WHEN (type = ANY (ARRAY['RULE'::public.message_type, 'WORKFLOW'::public.message_type])) THEN 'UTILITY'::text ELSE 'MARKETING'::text END;

CREATE TABLE public.account (
    id bigint NOT NULL,
    name text NOT NULL,
    time_zone text DEFAULT 'Europe/Warsaw'::text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    currency text DEFAULT 'PLN'::text NOT NULL,
    CONSTRAINT account_currency_check CHECK ((currency ~ '^[A-Z]{3}$'::text))
);

CREATE TABLE public.alert (
    account_id bigint NOT NULL,
    id bigint NOT NULL,
    kind public.alert_kind NOT NULL,
    subject text NOT NULL,
    code text DEFAULT ''::text NOT NULL,
    observed numeric NOT NULL,
    expected numeric NOT NULL,
    raised_at timestamp with time zone NOT NULL,
    resolved_at timestamp with time zone,
    mailed_at timestamp with time zone
);

ALTER TABLE ONLY public.alert FORCE ROW LEVEL SECURITY;

ALTER TABLE public.alert ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.alert_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE public.alert_recipient (
    account_id bigint NOT NULL,
    email text NOT NULL,
    locale text DEFAULT 'pl'::text NOT NULL,
    CONSTRAINT alert_recipient_email_check CHECK ((((length(email) >= 3) AND (length(email) <= 254)) AND (POSITION(('@'::text) IN (email)) > 1))),
    CONSTRAINT alert_recipient_locale_check CHECK ((locale = ANY (ARRAY['pl'::text, 'en'::text])))
);

ALTER TABLE ONLY public.alert_recipient FORCE ROW LEVEL SECURITY;

CREATE TABLE public.alert_round (
    id integer NOT NULL,
    minute timestamp with time zone NOT NULL,
    CONSTRAINT alert_round_id_check CHECK ((id = 1))
);

CREATE TABLE public.alert_rule (
    account_id bigint NOT NULL,
    kind public.alert_kind NOT NULL,
    enabled boolean DEFAULT true NOT NULL,
    threshold numeric NOT NULL,
    CONSTRAINT alert_rule_threshold_check CHECK ((threshold > (0)::numeric))
);

ALTER TABLE ONLY public.alert_rule FORCE ROW LEVEL SECURITY;

CREATE TABLE public.alert_rule_change (
    account_id bigint NOT NULL,
    id bigint NOT NULL,
    kind public.alert_kind NOT NULL,
    enabled boolean NOT NULL,
    threshold numeric NOT NULL,
    changed_by bigint NOT NULL,
    changed_at timestamp with time zone NOT NULL,
    CONSTRAINT alert_rule_change_threshold_check CHECK ((threshold > (0)::numeric))
);

ALTER TABLE ONLY public.alert_rule_change FORCE ROW LEVEL SECURITY;

ALTER TABLE public.alert_rule_change ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.alert_rule_change_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE public.app_user (
    id bigint NOT NULL,
    account_id bigint,
    username text NOT NULL,
    password_hash text NOT NULL,
    full_name text NOT NULL,
    role public.user_role NOT NULL,
    locale text DEFAULT 'pl'::text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT app_user_account_role CHECK (((role = 'SUPPORT'::public.user_role) = (account_id IS NULL)))
);

ALTER TABLE public.app_user ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.app_user_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE public.attribution_setting (
    account_id bigint NOT NULL,
    model text DEFAULT 'LAST_CLICK'::text NOT NULL,
    click_window_hours integer DEFAULT 120 NOT NULL,
    view_window_hours integer DEFAULT 24 NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT attribution_setting_click_window_hours_check CHECK (((click_window_hours >= 1) AND (click_window_hours <= 2160))),
    CONSTRAINT attribution_setting_model_check CHECK ((model = ANY (ARRAY['LAST_CLICK'::text, 'LAST_TOUCH'::text]))),
    CONSTRAINT attribution_setting_view_window_hours_check CHECK (((view_window_hours >= 0) AND (view_window_hours <= 720)))
);

ALTER TABLE ONLY public.attribution_setting FORCE ROW LEVEL SECURITY;

CREATE TABLE public.attribution_setting_change (
    account_id bigint NOT NULL,
    id bigint NOT NULL,
    changed_at timestamp with time zone NOT NULL,
    changed_by bigint NOT NULL,
    changed_by_name text NOT NULL,
    model text NOT NULL,
    click_window_hours integer NOT NULL,
    view_window_hours integer NOT NULL,
    CONSTRAINT attribution_setting_change_model_check CHECK ((model = ANY (ARRAY['LAST_CLICK'::text, 'LAST_TOUCH'::text])))
);

ALTER TABLE ONLY public.attribution_setting_change FORCE ROW LEVEL SECURITY;

ALTER TABLE public.attribution_setting_change ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.attribution_setting_change_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE public.campaign (
    account_id bigint NOT NULL,
    id bigint NOT NULL,
    name text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL
);

ALTER TABLE ONLY public.campaign FORCE ROW LEVEL SECURITY;

ALTER TABLE public.campaign ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.campaign_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE public.campaign_reach (
    account_id bigint NOT NULL,
    campaign_id bigint NOT NULL,
    version bigint DEFAULT 1 NOT NULL,
    counted_version bigint DEFAULT 0 NOT NULL,
    counted_at timestamp with time zone,
    reached bigint DEFAULT 0 NOT NULL,
    several bigint DEFAULT 0 NOT NULL,
    reached_sms bigint DEFAULT 0 NOT NULL,
    reached_whatsapp bigint DEFAULT 0 NOT NULL,
    reached_viber bigint DEFAULT 0 NOT NULL,
    first_sms bigint DEFAULT 0 NOT NULL,
    first_whatsapp bigint DEFAULT 0 NOT NULL,
    first_viber bigint DEFAULT 0 NOT NULL,
    not_by_sms bigint DEFAULT 0 NOT NULL,
    whatsapp_not_by_sms bigint DEFAULT 0 NOT NULL,
    viber_not_by_sms bigint DEFAULT 0 NOT NULL
);

ALTER TABLE ONLY public.campaign_reach FORCE ROW LEVEL SECURITY;

CREATE TABLE public.channel_integration (
    account_id bigint NOT NULL,
    channel public.channel NOT NULL,
    display_name text NOT NULL,
    webhook_secret text NOT NULL,
    verify_token text,
    integrated_at timestamp with time zone DEFAULT now() NOT NULL
);

ALTER TABLE ONLY public.channel_integration FORCE ROW LEVEL SECURITY;

CREATE TABLE public.click_event (
    account_id bigint NOT NULL,
    id bigint NOT NULL,
    message_id bigint NOT NULL,
    contact_id bigint NOT NULL,
    link_no smallint NOT NULL,
    clicked_at timestamp with time zone NOT NULL,
    user_agent text
);

ALTER TABLE ONLY public.click_event FORCE ROW LEVEL SECURITY;

ALTER TABLE public.click_event ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.click_event_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE public.consent_change (
    account_id bigint NOT NULL,
    id bigint NOT NULL,
    contact_id bigint,
    channel public.channel NOT NULL,
    opted_in boolean NOT NULL,
    changed_at timestamp with time zone NOT NULL,
    source text NOT NULL,
    message_id bigint,
    provider_id text,
    phone text,
    received_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT consent_change_source_check CHECK ((source = ANY (ARRAY['import'::text, 'demo'::text, 'sms_reply'::text, 'viber_event'::text, 'whatsapp_reply'::text, 'ui'::text])))
);

ALTER TABLE ONLY public.consent_change FORCE ROW LEVEL SECURITY;

ALTER TABLE public.consent_change ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.consent_change_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE VIEW public.consent_current_recount AS
 SELECT DISTINCT ON (consent_change.account_id, consent_change.contact_id, consent_change.channel) consent_change.account_id,
    consent_change.contact_id,
    consent_change.channel,
    consent_change.opted_in,
    consent_change.changed_at
   FROM public.consent_change
  WHERE (consent_change.contact_id IS NOT NULL)
  ORDER BY consent_change.account_id, consent_change.contact_id, consent_change.channel, consent_change.changed_at DESC, consent_change.opted_in;

CREATE TABLE public.consent_daily (
    account_id bigint NOT NULL,
    day date NOT NULL,
    channel public.channel NOT NULL,
    gained bigint DEFAULT 0 NOT NULL,
    lost bigint DEFAULT 0 NOT NULL
);

ALTER TABLE ONLY public.consent_daily FORCE ROW LEVEL SECURITY;

CREATE VIEW public.consent_transition AS
 SELECT t.account_id,
    t.contact_id,
    t.channel,
    t.changed_at,
    t.id,
    (t.opted_in AND (t.previous IS NOT TRUE)) AS gained,
    ((NOT t.opted_in) AND COALESCE(t.previous, false)) AS lost
   FROM ( SELECT consent_change.account_id,
            consent_change.contact_id,
            consent_change.channel,
            consent_change.changed_at,
            consent_change.id,
            consent_change.opted_in,
            lag(consent_change.opted_in) OVER (PARTITION BY consent_change.account_id, consent_change.contact_id, consent_change.channel ORDER BY consent_change.changed_at, consent_change.opted_in DESC) AS previous
           FROM public.consent_change
          WHERE (consent_change.contact_id IS NOT NULL)) t;

CREATE VIEW public.consent_daily_recount AS
 SELECT t.account_id,
    ((t.changed_at AT TIME ZONE a.time_zone))::date AS day,
    t.channel,
    count(*) FILTER (WHERE t.gained) AS gained,
    count(*) FILTER (WHERE t.lost) AS lost
   FROM (public.consent_transition t
     JOIN public.account a ON ((a.id = t.account_id)))
  WHERE (t.gained OR t.lost)
  GROUP BY t.account_id, (((t.changed_at AT TIME ZONE a.time_zone))::date), t.channel;

CREATE TABLE public.contact (
    account_id bigint NOT NULL,
    id bigint NOT NULL,
    first_name text NOT NULL,
    last_name text NOT NULL,
    phone text NOT NULL,
    email text,
    birthday date,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    search_text text GENERATED ALWAYS AS (public.fold_text(((((((first_name || ' '::text) || last_name) || ' '::text) || phone) || ' '::text) || COALESCE(email, ''::text)))) STORED,
    opted_in_sms boolean DEFAULT false NOT NULL,
    opted_in_whatsapp boolean DEFAULT false NOT NULL,
    opted_in_viber boolean DEFAULT false NOT NULL,
    opted_in_any boolean GENERATED ALWAYS AS ((opted_in_sms OR opted_in_whatsapp OR opted_in_viber)) STORED
);

ALTER TABLE ONLY public.contact FORCE ROW LEVEL SECURITY;

CREATE TABLE public.contact_consent (
    account_id bigint NOT NULL,
    contact_id bigint NOT NULL,
    channel public.channel NOT NULL,
    opted_in boolean NOT NULL,
    changed_at timestamp with time zone NOT NULL
);

ALTER TABLE ONLY public.contact_consent FORCE ROW LEVEL SECURITY;

ALTER TABLE public.contact ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.contact_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE public.cost_daily (
    account_id bigint NOT NULL,
    day date NOT NULL,
    channel public.channel NOT NULL,
    type public.message_type NOT NULL,
    counted boolean NOT NULL,
    cost_micros bigint DEFAULT 0 NOT NULL,
    unpriced bigint DEFAULT 0 NOT NULL
);

ALTER TABLE ONLY public.cost_daily FORCE ROW LEVEL SECURITY;

CREATE TABLE public.message (
    account_id bigint NOT NULL,
    id bigint NOT NULL,
    name text NOT NULL,
    content text NOT NULL,
    channel public.channel NOT NULL,
    gateway_id bigint,
    type public.message_type NOT NULL,
    state public.message_state NOT NULL,
    owner_id bigint NOT NULL,
    audience_size integer DEFAULT 0 NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    scheduled_at timestamp with time zone,
    sent_at timestamp with time zone,
    name_search text GENERATED ALWAYS AS (public.fold_text(name)) STORED,
    sms_parts smallint,
    campaign_id bigint,
    CONSTRAINT message_gateway_for_sms CHECK (((channel = 'SMS'::public.channel) = (gateway_id IS NOT NULL))),
    CONSTRAINT message_scheduled_time CHECK (((state <> 'SCHEDULED'::public.message_state) OR (scheduled_at IS NOT NULL))),
    CONSTRAINT message_sent_time CHECK (((state <> ALL (ARRAY['SENDING'::public.message_state, 'SENT'::public.message_state])) OR (sent_at IS NOT NULL)))
);

ALTER TABLE ONLY public.message FORCE ROW LEVEL SECURITY;

CREATE TABLE public.sms_gateway (
    account_id bigint NOT NULL,
    id bigint NOT NULL,
    name text NOT NULL,
    provider text NOT NULL,
    supports_callbacks boolean NOT NULL,
    webhook_secret text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL
);

ALTER TABLE ONLY public.sms_gateway FORCE ROW LEVEL SECURITY;

CREATE VIEW public.cost_daily_recount AS
 SELECT r.account_id,
    ((r.sent_at AT TIME ZONE a.time_zone))::date AS day,
    m.channel,
    m.type,
    COALESCE(g.supports_callbacks, true) AS counted,
    (sum(public.billed_micros(r.sent_at, r.delivered_at, r.cost, r.cost_undelivered)))::bigint AS cost_micros,
    count(*) FILTER (WHERE (r.cost IS NULL)) AS unpriced
   FROM (((public.message_recipient r
     JOIN public.message m ON (((m.account_id = r.account_id) AND (m.id = r.message_id))))
     JOIN public.account a ON ((a.id = r.account_id)))
     LEFT JOIN public.sms_gateway g ON (((g.account_id = m.account_id) AND (g.id = m.gateway_id))))
  WHERE (r.sent_at IS NOT NULL)
  GROUP BY r.account_id, (((r.sent_at AT TIME ZONE a.time_zone))::date), m.channel, m.type, COALESCE(g.supports_callbacks, true)
 HAVING ((sum(public.billed_micros(r.sent_at, r.delivered_at, r.cost, r.cost_undelivered)) <> (0)::numeric) OR (count(*) FILTER (WHERE (r.cost IS NULL)) <> 0));

CREATE TABLE public.currency_rate (
    account_id bigint NOT NULL,
    currency text NOT NULL,
    rate numeric(20,10) NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT currency_rate_currency_check CHECK ((currency ~ '^[A-Z]{3}$'::text)),
    CONSTRAINT currency_rate_rate_check CHECK ((rate > (0)::numeric))
);

ALTER TABLE ONLY public.currency_rate FORCE ROW LEVEL SECURITY;

CREATE TABLE public.delivery_event (
    account_id bigint NOT NULL,
    id bigint NOT NULL,
    provider text NOT NULL,
    provider_message_id text NOT NULL,
    status text NOT NULL,
    occurred_at timestamp with time zone NOT NULL,
    received_at timestamp with time zone DEFAULT now() NOT NULL,
    error_code text,
    error_permanent boolean,
    folded_at timestamp with time zone,
    fold_attempts integer DEFAULT 0 NOT NULL,
    retry_at timestamp with time zone,
    misrouted boolean DEFAULT false NOT NULL,
    pricing_category text,
    billable boolean
);

ALTER TABLE ONLY public.delivery_event FORCE ROW LEVEL SECURITY;

ALTER TABLE public.delivery_event ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.delivery_event_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE public.demo_state (
    id boolean DEFAULT true NOT NULL,
    seed bigint NOT NULL,
    size_name text NOT NULL,
    contacts_first integer NOT NULL,
    contacts_second integer NOT NULL,
    messages_first integer NOT NULL,
    messages_second integer NOT NULL,
    recipients_first bigint NOT NULL,
    recipients_second bigint NOT NULL,
    largest_message integer NOT NULL,
    generated_through timestamp with time zone NOT NULL,
    CONSTRAINT demo_state_id_check CHECK (id)
);

CREATE TABLE public.export_job (
    account_id bigint NOT NULL,
    id bigint NOT NULL,
    owner_id bigint NOT NULL,
    folder_id bigint NOT NULL,
    file_name text NOT NULL,
    format text NOT NULL,
    private_file boolean NOT NULL,
    params jsonb NOT NULL,
    state public.export_state DEFAULT 'QUEUED'::public.export_state NOT NULL,
    rows_total bigint,
    rows_done bigint DEFAULT 0 NOT NULL,
    attempts integer DEFAULT 0 NOT NULL,
    error text,
    claimed_by text,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    started_at timestamp with time zone,
    finished_at timestamp with time zone,
    heartbeat_at timestamp with time zone,
    CONSTRAINT export_job_format_check CHECK ((format = ANY (ARRAY['CSV'::text, 'XLSX'::text])))
);

ALTER TABLE ONLY public.export_job FORCE ROW LEVEL SECURITY;

ALTER TABLE public.export_job ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.export_job_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE public.folder (
    account_id bigint NOT NULL,
    id bigint NOT NULL,
    name text NOT NULL,
    created_by bigint NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL
);

ALTER TABLE ONLY public.folder FORCE ROW LEVEL SECURITY;

ALTER TABLE public.folder ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.folder_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE public.gateway_report (
    account_id bigint NOT NULL,
    id bigint NOT NULL,
    gateway_id bigint NOT NULL,
    file_sha256 text NOT NULL,
    file_name text NOT NULL,
    imported_by bigint,
    imported_at timestamp with time zone NOT NULL,
    rows_read bigint NOT NULL,
    rows_new bigint NOT NULL,
    rows_changed bigint NOT NULL,
    rows_skipped bigint NOT NULL,
    CONSTRAINT gateway_report_file_sha256_check CHECK ((file_sha256 ~ '^[0-9a-f]{64}$'::text))
);

ALTER TABLE ONLY public.gateway_report FORCE ROW LEVEL SECURITY;

ALTER TABLE public.gateway_report ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.gateway_report_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE public.gateway_report_row (
    account_id bigint NOT NULL,
    gateway_id bigint NOT NULL,
    sid text NOT NULL,
    report_id bigint NOT NULL,
    sent_at timestamp with time zone NOT NULL,
    day date NOT NULL,
    status text NOT NULL,
    gateway_status text NOT NULL,
    segments integer NOT NULL,
    price_micros bigint,
    error_code text,
    recipient text,
    CONSTRAINT gateway_report_row_price_micros_check CHECK ((price_micros >= 0)),
    CONSTRAINT gateway_report_row_segments_check CHECK ((segments >= 0)),
    CONSTRAINT gateway_report_row_status_check CHECK ((status = ANY (ARRAY['SENT'::text, 'DELIVERED'::text, 'FAILED'::text])))
);

ALTER TABLE ONLY public.gateway_report_row FORCE ROW LEVEL SECURITY;

CREATE TABLE public.grid_column_preference (
    account_id bigint NOT NULL,
    user_id bigint NOT NULL,
    grid_key text NOT NULL,
    columns text[] NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL
);

ALTER TABLE ONLY public.grid_column_preference FORCE ROW LEVEL SECURITY;

CREATE TABLE public.integration_activity (
    account_id bigint NOT NULL,
    integration text NOT NULL,
    bucket timestamp with time zone NOT NULL,
    error_code text NOT NULL,
    sent bigint DEFAULT 0 NOT NULL,
    delivered bigint DEFAULT 0 NOT NULL,
    failed bigint DEFAULT 0 NOT NULL
);

ALTER TABLE ONLY public.integration_activity FORCE ROW LEVEL SECURITY;

CREATE VIEW public.integration_activity_recount AS
 WITH outcome AS (
         SELECT r.account_id,
            public.message_provider(m.channel, m.gateway_id) AS integration,
            public.activity_bucket(r.sent_at) AS bucket,
            (r.delivered_at IS NOT NULL) AS delivered,
            ((r.failed_at IS NOT NULL) AND (r.delivered_at IS NULL)) AS failed,
            COALESCE(r.error_code, ''::text) AS code
           FROM ((public.message_recipient r
             JOIN public.message m ON (((m.account_id = r.account_id) AND (m.id = r.message_id))))
             LEFT JOIN public.sms_gateway g ON (((g.account_id = m.account_id) AND (g.id = m.gateway_id))))
          WHERE ((r.sent_at IS NOT NULL) AND (m.type <> 'TEST'::public.message_type) AND COALESCE(g.supports_callbacks, true))
        )
 SELECT outcome.account_id,
    outcome.integration,
    outcome.bucket,
    ''::text AS error_code,
    count(*) AS sent,
    count(*) FILTER (WHERE outcome.delivered) AS delivered,
    count(*) FILTER (WHERE outcome.failed) AS failed
   FROM outcome
  GROUP BY outcome.account_id, outcome.integration, outcome.bucket
UNION ALL
 SELECT outcome.account_id,
    outcome.integration,
    outcome.bucket,
    outcome.code AS error_code,
    0 AS sent,
    0 AS delivered,
    count(*) AS failed
   FROM outcome
  WHERE (outcome.failed AND (outcome.code <> ''::text))
  GROUP BY outcome.account_id, outcome.integration, outcome.bucket, outcome.code;

CREATE TABLE public.message_cost (
    account_id bigint NOT NULL,
    message_id bigint NOT NULL,
    cost_micros bigint DEFAULT 0 NOT NULL,
    unpriced bigint DEFAULT 0 NOT NULL
);

ALTER TABLE ONLY public.message_cost FORCE ROW LEVEL SECURITY;

CREATE VIEW public.message_cost_recount AS
 SELECT message_recipient.account_id,
    message_recipient.message_id,
    (sum(public.billed_micros(message_recipient.sent_at, message_recipient.delivered_at, message_recipient.cost, message_recipient.cost_undelivered)))::bigint AS cost_micros,
    count(*) FILTER (WHERE ((message_recipient.sent_at IS NOT NULL) AND (message_recipient.cost IS NULL))) AS unpriced
   FROM public.message_recipient
  WHERE (message_recipient.sent_at IS NOT NULL)
  GROUP BY message_recipient.account_id, message_recipient.message_id
 HAVING ((sum(public.billed_micros(message_recipient.sent_at, message_recipient.delivered_at, message_recipient.cost, message_recipient.cost_undelivered)) <> (0)::numeric) OR (count(*) FILTER (WHERE (message_recipient.cost IS NULL)) <> 0));

CREATE TABLE public.message_failure_stats (
    account_id bigint NOT NULL,
    message_id bigint NOT NULL,
    error_code text NOT NULL,
    permanent boolean NOT NULL,
    recipients bigint DEFAULT 0 NOT NULL
);

ALTER TABLE ONLY public.message_failure_stats FORCE ROW LEVEL SECURITY;

CREATE VIEW public.message_failure_stats_recount AS
 SELECT message_recipient.account_id,
    message_recipient.message_id,
    COALESCE(message_recipient.error_code, ''::text) AS error_code,
    COALESCE(message_recipient.error_permanent, false) AS permanent,
    count(*) AS recipients
   FROM public.message_recipient
  WHERE ((message_recipient.failed_at IS NOT NULL) AND (message_recipient.delivered_at IS NULL))
  GROUP BY message_recipient.account_id, message_recipient.message_id, COALESCE(message_recipient.error_code, ''::text), COALESCE(message_recipient.error_permanent, false);

ALTER TABLE public.message ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.message_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE public.message_latency_histogram (
    account_id bigint NOT NULL,
    message_id bigint NOT NULL,
    kind text NOT NULL,
    bucket integer NOT NULL,
    recipients bigint DEFAULT 0 NOT NULL,
    CONSTRAINT message_latency_histogram_kind_check CHECK ((kind = ANY (ARRAY['DELIVERY'::text, 'READ'::text])))
);

ALTER TABLE ONLY public.message_latency_histogram FORCE ROW LEVEL SECURITY;

CREATE VIEW public.message_latency_histogram_recount AS
 SELECT message_recipient.account_id,
    message_recipient.message_id,
    'DELIVERY'::text AS kind,
    public.analytics_latency_bucket((EXTRACT(epoch FROM (message_recipient.delivered_at - message_recipient.sent_at)))::double precision) AS bucket,
    count(*) AS recipients
   FROM public.message_recipient
  WHERE ((message_recipient.delivered_at IS NOT NULL) AND (message_recipient.sent_at IS NOT NULL))
  GROUP BY message_recipient.account_id, message_recipient.message_id, 'DELIVERY'::text, (public.analytics_latency_bucket((EXTRACT(epoch FROM (message_recipient.delivered_at - message_recipient.sent_at)))::double precision))
UNION ALL
 SELECT message_recipient.account_id,
    message_recipient.message_id,
    'READ'::text AS kind,
    public.analytics_latency_bucket((EXTRACT(epoch FROM (message_recipient.opened_at - message_recipient.delivered_at)))::double precision) AS bucket,
    count(*) AS recipients
   FROM public.message_recipient
  WHERE ((message_recipient.opened_at IS NOT NULL) AND (message_recipient.delivered_at IS NOT NULL))
  GROUP BY message_recipient.account_id, message_recipient.message_id, 'READ'::text, (public.analytics_latency_bucket((EXTRACT(epoch FROM (message_recipient.opened_at - message_recipient.delivered_at)))::double precision));

CREATE TABLE public.message_link (
    account_id bigint NOT NULL,
    message_id bigint NOT NULL,
    link_no smallint NOT NULL,
    url text NOT NULL
);

ALTER TABLE ONLY public.message_link FORCE ROW LEVEL SECURITY;

CREATE TABLE public.message_link_clicker (
    account_id bigint NOT NULL,
    message_id bigint NOT NULL,
    link_no smallint NOT NULL,
    contact_id bigint NOT NULL,
    clicks bigint DEFAULT 0 NOT NULL,
    first_clicked_at timestamp with time zone
);

ALTER TABLE ONLY public.message_link_clicker FORCE ROW LEVEL SECURITY;

CREATE VIEW public.message_link_clicker_recount AS
 SELECT click_event.account_id,
    click_event.message_id,
    click_event.link_no,
    click_event.contact_id,
    count(*) AS clicks,
    min(click_event.clicked_at) AS first_clicked_at
   FROM public.click_event
  GROUP BY click_event.account_id, click_event.message_id, click_event.link_no, click_event.contact_id;

CREATE TABLE public.message_link_stats (
    account_id bigint NOT NULL,
    message_id bigint NOT NULL,
    link_no smallint NOT NULL,
    clicks bigint DEFAULT 0 NOT NULL,
    unique_clickers bigint DEFAULT 0 NOT NULL
);

ALTER TABLE ONLY public.message_link_stats FORCE ROW LEVEL SECURITY;

CREATE VIEW public.message_link_stats_recount AS
 SELECT click_event.account_id,
    click_event.message_id,
    click_event.link_no,
    count(*) AS clicks,
    count(DISTINCT click_event.contact_id) AS unique_clickers
   FROM public.click_event
  GROUP BY click_event.account_id, click_event.message_id, click_event.link_no;

CREATE TABLE public.message_opt_out (
    account_id bigint NOT NULL,
    message_id bigint NOT NULL,
    opt_outs bigint DEFAULT 0 NOT NULL
);

ALTER TABLE ONLY public.message_opt_out FORCE ROW LEVEL SECURITY;

CREATE VIEW public.message_opt_out_credit AS
 SELECT h.account_id,
    h.message_id,
    h.contact_id,
    k.day,
    k.channel,
    k.type,
    k.counted
   FROM (( SELECT DISTINCT consent_change.account_id,
            consent_change.message_id,
            consent_change.contact_id
           FROM public.consent_change
          WHERE ((consent_change.message_id IS NOT NULL) AND (consent_change.contact_id IS NOT NULL) AND (NOT consent_change.opted_in))) h
     CROSS JOIN LATERAL public.opt_out_cohort(h.account_id, h.message_id) k(day, channel, type, counted));

CREATE VIEW public.message_opt_out_recount AS
 SELECT message_opt_out_credit.account_id,
    message_opt_out_credit.message_id,
    count(*) AS opt_outs
   FROM public.message_opt_out_credit
  GROUP BY message_opt_out_credit.account_id, message_opt_out_credit.message_id;

CREATE TABLE public.message_revenue (
    account_id bigint NOT NULL,
    message_id bigint NOT NULL,
    orders bigint DEFAULT 0 NOT NULL,
    revenue_minor bigint DEFAULT 0 NOT NULL,
    unconverted bigint DEFAULT 0 NOT NULL
);

ALTER TABLE ONLY public.message_revenue FORCE ROW LEVEL SECURITY;

CREATE TABLE public.order_event (
    account_id bigint NOT NULL,
    order_id text NOT NULL,
    status public.order_status NOT NULL,
    placed_at timestamp with time zone NOT NULL,
    value numeric(20,4) NOT NULL,
    currency text NOT NULL,
    given_contact_id bigint,
    phone text,
    email text,
    contact_id bigint,
    received_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT order_event_currency_check CHECK ((currency ~ '^[A-Z]{3}$'::text)),
    CONSTRAINT order_event_value_check CHECK ((value >= (0)::numeric))
);

ALTER TABLE ONLY public.order_event FORCE ROW LEVEL SECURITY;

CREATE VIEW public.order_attribution_recount AS
 SELECT o.account_id,
    o.order_id,
    o.contact_id,
    o.placed_at,
    t.message_id,
    t.touch,
    t.touch_at,
    t.sent_at,
    ((t.sent_at AT TIME ZONE a.time_zone))::date AS day,
    t.channel,
    t.type,
    t.counted,
    o.value,
    o.currency,
    public.order_value_minor(o.value, o.currency, a.currency, r.rate) AS revenue_minor
   FROM (((((public.order_event o
     JOIN public.account a ON ((a.id = o.account_id)))
     LEFT JOIN public.attribution_setting s ON ((s.account_id = o.account_id)))
     LEFT JOIN public.currency_rate r ON (((r.account_id = o.account_id) AND (r.currency = o.currency))))
     CROSS JOIN LATERAL ( SELECT (o.placed_at - make_interval(hours => COALESCE(s.click_window_hours, 120))) AS click_from,
            (o.placed_at - make_interval(hours => COALESCE(s.view_window_hours, 24))) AS view_from) w)
     CROSS JOIN LATERAL ( SELECT rc.message_id,
            touch.kind AS touch,
            touch.at AS touch_at,
            rc.sent_at,
            m.channel,
            m.type,
            COALESCE(g.supports_callbacks, true) AS counted
           FROM (((public.message_recipient rc
             JOIN public.message m ON (((m.account_id = rc.account_id) AND (m.id = rc.message_id))))
             LEFT JOIN public.sms_gateway g ON (((g.account_id = m.account_id) AND (g.id = m.gateway_id))))
             CROSS JOIN LATERAL ( VALUES ('CLICK'::text,rc.clicked_at,w.click_from), ('VIEW'::text,
                        CASE
                            WHEN (m.channel = 'SMS'::public.channel) THEN rc.delivered_at
                            ELSE rc.opened_at
                        END,w.view_from)) touch(kind, at, window_from))
          WHERE ((rc.account_id = o.account_id) AND (rc.contact_id = o.contact_id) AND (rc.sent_at IS NOT NULL) AND (((rc.clicked_at >= w.click_from) AND (rc.clicked_at <= o.placed_at)) OR ((rc.delivered_at >= w.view_from) AND (rc.delivered_at <= o.placed_at)) OR ((rc.opened_at >= w.view_from) AND (rc.opened_at <= o.placed_at))) AND (m.type <> 'TEST'::public.message_type) AND ((touch.at >= touch.window_from) AND (touch.at <= o.placed_at)))
          ORDER BY ((COALESCE(s.model, 'LAST_CLICK'::text) = 'LAST_CLICK'::text) AND (touch.kind = 'CLICK'::text)) DESC, touch.at DESC, rc.message_id DESC
         LIMIT 1) t)
  WHERE ((o.status = 'PLACED'::public.order_status) AND (o.contact_id IS NOT NULL) AND (NOT (EXISTS ( SELECT 1
           FROM public.order_event x
          WHERE ((x.account_id = o.account_id) AND (x.order_id = o.order_id) AND (x.status <> 'PLACED'::public.order_status))))));

CREATE VIEW public.message_revenue_recount AS
 SELECT order_attribution_recount.account_id,
    order_attribution_recount.message_id,
    count(*) AS orders,
    (COALESCE(sum(order_attribution_recount.revenue_minor), (0)::numeric))::bigint AS revenue_minor,
    count(*) FILTER (WHERE (order_attribution_recount.revenue_minor IS NULL)) AS unconverted
   FROM public.order_attribution_recount
  GROUP BY order_attribution_recount.account_id, order_attribution_recount.message_id;

CREATE TABLE public.message_stats (
    account_id bigint NOT NULL,
    message_id bigint NOT NULL,
    recipients bigint DEFAULT 0 NOT NULL,
    sent bigint DEFAULT 0 NOT NULL,
    delivered bigint DEFAULT 0 NOT NULL,
    opened bigint DEFAULT 0 NOT NULL,
    clicked bigint DEFAULT 0 NOT NULL,
    failed bigint DEFAULT 0 NOT NULL
);

ALTER TABLE ONLY public.message_stats FORCE ROW LEVEL SECURITY;

CREATE VIEW public.message_stats_recount AS
 SELECT r.account_id,
    r.message_id,
    count(*) AS recipients,
    count(r.sent_at) AS sent,
    count(r.delivered_at) AS delivered,
    count(r.opened_at) AS opened,
    count(r.clicked_at) AS clicked,
    count(*) FILTER (WHERE ((r.failed_at IS NOT NULL) AND (r.delivered_at IS NULL))) AS failed
   FROM public.message_recipient r
  GROUP BY r.account_id, r.message_id;

CREATE TABLE public.message_timeline (
    account_id bigint NOT NULL,
    message_id bigint NOT NULL,
    hour timestamp with time zone NOT NULL,
    delivered bigint DEFAULT 0 NOT NULL,
    opened bigint DEFAULT 0 NOT NULL,
    clicked bigint DEFAULT 0 NOT NULL
);

ALTER TABLE ONLY public.message_timeline FORCE ROW LEVEL SECURITY;

CREATE VIEW public.message_timeline_recount AS
 SELECT e.account_id,
    e.message_id,
    e.hour,
    sum(e.d) AS delivered,
    sum(e.o) AS opened,
    sum(e.c) AS clicked
   FROM ( SELECT message_recipient.account_id,
            message_recipient.message_id,
            public.analytics_hour(message_recipient.delivered_at) AS hour,
            1 AS d,
            0 AS o,
            0 AS c
           FROM public.message_recipient
          WHERE (message_recipient.delivered_at IS NOT NULL)
        UNION ALL
         SELECT message_recipient.account_id,
            message_recipient.message_id,
            public.analytics_hour(message_recipient.opened_at) AS analytics_hour,
            0,
            1,
            0
           FROM public.message_recipient
          WHERE (message_recipient.opened_at IS NOT NULL)
        UNION ALL
         SELECT message_recipient.account_id,
            message_recipient.message_id,
            public.analytics_hour(message_recipient.clicked_at) AS analytics_hour,
            0,
            0,
            1
           FROM public.message_recipient
          WHERE (message_recipient.clicked_at IS NOT NULL)) e
  GROUP BY e.account_id, e.message_id, e.hour;

CREATE TABLE public.opt_out_daily (
    account_id bigint NOT NULL,
    day date NOT NULL,
    channel public.channel NOT NULL,
    type public.message_type NOT NULL,
    counted boolean NOT NULL,
    opt_outs bigint DEFAULT 0 NOT NULL
);

ALTER TABLE ONLY public.opt_out_daily FORCE ROW LEVEL SECURITY;

CREATE VIEW public.opt_out_daily_recount AS
 SELECT message_opt_out_credit.account_id,
    message_opt_out_credit.day,
    message_opt_out_credit.channel,
    message_opt_out_credit.type,
    message_opt_out_credit.counted,
    count(*) AS opt_outs
   FROM public.message_opt_out_credit
  GROUP BY message_opt_out_credit.account_id, message_opt_out_credit.day, message_opt_out_credit.channel, message_opt_out_credit.type, message_opt_out_credit.counted;

CREATE TABLE public.opt_out_setting (
    account_id bigint NOT NULL,
    window_hours integer DEFAULT 72 NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT opt_out_setting_window_hours_check CHECK (((window_hours >= 1) AND (window_hours <= 720)))
);

ALTER TABLE ONLY public.opt_out_setting FORCE ROW LEVEL SECURITY;

CREATE TABLE public.opt_out_setting_change (
    account_id bigint NOT NULL,
    id bigint NOT NULL,
    changed_at timestamp with time zone NOT NULL,
    changed_by bigint NOT NULL,
    changed_by_name text NOT NULL,
    window_hours integer NOT NULL
);

ALTER TABLE ONLY public.opt_out_setting_change FORCE ROW LEVEL SECURITY;

ALTER TABLE public.opt_out_setting_change ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.opt_out_setting_change_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE public.optin_count (
    account_id bigint NOT NULL,
    scope text NOT NULL,
    contacts bigint DEFAULT 0 NOT NULL,
    CONSTRAINT optin_count_scope_check CHECK ((scope = ANY (ARRAY['ANY'::text, 'SMS'::text, 'WHATSAPP'::text, 'VIBER'::text])))
);

ALTER TABLE ONLY public.optin_count FORCE ROW LEVEL SECURITY;

CREATE VIEW public.optin_count_recount AS
 SELECT c.account_id,
    (c.channel)::text AS scope,
    count(*) AS contacts
   FROM public.contact_consent c
  WHERE c.opted_in
  GROUP BY c.account_id, c.channel
UNION ALL
 SELECT c.account_id,
    'ANY'::text AS scope,
    count(DISTINCT c.contact_id) AS contacts
   FROM public.contact_consent c
  WHERE c.opted_in
  GROUP BY c.account_id;

CREATE TABLE public.optin_overlap (
    account_id bigint NOT NULL,
    part smallint NOT NULL,
    contacts bigint DEFAULT 0 NOT NULL,
    CONSTRAINT optin_overlap_part_check CHECK (((part >= 1) AND (part <= 7)))
);

ALTER TABLE ONLY public.optin_overlap FORCE ROW LEVEL SECURITY;

CREATE VIEW public.optin_overlap_recount AS
 SELECT opted_in_contact.account_id,
    opted_in_contact.part,
    count(*) AS contacts
   FROM ( SELECT contact_consent.account_id,
            public.channel_part(bool_or((contact_consent.channel = 'SMS'::public.channel)), bool_or((contact_consent.channel = 'WHATSAPP'::public.channel)), bool_or((contact_consent.channel = 'VIBER'::public.channel))) AS part
           FROM public.contact_consent
          WHERE contact_consent.opted_in
          GROUP BY contact_consent.account_id, contact_consent.contact_id) opted_in_contact
  GROUP BY opted_in_contact.account_id, opted_in_contact.part;

CREATE TABLE public.reach_month_dirty (
    account_id bigint NOT NULL,
    month date NOT NULL,
    marked_at timestamp with time zone DEFAULT now() NOT NULL
);

ALTER TABLE ONLY public.reach_month_dirty FORCE ROW LEVEL SECURITY;

CREATE TABLE public.reach_sketch (
    account_id bigint NOT NULL,
    day date NOT NULL,
    channel public.channel NOT NULL,
    sketch bytea NOT NULL,
    recipients bigint NOT NULL,
    built_at timestamp with time zone NOT NULL
);

ALTER TABLE ONLY public.reach_sketch FORCE ROW LEVEL SECURITY;

COMMENT ON COLUMN public.reach_sketch.sketch IS 'HyperLogLog of the delivered contacts: format byte 1, then 4 096 one-byte registers (HyperLogLog.java)';

CREATE TABLE public.reach_sketch_dirty (
    account_id bigint NOT NULL,
    day date NOT NULL,
    marked_at timestamp with time zone DEFAULT now() NOT NULL
);

ALTER TABLE ONLY public.reach_sketch_dirty FORCE ROW LEVEL SECURITY;

CREATE TABLE public.reach_sketch_month (
    account_id bigint NOT NULL,
    month date NOT NULL,
    channel public.channel NOT NULL,
    sketch bytea NOT NULL,
    built_at timestamp with time zone NOT NULL,
    CONSTRAINT reach_sketch_month_month_check CHECK ((month = (date_trunc('month'::text, (month)::timestamp with time zone))::date))
);

ALTER TABLE ONLY public.reach_sketch_month FORCE ROW LEVEL SECURITY;

CREATE TABLE public.revenue_daily (
    account_id bigint NOT NULL,
    day date NOT NULL,
    channel public.channel NOT NULL,
    type public.message_type NOT NULL,
    counted boolean NOT NULL,
    orders bigint DEFAULT 0 NOT NULL,
    revenue_minor bigint DEFAULT 0 NOT NULL,
    unconverted bigint DEFAULT 0 NOT NULL
);

ALTER TABLE ONLY public.revenue_daily FORCE ROW LEVEL SECURITY;

CREATE VIEW public.revenue_daily_recount AS
 SELECT order_attribution_recount.account_id,
    order_attribution_recount.day,
    order_attribution_recount.channel,
    order_attribution_recount.type,
    order_attribution_recount.counted,
    count(*) AS orders,
    (COALESCE(sum(order_attribution_recount.revenue_minor), (0)::numeric))::bigint AS revenue_minor,
    count(*) FILTER (WHERE (order_attribution_recount.revenue_minor IS NULL)) AS unconverted
   FROM public.order_attribution_recount
  GROUP BY order_attribution_recount.account_id, order_attribution_recount.day, order_attribution_recount.channel, order_attribution_recount.type, order_attribution_recount.counted;

CREATE TABLE public.shop_integration (
    account_id bigint NOT NULL,
    display_name text NOT NULL,
    webhook_secret text NOT NULL,
    integrated_at timestamp with time zone DEFAULT now() NOT NULL
);

ALTER TABLE ONLY public.shop_integration FORCE ROW LEVEL SECURITY;

ALTER TABLE public.sms_gateway ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.sms_gateway_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE public.stats_daily (
    account_id bigint NOT NULL,
    day date NOT NULL,
    channel public.channel NOT NULL,
    type public.message_type NOT NULL,
    counted boolean NOT NULL,
    sent bigint DEFAULT 0 NOT NULL,
    delivered bigint DEFAULT 0 NOT NULL,
    opened bigint DEFAULT 0 NOT NULL,
    clicked bigint DEFAULT 0 NOT NULL,
    failed bigint DEFAULT 0 NOT NULL
);

ALTER TABLE ONLY public.stats_daily FORCE ROW LEVEL SECURITY;

CREATE VIEW public.stats_daily_recount AS
 SELECT r.account_id,
    ((r.sent_at AT TIME ZONE a.time_zone))::date AS day,
    m.channel,
    m.type,
    COALESCE(g.supports_callbacks, true) AS counted,
    count(*) AS sent,
    count(r.delivered_at) AS delivered,
    count(r.opened_at) AS opened,
    count(r.clicked_at) AS clicked,
    count(*) FILTER (WHERE ((r.failed_at IS NOT NULL) AND (r.delivered_at IS NULL))) AS failed
   FROM (((public.message_recipient r
     JOIN public.message m ON (((m.account_id = r.account_id) AND (m.id = r.message_id))))
     JOIN public.account a ON ((a.id = r.account_id)))
     LEFT JOIN public.sms_gateway g ON (((g.account_id = m.account_id) AND (g.id = m.gateway_id))))
  WHERE (r.sent_at IS NOT NULL)
  GROUP BY r.account_id, (((r.sent_at AT TIME ZONE a.time_zone))::date), m.channel, m.type, COALESCE(g.supports_callbacks, true);

CREATE TABLE public.stats_hourly (
    account_id bigint NOT NULL,
    day date NOT NULL,
    hour smallint NOT NULL,
    channel public.channel NOT NULL,
    sent bigint DEFAULT 0 NOT NULL,
    delivered bigint DEFAULT 0 NOT NULL,
    opened bigint DEFAULT 0 NOT NULL,
    clicked bigint DEFAULT 0 NOT NULL,
    CONSTRAINT stats_hourly_hour_check CHECK (((hour >= 0) AND (hour <= 23)))
);

ALTER TABLE ONLY public.stats_hourly FORCE ROW LEVEL SECURITY;

CREATE VIEW public.stats_hourly_recount AS
 SELECT r.account_id,
    ((r.sent_at AT TIME ZONE a.time_zone))::date AS day,
    (EXTRACT(hour FROM (r.sent_at AT TIME ZONE a.time_zone)))::smallint AS hour,
    m.channel,
    count(*) AS sent,
    count(r.delivered_at) AS delivered,
    count(r.opened_at) AS opened,
    count(r.clicked_at) AS clicked
   FROM (((public.message_recipient r
     JOIN public.message m ON (((m.account_id = r.account_id) AND (m.id = r.message_id))))
     JOIN public.account a ON ((a.id = r.account_id)))
     LEFT JOIN public.sms_gateway g ON (((g.account_id = m.account_id) AND (g.id = m.gateway_id))))
  WHERE ((r.sent_at IS NOT NULL) AND (m.type <> 'TEST'::public.message_type) AND COALESCE(g.supports_callbacks, true))
  GROUP BY r.account_id, (((r.sent_at AT TIME ZONE a.time_zone))::date), ((EXTRACT(hour FROM (r.sent_at AT TIME ZONE a.time_zone)))::smallint), m.channel;

CREATE TABLE public.stored_file (
    account_id bigint NOT NULL,
    id bigint NOT NULL,
    folder_id bigint NOT NULL,
    owner_id bigint NOT NULL,
    export_job_id bigint,
    name text NOT NULL,
    storage_key text NOT NULL,
    content_type text NOT NULL,
    size_bytes bigint NOT NULL,
    row_count bigint,
    private_file boolean NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL
);

ALTER TABLE ONLY public.stored_file FORCE ROW LEVEL SECURITY;

ALTER TABLE public.stored_file ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.stored_file_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE public.support_access_log (
    account_id bigint NOT NULL,
    id bigint NOT NULL,
    support_user_id bigint NOT NULL,
    message_id bigint,
    action text NOT NULL,
    accessed_at timestamp with time zone DEFAULT now() NOT NULL
);

ALTER TABLE ONLY public.support_access_log FORCE ROW LEVEL SECURITY;

ALTER TABLE public.support_access_log ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.support_access_log_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE public.tariff (
    account_id bigint NOT NULL,
    id bigint NOT NULL,
    integration text NOT NULL,
    valid_from timestamp with time zone NOT NULL,
    bills_undelivered boolean NOT NULL,
    created_by bigint NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT tariff_integration_check CHECK ((integration ~ '^(sms:[0-9]+|whatsapp|viber)$'::text))
);

ALTER TABLE ONLY public.tariff FORCE ROW LEVEL SECURITY;

ALTER TABLE public.tariff ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.tariff_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE public.tariff_price (
    account_id bigint NOT NULL,
    tariff_id bigint NOT NULL,
    country text NOT NULL,
    category text NOT NULL,
    price_micros bigint NOT NULL,
    CONSTRAINT tariff_price_category_check CHECK ((category = ANY (ARRAY[''::text, 'MARKETING'::text, 'UTILITY'::text, 'AUTHENTICATION'::text, 'SERVICE'::text]))),
    CONSTRAINT tariff_price_country_check CHECK ((country ~ '^([A-Z]{2}|\*)$'::text)),
    CONSTRAINT tariff_price_price_micros_check CHECK (((price_micros >= 0) AND (price_micros <= 1000000000)))
);

ALTER TABLE ONLY public.tariff_price FORCE ROW LEVEL SECURITY;

CREATE TABLE public.user_preference (
    account_id bigint NOT NULL,
    user_id bigint NOT NULL,
    pref_key text NOT NULL,
    value text NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL
);

ALTER TABLE ONLY public.user_preference FORCE ROW LEVEL SECURITY;

--
-- Data for Name: account; Type: TABLE DATA; Schema: public; Owner: -
--

--
-- Data for Name: alert; Type: TABLE DATA; Schema: public; Owner: -
--

--
-- Data for Name: alert_recipient; Type: TABLE DATA; Schema: public; Owner: -
--

--
-- Data for Name: alert_round; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.alert_round (id, minute) VALUES (1, '2000-01-01 00:00:00+00');

--
-- Data for Name: alert_rule; Type: TABLE DATA; Schema: public; Owner: -
--

--
-- Data for Name: alert_rule_change; Type: TABLE DATA; Schema: public; Owner: -
--

--
-- Data for Name: app_user; Type: TABLE DATA; Schema: public; Owner: -
--

--
-- Data for Name: attribution_setting; Type: TABLE DATA; Schema: public; Owner: -
--

--
-- Data for Name: attribution_setting_change; Type: TABLE DATA; Schema: public; Owner: -
--

--
-- Data for Name: campaign; Type: TABLE DATA; Schema: public; Owner: -
--

--
-- Data for Name: campaign_reach; Type: TABLE DATA; Schema: public; Owner: -
--

--
-- Data for Name: channel_integration; Type: TABLE DATA; Schema: public; Owner: -
--

--
-- Data for Name: click_event; Type: TABLE DATA; Schema: public; Owner: -
--

--
-- Data for Name: consent_change; Type: TABLE DATA; Schema: public; Owner: -
--

--
-- Data for Name: consent_daily; Type: TABLE DATA; Schema: public; Owner: -
--

--
-- Data for Name: contact; Type: TABLE DATA; Schema: public; Owner: -
--

--
-- Data for Name: contact_consent; Type: TABLE DATA; Schema: public; Owner: -
--

--
-- Data for Name: cost_daily; Type: TABLE DATA; Schema: public; Owner: -
--

--
-- Data for Name: currency_rate; Type: TABLE DATA; Schema: public; Owner: -
--

--
-- Data for Name: delivery_event; Type: TABLE DATA; Schema: public; Owner: -
--

--
-- Data for Name: demo_state; Type: TABLE DATA; Schema: public; Owner: -
--

--
-- Data for Name: export_job; Type: TABLE DATA; Schema: public; Owner: -
--

--
-- Data for Name: folder; Type: TABLE DATA; Schema: public; Owner: -
--

--
-- Data for Name: gateway_report; Type: TABLE DATA; Schema: public; Owner: -
--

--
-- Data for Name: gateway_report_row; Type: TABLE DATA; Schema: public; Owner: -
--

--
-- Data for Name: grid_column_preference; Type: TABLE DATA; Schema: public; Owner: -
--

--
-- Data for Name: integration_activity; Type: TABLE DATA; Schema: public; Owner: -
--

--
-- Data for Name: message; Type: TABLE DATA; Schema: public; Owner: -
--

--
-- Data for Name: message_cost; Type: TABLE DATA; Schema: public; Owner: -
--

--
-- Data for Name: message_failure_stats; Type: TABLE DATA; Schema: public; Owner: -
--

--
-- Data for Name: message_latency_histogram; Type: TABLE DATA; Schema: public; Owner: -
--

--
-- Data for Name: message_link; Type: TABLE DATA; Schema: public; Owner: -
--

--
-- Data for Name: message_link_clicker; Type: TABLE DATA; Schema: public; Owner: -
--

--
-- Data for Name: message_link_stats; Type: TABLE DATA; Schema: public; Owner: -
--

--
-- Data for Name: message_opt_out; Type: TABLE DATA; Schema: public; Owner: -
--

--
-- Data for Name: message_recipient; Type: TABLE DATA; Schema: public; Owner: -
--

--
-- Data for Name: message_revenue; Type: TABLE DATA; Schema: public; Owner: -
--

--
-- Data for Name: message_stats; Type: TABLE DATA; Schema: public; Owner: -
--

--
-- Data for Name: message_timeline; Type: TABLE DATA; Schema: public; Owner: -
--

--
-- Data for Name: opt_out_daily; Type: TABLE DATA; Schema: public; Owner: -
--

--
-- Data for Name: opt_out_setting; Type: TABLE DATA; Schema: public; Owner: -
--

--
-- Data for Name: opt_out_setting_change; Type: TABLE DATA; Schema: public; Owner: -
--

--
-- Data for Name: optin_count; Type: TABLE DATA; Schema: public; Owner: -
--

--
-- Data for Name: optin_overlap; Type: TABLE DATA; Schema: public; Owner: -
--

--
-- Data for Name: order_attribution; Type: TABLE DATA; Schema: public; Owner: -
--

--
-- Data for Name: order_event; Type: TABLE DATA; Schema: public; Owner: -
--

--
-- Data for Name: phone_country; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.phone_country (prefix, country) VALUES ('48', 'PL');
INSERT INTO public.phone_country (prefix, country) VALUES ('49', 'DE');
INSERT INTO public.phone_country (prefix, country) VALUES ('420', 'CZ');
INSERT INTO public.phone_country (prefix, country) VALUES ('421', 'SK');
INSERT INTO public.phone_country (prefix, country) VALUES ('380', 'UA');
INSERT INTO public.phone_country (prefix, country) VALUES ('370', 'LT');
INSERT INTO public.phone_country (prefix, country) VALUES ('371', 'LV');
INSERT INTO public.phone_country (prefix, country) VALUES ('372', 'EE');
INSERT INTO public.phone_country (prefix, country) VALUES ('375', 'BY');
INSERT INTO public.phone_country (prefix, country) VALUES ('43', 'AT');
INSERT INTO public.phone_country (prefix, country) VALUES ('44', 'GB');
INSERT INTO public.phone_country (prefix, country) VALUES ('353', 'IE');
INSERT INTO public.phone_country (prefix, country) VALUES ('33', 'FR');
INSERT INTO public.phone_country (prefix, country) VALUES ('32', 'BE');
INSERT INTO public.phone_country (prefix, country) VALUES ('31', 'NL');
INSERT INTO public.phone_country (prefix, country) VALUES ('352', 'LU');
INSERT INTO public.phone_country (prefix, country) VALUES ('41', 'CH');
INSERT INTO public.phone_country (prefix, country) VALUES ('39', 'IT');
INSERT INTO public.phone_country (prefix, country) VALUES ('34', 'ES');
INSERT INTO public.phone_country (prefix, country) VALUES ('351', 'PT');
INSERT INTO public.phone_country (prefix, country) VALUES ('45', 'DK');
INSERT INTO public.phone_country (prefix, country) VALUES ('46', 'SE');
INSERT INTO public.phone_country (prefix, country) VALUES ('47', 'NO');
INSERT INTO public.phone_country (prefix, country) VALUES ('358', 'FI');
INSERT INTO public.phone_country (prefix, country) VALUES ('36', 'HU');
INSERT INTO public.phone_country (prefix, country) VALUES ('40', 'RO');
INSERT INTO public.phone_country (prefix, country) VALUES ('359', 'BG');
INSERT INTO public.phone_country (prefix, country) VALUES ('385', 'HR');
INSERT INTO public.phone_country (prefix, country) VALUES ('386', 'SI');
INSERT INTO public.phone_country (prefix, country) VALUES ('30', 'GR');
INSERT INTO public.phone_country (prefix, country) VALUES ('1', 'US');

--
-- Data for Name: reach_month_dirty; Type: TABLE DATA; Schema: public; Owner: -
--

--
-- Data for Name: reach_sketch; Type: TABLE DATA; Schema: public; Owner: -
--

--
-- Data for Name: reach_sketch_dirty; Type: TABLE DATA; Schema: public; Owner: -
--

--
-- Data for Name: reach_sketch_month; Type: TABLE DATA; Schema: public; Owner: -
--

--
-- Data for Name: revenue_daily; Type: TABLE DATA; Schema: public; Owner: -
--

--
-- Data for Name: shop_integration; Type: TABLE DATA; Schema: public; Owner: -
--

--
-- Data for Name: sms_gateway; Type: TABLE DATA; Schema: public; Owner: -
--

--
-- Data for Name: stats_daily; Type: TABLE DATA; Schema: public; Owner: -
--

--
-- Data for Name: stats_hourly; Type: TABLE DATA; Schema: public; Owner: -
--

--
-- Data for Name: stored_file; Type: TABLE DATA; Schema: public; Owner: -
--

--
-- Data for Name: support_access_log; Type: TABLE DATA; Schema: public; Owner: -
--

--
-- Data for Name: tariff; Type: TABLE DATA; Schema: public; Owner: -
--

--
-- Data for Name: tariff_price; Type: TABLE DATA; Schema: public; Owner: -
--

--
-- Data for Name: user_preference; Type: TABLE DATA; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.alert_id_seq', 1, false);

SELECT pg_catalog.setval('public.alert_rule_change_id_seq', 1, false);

SELECT pg_catalog.setval('public.app_user_id_seq', 1, false);

SELECT pg_catalog.setval('public.attribution_setting_change_id_seq', 1, false);

SELECT pg_catalog.setval('public.campaign_id_seq', 1, false);

SELECT pg_catalog.setval('public.click_event_id_seq', 1, false);

SELECT pg_catalog.setval('public.consent_change_id_seq', 1, false);

SELECT pg_catalog.setval('public.contact_id_seq', 1, false);

SELECT pg_catalog.setval('public.delivery_event_id_seq', 1, false);

SELECT pg_catalog.setval('public.export_job_id_seq', 1, false);

SELECT pg_catalog.setval('public.folder_id_seq', 1, false);

SELECT pg_catalog.setval('public.gateway_report_id_seq', 1, false);

SELECT pg_catalog.setval('public.message_id_seq', 1, false);

SELECT pg_catalog.setval('public.opt_out_setting_change_id_seq', 1, false);

SELECT pg_catalog.setval('public.sms_gateway_id_seq', 1, false);

SELECT pg_catalog.setval('public.stored_file_id_seq', 1, false);

SELECT pg_catalog.setval('public.support_access_log_id_seq', 1, false);

SELECT pg_catalog.setval('public.tariff_id_seq', 1, false);

ALTER TABLE ONLY public.account
    ADD CONSTRAINT account_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.alert
    ADD CONSTRAINT alert_pkey PRIMARY KEY (account_id, id);

ALTER TABLE ONLY public.alert_recipient
    ADD CONSTRAINT alert_recipient_pkey PRIMARY KEY (account_id, email);

ALTER TABLE ONLY public.alert_round
    ADD CONSTRAINT alert_round_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.alert_rule_change
    ADD CONSTRAINT alert_rule_change_pkey PRIMARY KEY (account_id, id);

ALTER TABLE ONLY public.alert_rule
    ADD CONSTRAINT alert_rule_pkey PRIMARY KEY (account_id, kind);

ALTER TABLE ONLY public.app_user
    ADD CONSTRAINT app_user_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.app_user
    ADD CONSTRAINT app_user_username_key UNIQUE (username);

ALTER TABLE ONLY public.attribution_setting_change
    ADD CONSTRAINT attribution_setting_change_pkey PRIMARY KEY (account_id, id);

ALTER TABLE ONLY public.attribution_setting
    ADD CONSTRAINT attribution_setting_pkey PRIMARY KEY (account_id);

ALTER TABLE ONLY public.campaign
    ADD CONSTRAINT campaign_pkey PRIMARY KEY (account_id, id);

ALTER TABLE ONLY public.campaign_reach
    ADD CONSTRAINT campaign_reach_pkey PRIMARY KEY (account_id, campaign_id);

ALTER TABLE ONLY public.channel_integration
    ADD CONSTRAINT channel_integration_pkey PRIMARY KEY (account_id, channel);

ALTER TABLE ONLY public.click_event
    ADD CONSTRAINT click_event_pkey PRIMARY KEY (account_id, id);

ALTER TABLE ONLY public.consent_change
    ADD CONSTRAINT consent_change_pkey PRIMARY KEY (account_id, id);

ALTER TABLE ONLY public.consent_daily
    ADD CONSTRAINT consent_daily_pkey PRIMARY KEY (account_id, day, channel);

ALTER TABLE ONLY public.contact_consent
    ADD CONSTRAINT contact_consent_pkey PRIMARY KEY (account_id, contact_id, channel);

ALTER TABLE ONLY public.contact
    ADD CONSTRAINT contact_pkey PRIMARY KEY (account_id, id);

ALTER TABLE ONLY public.cost_daily
    ADD CONSTRAINT cost_daily_pkey PRIMARY KEY (account_id, day, channel, type, counted);

ALTER TABLE ONLY public.currency_rate
    ADD CONSTRAINT currency_rate_pkey PRIMARY KEY (account_id, currency);

ALTER TABLE ONLY public.delivery_event
    ADD CONSTRAINT delivery_event_account_id_provider_provider_message_id_stat_key UNIQUE (account_id, provider, provider_message_id, status);

ALTER TABLE ONLY public.delivery_event
    ADD CONSTRAINT delivery_event_pkey PRIMARY KEY (account_id, id);

ALTER TABLE ONLY public.demo_state
    ADD CONSTRAINT demo_state_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.export_job
    ADD CONSTRAINT export_job_pkey PRIMARY KEY (account_id, id);

ALTER TABLE ONLY public.folder
    ADD CONSTRAINT folder_account_id_name_key UNIQUE (account_id, name);

ALTER TABLE ONLY public.folder
    ADD CONSTRAINT folder_pkey PRIMARY KEY (account_id, id);

ALTER TABLE ONLY public.gateway_report
    ADD CONSTRAINT gateway_report_account_id_gateway_id_file_sha256_key UNIQUE (account_id, gateway_id, file_sha256);

ALTER TABLE ONLY public.gateway_report
    ADD CONSTRAINT gateway_report_pkey PRIMARY KEY (account_id, id);

ALTER TABLE ONLY public.gateway_report_row
    ADD CONSTRAINT gateway_report_row_pkey PRIMARY KEY (account_id, gateway_id, sid);

ALTER TABLE ONLY public.grid_column_preference
    ADD CONSTRAINT grid_column_preference_pkey PRIMARY KEY (account_id, user_id, grid_key);

ALTER TABLE ONLY public.integration_activity
    ADD CONSTRAINT integration_activity_pkey PRIMARY KEY (account_id, integration, bucket, error_code);

ALTER TABLE ONLY public.message_cost
    ADD CONSTRAINT message_cost_pkey PRIMARY KEY (account_id, message_id);

ALTER TABLE ONLY public.message_failure_stats
    ADD CONSTRAINT message_failure_stats_pkey PRIMARY KEY (account_id, message_id, error_code, permanent);

ALTER TABLE ONLY public.message_latency_histogram
    ADD CONSTRAINT message_latency_histogram_pkey PRIMARY KEY (account_id, message_id, kind, bucket);

ALTER TABLE ONLY public.message_link_clicker
    ADD CONSTRAINT message_link_clicker_pkey PRIMARY KEY (account_id, message_id, link_no, contact_id);

ALTER TABLE ONLY public.message_link
    ADD CONSTRAINT message_link_pkey PRIMARY KEY (account_id, message_id, link_no);

ALTER TABLE ONLY public.message_link_stats
    ADD CONSTRAINT message_link_stats_pkey PRIMARY KEY (account_id, message_id, link_no);

ALTER TABLE ONLY public.message_opt_out
    ADD CONSTRAINT message_opt_out_pkey PRIMARY KEY (account_id, message_id);

ALTER TABLE ONLY public.message
    ADD CONSTRAINT message_pkey PRIMARY KEY (account_id, id);

ALTER TABLE ONLY public.message_recipient
    ADD CONSTRAINT message_recipient_pkey PRIMARY KEY (account_id, message_id, contact_id);

ALTER TABLE ONLY public.message_revenue
    ADD CONSTRAINT message_revenue_pkey PRIMARY KEY (account_id, message_id);

ALTER TABLE ONLY public.message_stats
    ADD CONSTRAINT message_stats_pkey PRIMARY KEY (account_id, message_id);

ALTER TABLE ONLY public.message_timeline
    ADD CONSTRAINT message_timeline_pkey PRIMARY KEY (account_id, message_id, hour);

ALTER TABLE ONLY public.opt_out_daily
    ADD CONSTRAINT opt_out_daily_pkey PRIMARY KEY (account_id, day, channel, type, counted);

ALTER TABLE ONLY public.opt_out_setting_change
    ADD CONSTRAINT opt_out_setting_change_pkey PRIMARY KEY (account_id, id);

ALTER TABLE ONLY public.opt_out_setting
    ADD CONSTRAINT opt_out_setting_pkey PRIMARY KEY (account_id);

ALTER TABLE ONLY public.optin_count
    ADD CONSTRAINT optin_count_pkey PRIMARY KEY (account_id, scope);

ALTER TABLE ONLY public.optin_overlap
    ADD CONSTRAINT optin_overlap_pkey PRIMARY KEY (account_id, part);

ALTER TABLE ONLY public.order_attribution
    ADD CONSTRAINT order_attribution_pkey PRIMARY KEY (account_id, order_id);

ALTER TABLE ONLY public.order_event
    ADD CONSTRAINT order_event_pkey PRIMARY KEY (account_id, order_id, status);

ALTER TABLE ONLY public.phone_country
    ADD CONSTRAINT phone_country_pkey PRIMARY KEY (prefix);

ALTER TABLE ONLY public.reach_month_dirty
    ADD CONSTRAINT reach_month_dirty_pkey PRIMARY KEY (account_id, month);

ALTER TABLE ONLY public.reach_sketch_dirty
    ADD CONSTRAINT reach_sketch_dirty_pkey PRIMARY KEY (account_id, day);

ALTER TABLE ONLY public.reach_sketch_month
    ADD CONSTRAINT reach_sketch_month_pkey PRIMARY KEY (account_id, month, channel);

ALTER TABLE ONLY public.reach_sketch
    ADD CONSTRAINT reach_sketch_pkey PRIMARY KEY (account_id, day, channel);

ALTER TABLE ONLY public.revenue_daily
    ADD CONSTRAINT revenue_daily_pkey PRIMARY KEY (account_id, day, channel, type, counted);

ALTER TABLE ONLY public.shop_integration
    ADD CONSTRAINT shop_integration_pkey PRIMARY KEY (account_id);

ALTER TABLE ONLY public.sms_gateway
    ADD CONSTRAINT sms_gateway_account_id_name_key UNIQUE (account_id, name);

ALTER TABLE ONLY public.sms_gateway
    ADD CONSTRAINT sms_gateway_pkey PRIMARY KEY (account_id, id);

ALTER TABLE ONLY public.stats_daily
    ADD CONSTRAINT stats_daily_pkey PRIMARY KEY (account_id, day, channel, type, counted);

ALTER TABLE ONLY public.stats_hourly
    ADD CONSTRAINT stats_hourly_pkey PRIMARY KEY (account_id, day, hour, channel);

ALTER TABLE ONLY public.stored_file
    ADD CONSTRAINT stored_file_pkey PRIMARY KEY (account_id, id);

ALTER TABLE ONLY public.support_access_log
    ADD CONSTRAINT support_access_log_pkey PRIMARY KEY (account_id, id);

ALTER TABLE ONLY public.tariff
    ADD CONSTRAINT tariff_account_id_integration_valid_from_key UNIQUE (account_id, integration, valid_from);

ALTER TABLE ONLY public.tariff
    ADD CONSTRAINT tariff_pkey PRIMARY KEY (account_id, id);

ALTER TABLE ONLY public.tariff_price
    ADD CONSTRAINT tariff_price_pkey PRIMARY KEY (account_id, tariff_id, country, category);

ALTER TABLE ONLY public.user_preference
    ADD CONSTRAINT user_preference_pkey PRIMARY KEY (account_id, user_id, pref_key);

CREATE UNIQUE INDEX alert_open ON public.alert USING btree (account_id, kind, subject, code) WHERE (resolved_at IS NULL);

CREATE INDEX alert_open_recent ON public.alert USING btree (raised_at DESC) WHERE (resolved_at IS NULL);

CREATE INDEX alert_rule_change_recent ON public.alert_rule_change USING btree (account_id, changed_at DESC, id DESC);

CREATE INDEX attribution_setting_change_latest ON public.attribution_setting_change USING btree (account_id, changed_at DESC);

CREATE INDEX campaign_reach_stale ON public.campaign_reach USING btree (account_id, campaign_id) WHERE (version <> counted_version);

CREATE INDEX click_event_message ON public.click_event USING btree (account_id, message_id, link_no);

CREATE INDEX consent_change_contact ON public.consent_change USING btree (account_id, contact_id, channel, changed_at) INCLUDE (opted_in) WHERE (contact_id IS NOT NULL);

CREATE INDEX consent_change_message ON public.consent_change USING btree (account_id, message_id, contact_id) WHERE ((message_id IS NOT NULL) AND (NOT opted_in) AND (contact_id IS NOT NULL));

CREATE UNIQUE INDEX consent_change_provider ON public.consent_change USING btree (account_id, source, provider_id, contact_id) NULLS NOT DISTINCT WHERE (provider_id IS NOT NULL);

CREATE INDEX contact_consent_opted_in ON public.contact_consent USING btree (account_id, channel, contact_id) WHERE opted_in;

CREATE INDEX contact_email ON public.contact USING btree (account_id, lower(email));

CREATE INDEX contact_opted_in_name ON public.contact USING btree (account_id, last_name, first_name, id) WHERE opted_in_any;

CREATE INDEX contact_opted_in_phone ON public.contact USING btree (account_id, phone, id) WHERE opted_in_any;

CREATE INDEX contact_opted_in_sms_name ON public.contact USING btree (account_id, last_name, first_name, id) WHERE opted_in_sms;

CREATE INDEX contact_opted_in_sms_phone ON public.contact USING btree (account_id, phone, id) WHERE opted_in_sms;

CREATE INDEX contact_opted_in_viber_name ON public.contact USING btree (account_id, last_name, first_name, id) WHERE opted_in_viber;

CREATE INDEX contact_opted_in_viber_phone ON public.contact USING btree (account_id, phone, id) WHERE opted_in_viber;

CREATE INDEX contact_opted_in_whatsapp_name ON public.contact USING btree (account_id, last_name, first_name, id) WHERE opted_in_whatsapp;

CREATE INDEX contact_opted_in_whatsapp_phone ON public.contact USING btree (account_id, phone, id) WHERE opted_in_whatsapp;

CREATE INDEX contact_phone_digits_trgm ON public.contact USING gin (regexp_replace(phone, '[^0-9]'::text, ''::text, 'g'::text) public.gin_trgm_ops);

CREATE INDEX contact_phone_key ON public.contact USING btree (account_id, public.phone_key(phone));

CREATE INDEX contact_search_trgm ON public.contact USING gin (search_text public.gin_trgm_ops);

CREATE INDEX delivery_event_fold_queue ON public.delivery_event USING btree (id) WHERE ((folded_at IS NULL) AND (fold_attempts = 0));

CREATE INDEX delivery_event_misrouted ON public.delivery_event USING btree (received_at DESC, account_id, id DESC) WHERE misrouted;

CREATE INDEX delivery_event_orphans ON public.delivery_event USING btree (retry_at, account_id, id) WHERE ((folded_at IS NULL) AND (fold_attempts > 0));

CREATE INDEX export_job_folder ON public.export_job USING btree (account_id, folder_id) WHERE (state <> 'DONE'::public.export_state);

CREATE INDEX export_job_queue ON public.export_job USING btree (created_at) WHERE (state = ANY (ARRAY['QUEUED'::public.export_state, 'RUNNING'::public.export_state]));

CREATE INDEX gateway_report_row_day ON public.gateway_report_row USING btree (account_id, gateway_id, day);

CREATE INDEX integration_activity_recent ON public.integration_activity USING btree (bucket, account_id);

CREATE INDEX message_campaign ON public.message USING btree (account_id, campaign_id) WHERE (campaign_id IS NOT NULL);

CREATE INDEX message_list ON public.message USING btree (account_id, type, COALESCE(sent_at, scheduled_at) DESC, id DESC);

CREATE INDEX message_name_trgm ON public.message USING gin (name_search public.gin_trgm_ops);

CREATE INDEX message_recipient_clicked ON public.message_recipient USING btree (account_id, message_id, contact_id) WHERE (clicked_at IS NOT NULL);

CREATE INDEX message_recipient_contact ON public.message_recipient USING btree (account_id, contact_id);

CREATE INDEX message_recipient_delivered ON public.message_recipient USING btree (account_id, message_id, contact_id) WHERE (delivered_at IS NOT NULL);

CREATE INDEX message_recipient_failed ON public.message_recipient USING btree (account_id, message_id, contact_id) WHERE ((failed_at IS NOT NULL) AND (delivered_at IS NULL));

CREATE INDEX message_recipient_opened ON public.message_recipient USING btree (account_id, message_id, contact_id) WHERE (opened_at IS NOT NULL);

CREATE UNIQUE INDEX message_recipient_provider_id ON public.message_recipient USING btree (account_id, provider_message_id) WHERE (provider_message_id IS NOT NULL);

CREATE INDEX message_recipient_sent ON public.message_recipient USING btree (account_id, message_id, contact_id) WHERE (sent_at IS NOT NULL);

CREATE INDEX message_sent_recent ON public.message USING btree (sent_at, account_id) WHERE (sent_at IS NOT NULL);

CREATE INDEX opt_out_setting_change_latest ON public.opt_out_setting_change USING btree (account_id, changed_at DESC);

CREATE INDEX order_attribution_contact ON public.order_attribution USING btree (account_id, contact_id);

CREATE INDEX order_attribution_message ON public.order_attribution USING btree (account_id, message_id, placed_at);

CREATE INDEX order_event_contact ON public.order_event USING btree (account_id, contact_id) WHERE (contact_id IS NOT NULL);

CREATE INDEX order_event_unknown_email ON public.order_event USING btree (account_id, lower(email)) WHERE (contact_id IS NULL);

CREATE INDEX order_event_unknown_id ON public.order_event USING btree (account_id, given_contact_id) WHERE (contact_id IS NULL);

CREATE INDEX order_event_unknown_phone ON public.order_event USING btree (account_id, public.phone_key(phone)) WHERE (contact_id IS NULL);

CREATE INDEX stored_file_folder ON public.stored_file USING btree (account_id, folder_id);

CREATE UNIQUE INDEX stored_file_storage_key ON public.stored_file USING btree (account_id, storage_key);

CREATE INDEX support_access_log_message ON public.support_access_log USING btree (account_id, message_id, accessed_at DESC);

CREATE INDEX support_access_log_recent ON public.support_access_log USING btree (accessed_at DESC);

CREATE TRIGGER attribution_setting_changed_del AFTER DELETE ON public.attribution_setting REFERENCING OLD TABLE AS o FOR EACH STATEMENT EXECUTE FUNCTION public.attribution_inputs_changed();

CREATE TRIGGER attribution_setting_changed_ins AFTER INSERT ON public.attribution_setting REFERENCING NEW TABLE AS n FOR EACH STATEMENT EXECUTE FUNCTION public.attribution_inputs_changed();

CREATE TRIGGER attribution_setting_changed_upd AFTER UPDATE ON public.attribution_setting REFERENCING OLD TABLE AS o NEW TABLE AS n FOR EACH STATEMENT EXECUTE FUNCTION public.attribution_inputs_changed();

CREATE TRIGGER campaign_reach_created AFTER INSERT ON public.campaign FOR EACH ROW EXECUTE FUNCTION public.campaign_reach_created();

CREATE TRIGGER click_event_analytics_del AFTER DELETE ON public.click_event REFERENCING OLD TABLE AS o FOR EACH STATEMENT EXECUTE FUNCTION public.click_event_analytics();

CREATE TRIGGER click_event_analytics_ins AFTER INSERT ON public.click_event REFERENCING NEW TABLE AS n FOR EACH STATEMENT EXECUTE FUNCTION public.click_event_analytics();

CREATE TRIGGER click_event_analytics_upd AFTER UPDATE ON public.click_event REFERENCING OLD TABLE AS o NEW TABLE AS n FOR EACH STATEMENT EXECUTE FUNCTION public.click_event_analytics();

CREATE TRIGGER consent_change_append_only BEFORE UPDATE ON public.consent_change FOR EACH ROW EXECUTE FUNCTION public.consent_change_append_only();

CREATE TRIGGER consent_change_inserted AFTER INSERT ON public.consent_change REFERENCING NEW TABLE AS n FOR EACH STATEMENT EXECUTE FUNCTION public.consent_change_inserted();

CREATE TRIGGER contact_claims_orders AFTER INSERT ON public.contact REFERENCING NEW TABLE AS n FOR EACH STATEMENT EXECUTE FUNCTION public.contact_claims_orders();

CREATE TRIGGER contact_consent_counters_del AFTER DELETE ON public.contact_consent REFERENCING OLD TABLE AS o FOR EACH STATEMENT EXECUTE FUNCTION public.contact_consent_counters();

CREATE TRIGGER contact_consent_counters_ins AFTER INSERT ON public.contact_consent REFERENCING NEW TABLE AS n FOR EACH STATEMENT EXECUTE FUNCTION public.contact_consent_counters();

CREATE TRIGGER contact_consent_counters_upd AFTER UPDATE ON public.contact_consent REFERENCING OLD TABLE AS o NEW TABLE AS n FOR EACH STATEMENT EXECUTE FUNCTION public.contact_consent_counters();

CREATE TRIGGER contact_opted_in_any_del AFTER DELETE ON public.contact_consent REFERENCING OLD TABLE AS o FOR EACH STATEMENT EXECUTE FUNCTION public.contact_opted_in_any();

CREATE TRIGGER contact_opted_in_any_ins AFTER INSERT ON public.contact_consent REFERENCING NEW TABLE AS n FOR EACH STATEMENT EXECUTE FUNCTION public.contact_opted_in_any();

CREATE TRIGGER contact_opted_in_any_upd AFTER UPDATE ON public.contact_consent REFERENCING OLD TABLE AS o NEW TABLE AS n FOR EACH STATEMENT EXECUTE FUNCTION public.contact_opted_in_any();

CREATE TRIGGER contact_optin_overlap_del AFTER DELETE ON public.contact REFERENCING OLD TABLE AS o FOR EACH STATEMENT EXECUTE FUNCTION public.contact_optin_overlap();

CREATE TRIGGER contact_optin_overlap_ins AFTER INSERT ON public.contact REFERENCING NEW TABLE AS n FOR EACH STATEMENT EXECUTE FUNCTION public.contact_optin_overlap();

CREATE TRIGGER contact_optin_overlap_upd AFTER UPDATE ON public.contact REFERENCING OLD TABLE AS o NEW TABLE AS n FOR EACH STATEMENT EXECUTE FUNCTION public.contact_optin_overlap();

CREATE TRIGGER currency_rate_changed_del AFTER DELETE ON public.currency_rate REFERENCING OLD TABLE AS o FOR EACH STATEMENT EXECUTE FUNCTION public.attribution_inputs_changed();

CREATE TRIGGER currency_rate_changed_ins AFTER INSERT ON public.currency_rate REFERENCING NEW TABLE AS n FOR EACH STATEMENT EXECUTE FUNCTION public.attribution_inputs_changed();

CREATE TRIGGER currency_rate_changed_upd AFTER UPDATE ON public.currency_rate REFERENCING OLD TABLE AS o NEW TABLE AS n FOR EACH STATEMENT EXECUTE FUNCTION public.attribution_inputs_changed();

CREATE TRIGGER message_campaign_changed AFTER UPDATE OF campaign_id ON public.message FOR EACH ROW WHEN ((old.campaign_id IS DISTINCT FROM new.campaign_id)) EXECUTE FUNCTION public.message_campaign_changed();

CREATE TRIGGER message_campaign_deleted AFTER DELETE ON public.message FOR EACH ROW WHEN ((old.campaign_id IS NOT NULL)) EXECUTE FUNCTION public.message_campaign_changed();

CREATE TRIGGER message_recipient_activity_del AFTER DELETE ON public.message_recipient REFERENCING OLD TABLE AS o FOR EACH STATEMENT EXECUTE FUNCTION public.message_recipient_activity();

CREATE TRIGGER message_recipient_activity_ins AFTER INSERT ON public.message_recipient REFERENCING NEW TABLE AS n FOR EACH STATEMENT EXECUTE FUNCTION public.message_recipient_activity();

CREATE TRIGGER message_recipient_activity_upd AFTER UPDATE ON public.message_recipient REFERENCING OLD TABLE AS o NEW TABLE AS n FOR EACH STATEMENT EXECUTE FUNCTION public.message_recipient_activity();

CREATE TRIGGER message_recipient_analytics_del AFTER DELETE ON public.message_recipient REFERENCING OLD TABLE AS o FOR EACH STATEMENT EXECUTE FUNCTION public.message_recipient_analytics();

CREATE TRIGGER message_recipient_analytics_ins AFTER INSERT ON public.message_recipient REFERENCING NEW TABLE AS n FOR EACH STATEMENT EXECUTE FUNCTION public.message_recipient_analytics();

CREATE TRIGGER message_recipient_analytics_upd AFTER UPDATE ON public.message_recipient REFERENCING OLD TABLE AS o NEW TABLE AS n FOR EACH STATEMENT EXECUTE FUNCTION public.message_recipient_analytics();

CREATE TRIGGER message_recipient_attribution_del AFTER DELETE ON public.message_recipient REFERENCING OLD TABLE AS o FOR EACH STATEMENT EXECUTE FUNCTION public.message_recipient_attribution();

CREATE TRIGGER message_recipient_attribution_ins AFTER INSERT ON public.message_recipient REFERENCING NEW TABLE AS n FOR EACH STATEMENT EXECUTE FUNCTION public.message_recipient_attribution();

CREATE TRIGGER message_recipient_attribution_upd AFTER UPDATE ON public.message_recipient REFERENCING OLD TABLE AS o NEW TABLE AS n FOR EACH STATEMENT EXECUTE FUNCTION public.message_recipient_attribution();

CREATE TRIGGER message_recipient_campaigns_del AFTER DELETE ON public.message_recipient REFERENCING OLD TABLE AS o FOR EACH STATEMENT EXECUTE FUNCTION public.message_recipient_campaigns();

CREATE TRIGGER message_recipient_campaigns_ins AFTER INSERT ON public.message_recipient REFERENCING NEW TABLE AS n FOR EACH STATEMENT EXECUTE FUNCTION public.message_recipient_campaigns();

CREATE TRIGGER message_recipient_campaigns_upd AFTER UPDATE ON public.message_recipient REFERENCING OLD TABLE AS o NEW TABLE AS n FOR EACH STATEMENT EXECUTE FUNCTION public.message_recipient_campaigns();

CREATE TRIGGER message_recipient_cost_del AFTER DELETE ON public.message_recipient REFERENCING OLD TABLE AS o FOR EACH STATEMENT EXECUTE FUNCTION public.message_recipient_cost();

CREATE TRIGGER message_recipient_cost_ins AFTER INSERT ON public.message_recipient REFERENCING NEW TABLE AS n FOR EACH STATEMENT EXECUTE FUNCTION public.message_recipient_cost();

CREATE TRIGGER message_recipient_cost_upd AFTER UPDATE ON public.message_recipient REFERENCING OLD TABLE AS o NEW TABLE AS n FOR EACH STATEMENT EXECUTE FUNCTION public.message_recipient_cost();

CREATE TRIGGER message_recipient_counters_del AFTER DELETE ON public.message_recipient REFERENCING OLD TABLE AS o FOR EACH STATEMENT EXECUTE FUNCTION public.message_recipient_counters();

CREATE TRIGGER message_recipient_counters_ins AFTER INSERT ON public.message_recipient REFERENCING NEW TABLE AS n FOR EACH STATEMENT EXECUTE FUNCTION public.message_recipient_counters();

CREATE TRIGGER message_recipient_counters_upd AFTER UPDATE ON public.message_recipient REFERENCING OLD TABLE AS o NEW TABLE AS n FOR EACH STATEMENT EXECUTE FUNCTION public.message_recipient_counters();

CREATE TRIGGER message_recipient_hourly_del AFTER DELETE ON public.message_recipient REFERENCING OLD TABLE AS o FOR EACH STATEMENT EXECUTE FUNCTION public.message_recipient_hourly();

CREATE TRIGGER message_recipient_hourly_ins AFTER INSERT ON public.message_recipient REFERENCING NEW TABLE AS n FOR EACH STATEMENT EXECUTE FUNCTION public.message_recipient_hourly();

CREATE TRIGGER message_recipient_hourly_upd AFTER UPDATE ON public.message_recipient REFERENCING OLD TABLE AS o NEW TABLE AS n FOR EACH STATEMENT EXECUTE FUNCTION public.message_recipient_hourly();

CREATE TRIGGER message_recipient_price BEFORE INSERT OR UPDATE OF sent_at ON public.message_recipient FOR EACH ROW WHEN (((new.sent_at IS NOT NULL) AND (new.cost IS NULL))) EXECUTE FUNCTION public.message_recipient_price();

CREATE TRIGGER message_recipient_reach_days_del AFTER DELETE ON public.message_recipient REFERENCING OLD TABLE AS o FOR EACH STATEMENT EXECUTE FUNCTION public.message_recipient_reach_days();

CREATE TRIGGER message_recipient_reach_days_ins AFTER INSERT ON public.message_recipient REFERENCING NEW TABLE AS n FOR EACH STATEMENT EXECUTE FUNCTION public.message_recipient_reach_days();

CREATE TRIGGER message_recipient_reach_days_upd AFTER UPDATE ON public.message_recipient REFERENCING OLD TABLE AS o NEW TABLE AS n FOR EACH STATEMENT EXECUTE FUNCTION public.message_recipient_reach_days();

CREATE TRIGGER message_sms_parts BEFORE INSERT OR UPDATE OF content, channel ON public.message FOR EACH ROW EXECUTE FUNCTION public.message_sms_parts();

CREATE TRIGGER order_attribution_revenue_del AFTER DELETE ON public.order_attribution REFERENCING OLD TABLE AS o FOR EACH STATEMENT EXECUTE FUNCTION public.order_attribution_revenue();

CREATE TRIGGER order_attribution_revenue_ins AFTER INSERT ON public.order_attribution REFERENCING NEW TABLE AS n FOR EACH STATEMENT EXECUTE FUNCTION public.order_attribution_revenue();

CREATE TRIGGER order_attribution_revenue_upd AFTER UPDATE ON public.order_attribution REFERENCING OLD TABLE AS o NEW TABLE AS n FOR EACH STATEMENT EXECUTE FUNCTION public.order_attribution_revenue();

ALTER TABLE ONLY public.alert
    ADD CONSTRAINT alert_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.account(id);

ALTER TABLE ONLY public.alert_recipient
    ADD CONSTRAINT alert_recipient_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.account(id);

ALTER TABLE ONLY public.alert_rule
    ADD CONSTRAINT alert_rule_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.account(id);

ALTER TABLE ONLY public.alert_rule_change
    ADD CONSTRAINT alert_rule_change_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.account(id);

ALTER TABLE ONLY public.alert_rule_change
    ADD CONSTRAINT alert_rule_change_changed_by_fkey FOREIGN KEY (changed_by) REFERENCES public.app_user(id);

ALTER TABLE ONLY public.app_user
    ADD CONSTRAINT app_user_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.account(id);

ALTER TABLE ONLY public.attribution_setting
    ADD CONSTRAINT attribution_setting_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.account(id);

ALTER TABLE ONLY public.attribution_setting_change
    ADD CONSTRAINT attribution_setting_change_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.account(id);

ALTER TABLE ONLY public.campaign
    ADD CONSTRAINT campaign_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.account(id);

ALTER TABLE ONLY public.campaign_reach
    ADD CONSTRAINT campaign_reach_account_id_campaign_id_fkey FOREIGN KEY (account_id, campaign_id) REFERENCES public.campaign(account_id, id) ON DELETE CASCADE;

ALTER TABLE ONLY public.channel_integration
    ADD CONSTRAINT channel_integration_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.account(id);

ALTER TABLE ONLY public.click_event
    ADD CONSTRAINT click_event_account_id_message_id_contact_id_fkey FOREIGN KEY (account_id, message_id, contact_id) REFERENCES public.message_recipient(account_id, message_id, contact_id);

ALTER TABLE ONLY public.click_event
    ADD CONSTRAINT click_event_account_id_message_id_link_no_fkey FOREIGN KEY (account_id, message_id, link_no) REFERENCES public.message_link(account_id, message_id, link_no);

ALTER TABLE ONLY public.consent_change
    ADD CONSTRAINT consent_change_account_id_contact_id_fkey FOREIGN KEY (account_id, contact_id) REFERENCES public.contact(account_id, id) ON DELETE CASCADE;

ALTER TABLE ONLY public.consent_change
    ADD CONSTRAINT consent_change_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.account(id);

ALTER TABLE ONLY public.consent_change
    ADD CONSTRAINT consent_change_account_id_message_id_fkey FOREIGN KEY (account_id, message_id) REFERENCES public.message(account_id, id) ON DELETE SET NULL (message_id);

ALTER TABLE ONLY public.consent_daily
    ADD CONSTRAINT consent_daily_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.account(id);

ALTER TABLE ONLY public.contact
    ADD CONSTRAINT contact_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.account(id);

ALTER TABLE ONLY public.contact_consent
    ADD CONSTRAINT contact_consent_account_id_contact_id_fkey FOREIGN KEY (account_id, contact_id) REFERENCES public.contact(account_id, id) ON DELETE CASCADE;

ALTER TABLE ONLY public.cost_daily
    ADD CONSTRAINT cost_daily_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.account(id);

ALTER TABLE ONLY public.currency_rate
    ADD CONSTRAINT currency_rate_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.account(id);

ALTER TABLE ONLY public.delivery_event
    ADD CONSTRAINT delivery_event_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.account(id);

ALTER TABLE ONLY public.export_job
    ADD CONSTRAINT export_job_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.account(id);

ALTER TABLE ONLY public.export_job
    ADD CONSTRAINT export_job_account_id_folder_id_fkey FOREIGN KEY (account_id, folder_id) REFERENCES public.folder(account_id, id) ON DELETE CASCADE;

ALTER TABLE ONLY public.export_job
    ADD CONSTRAINT export_job_owner_id_fkey FOREIGN KEY (owner_id) REFERENCES public.app_user(id);

ALTER TABLE ONLY public.folder
    ADD CONSTRAINT folder_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.account(id);

ALTER TABLE ONLY public.folder
    ADD CONSTRAINT folder_created_by_fkey FOREIGN KEY (created_by) REFERENCES public.app_user(id);

ALTER TABLE ONLY public.gateway_report
    ADD CONSTRAINT gateway_report_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.account(id);

ALTER TABLE ONLY public.gateway_report
    ADD CONSTRAINT gateway_report_account_id_gateway_id_fkey FOREIGN KEY (account_id, gateway_id) REFERENCES public.sms_gateway(account_id, id);

ALTER TABLE ONLY public.gateway_report
    ADD CONSTRAINT gateway_report_imported_by_fkey FOREIGN KEY (imported_by) REFERENCES public.app_user(id);

ALTER TABLE ONLY public.grid_column_preference
    ADD CONSTRAINT grid_column_preference_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.account(id);

ALTER TABLE ONLY public.grid_column_preference
    ADD CONSTRAINT grid_column_preference_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.app_user(id);

ALTER TABLE ONLY public.integration_activity
    ADD CONSTRAINT integration_activity_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.account(id);

ALTER TABLE ONLY public.message
    ADD CONSTRAINT message_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.account(id);

ALTER TABLE ONLY public.message
    ADD CONSTRAINT message_account_id_gateway_id_fkey FOREIGN KEY (account_id, gateway_id) REFERENCES public.sms_gateway(account_id, id);

ALTER TABLE ONLY public.message
    ADD CONSTRAINT message_campaign_fk FOREIGN KEY (account_id, campaign_id) REFERENCES public.campaign(account_id, id);

ALTER TABLE ONLY public.message_cost
    ADD CONSTRAINT message_cost_account_id_message_id_fkey FOREIGN KEY (account_id, message_id) REFERENCES public.message(account_id, id) ON DELETE CASCADE;

ALTER TABLE ONLY public.message_failure_stats
    ADD CONSTRAINT message_failure_stats_account_id_message_id_fkey FOREIGN KEY (account_id, message_id) REFERENCES public.message(account_id, id) ON DELETE CASCADE;

ALTER TABLE ONLY public.message_latency_histogram
    ADD CONSTRAINT message_latency_histogram_account_id_message_id_fkey FOREIGN KEY (account_id, message_id) REFERENCES public.message(account_id, id) ON DELETE CASCADE;

ALTER TABLE ONLY public.message_link
    ADD CONSTRAINT message_link_account_id_message_id_fkey FOREIGN KEY (account_id, message_id) REFERENCES public.message(account_id, id) ON DELETE CASCADE;

ALTER TABLE ONLY public.message_link_clicker
    ADD CONSTRAINT message_link_clicker_account_id_message_id_link_no_fkey FOREIGN KEY (account_id, message_id, link_no) REFERENCES public.message_link(account_id, message_id, link_no) ON DELETE CASCADE;

ALTER TABLE ONLY public.message_link_stats
    ADD CONSTRAINT message_link_stats_account_id_message_id_link_no_fkey FOREIGN KEY (account_id, message_id, link_no) REFERENCES public.message_link(account_id, message_id, link_no) ON DELETE CASCADE;

ALTER TABLE ONLY public.message_opt_out
    ADD CONSTRAINT message_opt_out_account_id_message_id_fkey FOREIGN KEY (account_id, message_id) REFERENCES public.message(account_id, id) ON DELETE CASCADE;

ALTER TABLE ONLY public.message
    ADD CONSTRAINT message_owner_id_fkey FOREIGN KEY (owner_id) REFERENCES public.app_user(id);

ALTER TABLE ONLY public.message_recipient
    ADD CONSTRAINT message_recipient_account_id_contact_id_fkey FOREIGN KEY (account_id, contact_id) REFERENCES public.contact(account_id, id);

ALTER TABLE ONLY public.message_recipient
    ADD CONSTRAINT message_recipient_account_id_message_id_fkey FOREIGN KEY (account_id, message_id) REFERENCES public.message(account_id, id) ON DELETE CASCADE;

ALTER TABLE ONLY public.message_revenue
    ADD CONSTRAINT message_revenue_account_id_message_id_fkey FOREIGN KEY (account_id, message_id) REFERENCES public.message(account_id, id) ON DELETE CASCADE;

ALTER TABLE ONLY public.message_stats
    ADD CONSTRAINT message_stats_account_id_message_id_fkey FOREIGN KEY (account_id, message_id) REFERENCES public.message(account_id, id) ON DELETE CASCADE;

ALTER TABLE ONLY public.message_timeline
    ADD CONSTRAINT message_timeline_account_id_message_id_fkey FOREIGN KEY (account_id, message_id) REFERENCES public.message(account_id, id) ON DELETE CASCADE;

ALTER TABLE ONLY public.opt_out_daily
    ADD CONSTRAINT opt_out_daily_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.account(id);

ALTER TABLE ONLY public.opt_out_setting
    ADD CONSTRAINT opt_out_setting_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.account(id);

ALTER TABLE ONLY public.opt_out_setting_change
    ADD CONSTRAINT opt_out_setting_change_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.account(id);

ALTER TABLE ONLY public.optin_count
    ADD CONSTRAINT optin_count_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.account(id);

ALTER TABLE ONLY public.optin_overlap
    ADD CONSTRAINT optin_overlap_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.account(id);

ALTER TABLE ONLY public.order_attribution
    ADD CONSTRAINT order_attribution_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.account(id);

ALTER TABLE ONLY public.order_event
    ADD CONSTRAINT order_event_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.account(id);

ALTER TABLE ONLY public.reach_month_dirty
    ADD CONSTRAINT reach_month_dirty_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.account(id);

ALTER TABLE ONLY public.reach_sketch
    ADD CONSTRAINT reach_sketch_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.account(id);

ALTER TABLE ONLY public.reach_sketch_dirty
    ADD CONSTRAINT reach_sketch_dirty_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.account(id);

ALTER TABLE ONLY public.reach_sketch_month
    ADD CONSTRAINT reach_sketch_month_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.account(id);

ALTER TABLE ONLY public.revenue_daily
    ADD CONSTRAINT revenue_daily_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.account(id);

ALTER TABLE ONLY public.shop_integration
    ADD CONSTRAINT shop_integration_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.account(id);

ALTER TABLE ONLY public.sms_gateway
    ADD CONSTRAINT sms_gateway_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.account(id);

ALTER TABLE ONLY public.stats_daily
    ADD CONSTRAINT stats_daily_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.account(id);

ALTER TABLE ONLY public.stats_hourly
    ADD CONSTRAINT stats_hourly_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.account(id);

ALTER TABLE ONLY public.stored_file
    ADD CONSTRAINT stored_file_account_id_export_job_id_fkey FOREIGN KEY (account_id, export_job_id) REFERENCES public.export_job(account_id, id) ON DELETE SET NULL (export_job_id);

ALTER TABLE ONLY public.stored_file
    ADD CONSTRAINT stored_file_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.account(id);

ALTER TABLE ONLY public.stored_file
    ADD CONSTRAINT stored_file_account_id_folder_id_fkey FOREIGN KEY (account_id, folder_id) REFERENCES public.folder(account_id, id) ON DELETE CASCADE;

ALTER TABLE ONLY public.stored_file
    ADD CONSTRAINT stored_file_owner_id_fkey FOREIGN KEY (owner_id) REFERENCES public.app_user(id);

ALTER TABLE ONLY public.support_access_log
    ADD CONSTRAINT support_access_log_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.account(id);

ALTER TABLE ONLY public.support_access_log
    ADD CONSTRAINT support_access_log_support_user_id_fkey FOREIGN KEY (support_user_id) REFERENCES public.app_user(id);

ALTER TABLE ONLY public.tariff
    ADD CONSTRAINT tariff_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.account(id);

ALTER TABLE ONLY public.tariff
    ADD CONSTRAINT tariff_created_by_fkey FOREIGN KEY (created_by) REFERENCES public.app_user(id);

ALTER TABLE ONLY public.tariff_price
    ADD CONSTRAINT tariff_price_account_id_tariff_id_fkey FOREIGN KEY (account_id, tariff_id) REFERENCES public.tariff(account_id, id) ON DELETE CASCADE;

ALTER TABLE ONLY public.user_preference
    ADD CONSTRAINT user_preference_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.account(id);

ALTER TABLE ONLY public.user_preference
    ADD CONSTRAINT user_preference_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.app_user(id);

ALTER TABLE public.alert ENABLE ROW LEVEL SECURITY;

ALTER TABLE public.alert_recipient ENABLE ROW LEVEL SECURITY;

ALTER TABLE public.alert_rule ENABLE ROW LEVEL SECURITY;

ALTER TABLE public.alert_rule_change ENABLE ROW LEVEL SECURITY;

ALTER TABLE public.attribution_setting ENABLE ROW LEVEL SECURITY;

ALTER TABLE public.attribution_setting_change ENABLE ROW LEVEL SECURITY;

ALTER TABLE public.campaign ENABLE ROW LEVEL SECURITY;

ALTER TABLE public.campaign_reach ENABLE ROW LEVEL SECURITY;

ALTER TABLE public.channel_integration ENABLE ROW LEVEL SECURITY;

ALTER TABLE public.click_event ENABLE ROW LEVEL SECURITY;

ALTER TABLE public.consent_change ENABLE ROW LEVEL SECURITY;

ALTER TABLE public.consent_daily ENABLE ROW LEVEL SECURITY;

ALTER TABLE public.contact ENABLE ROW LEVEL SECURITY;

ALTER TABLE public.contact_consent ENABLE ROW LEVEL SECURITY;

ALTER TABLE public.cost_daily ENABLE ROW LEVEL SECURITY;

ALTER TABLE public.currency_rate ENABLE ROW LEVEL SECURITY;

ALTER TABLE public.delivery_event ENABLE ROW LEVEL SECURITY;

ALTER TABLE public.export_job ENABLE ROW LEVEL SECURITY;

ALTER TABLE public.folder ENABLE ROW LEVEL SECURITY;

ALTER TABLE public.gateway_report ENABLE ROW LEVEL SECURITY;

ALTER TABLE public.gateway_report_row ENABLE ROW LEVEL SECURITY;

ALTER TABLE public.grid_column_preference ENABLE ROW LEVEL SECURITY;

ALTER TABLE public.integration_activity ENABLE ROW LEVEL SECURITY;

ALTER TABLE public.message ENABLE ROW LEVEL SECURITY;

ALTER TABLE public.message_cost ENABLE ROW LEVEL SECURITY;

ALTER TABLE public.message_failure_stats ENABLE ROW LEVEL SECURITY;

ALTER TABLE public.message_latency_histogram ENABLE ROW LEVEL SECURITY;

ALTER TABLE public.message_link ENABLE ROW LEVEL SECURITY;

ALTER TABLE public.message_link_clicker ENABLE ROW LEVEL SECURITY;

ALTER TABLE public.message_link_stats ENABLE ROW LEVEL SECURITY;

ALTER TABLE public.message_opt_out ENABLE ROW LEVEL SECURITY;

ALTER TABLE public.message_recipient ENABLE ROW LEVEL SECURITY;

ALTER TABLE public.message_revenue ENABLE ROW LEVEL SECURITY;

ALTER TABLE public.message_stats ENABLE ROW LEVEL SECURITY;

ALTER TABLE public.message_timeline ENABLE ROW LEVEL SECURITY;

ALTER TABLE public.opt_out_daily ENABLE ROW LEVEL SECURITY;

ALTER TABLE public.opt_out_setting ENABLE ROW LEVEL SECURITY;

ALTER TABLE public.opt_out_setting_change ENABLE ROW LEVEL SECURITY;

ALTER TABLE public.optin_count ENABLE ROW LEVEL SECURITY;

ALTER TABLE public.optin_overlap ENABLE ROW LEVEL SECURITY;

ALTER TABLE public.order_attribution ENABLE ROW LEVEL SECURITY;

ALTER TABLE public.order_event ENABLE ROW LEVEL SECURITY;

ALTER TABLE public.reach_month_dirty ENABLE ROW LEVEL SECURITY;

ALTER TABLE public.reach_sketch ENABLE ROW LEVEL SECURITY;

ALTER TABLE public.reach_sketch_dirty ENABLE ROW LEVEL SECURITY;

ALTER TABLE public.reach_sketch_month ENABLE ROW LEVEL SECURITY;

ALTER TABLE public.revenue_daily ENABLE ROW LEVEL SECURITY;

ALTER TABLE public.shop_integration ENABLE ROW LEVEL SECURITY;

ALTER TABLE public.sms_gateway ENABLE ROW LEVEL SECURITY;

ALTER TABLE public.stats_daily ENABLE ROW LEVEL SECURITY;

ALTER TABLE public.stats_hourly ENABLE ROW LEVEL SECURITY;

ALTER TABLE public.stored_file ENABLE ROW LEVEL SECURITY;

ALTER TABLE public.support_access_log ENABLE ROW LEVEL SECURITY;

ALTER TABLE public.tariff ENABLE ROW LEVEL SECURITY;

ALTER TABLE public.tariff_price ENABLE ROW LEVEL SECURITY;

CREATE POLICY tenant_isolation ON public.alert USING (((account_id = ( SELECT public.app_account_id() AS app_account_id)) OR ( SELECT public.app_all_accounts() AS app_all_accounts))) WITH CHECK (((account_id = ( SELECT public.app_account_id() AS app_account_id)) OR ( SELECT public.app_all_accounts() AS app_all_accounts)));

CREATE POLICY tenant_isolation ON public.alert_recipient USING (((account_id = ( SELECT public.app_account_id() AS app_account_id)) OR ( SELECT public.app_all_accounts() AS app_all_accounts))) WITH CHECK (((account_id = ( SELECT public.app_account_id() AS app_account_id)) OR ( SELECT public.app_all_accounts() AS app_all_accounts)));

CREATE POLICY tenant_isolation ON public.alert_rule USING (((account_id = ( SELECT public.app_account_id() AS app_account_id)) OR ( SELECT public.app_all_accounts() AS app_all_accounts))) WITH CHECK (((account_id = ( SELECT public.app_account_id() AS app_account_id)) OR ( SELECT public.app_all_accounts() AS app_all_accounts)));

CREATE POLICY tenant_isolation ON public.alert_rule_change USING (((account_id = ( SELECT public.app_account_id() AS app_account_id)) OR ( SELECT public.app_all_accounts() AS app_all_accounts))) WITH CHECK (((account_id = ( SELECT public.app_account_id() AS app_account_id)) OR ( SELECT public.app_all_accounts() AS app_all_accounts)));

CREATE POLICY tenant_isolation ON public.attribution_setting USING (((account_id = ( SELECT public.app_account_id() AS app_account_id)) OR ( SELECT public.app_all_accounts() AS app_all_accounts))) WITH CHECK (((account_id = ( SELECT public.app_account_id() AS app_account_id)) OR ( SELECT public.app_all_accounts() AS app_all_accounts)));

CREATE POLICY tenant_isolation ON public.attribution_setting_change USING (((account_id = ( SELECT public.app_account_id() AS app_account_id)) OR ( SELECT public.app_all_accounts() AS app_all_accounts))) WITH CHECK (((account_id = ( SELECT public.app_account_id() AS app_account_id)) OR ( SELECT public.app_all_accounts() AS app_all_accounts)));

CREATE POLICY tenant_isolation ON public.campaign USING (((account_id = ( SELECT public.app_account_id() AS app_account_id)) OR ( SELECT public.app_all_accounts() AS app_all_accounts))) WITH CHECK (((account_id = ( SELECT public.app_account_id() AS app_account_id)) OR ( SELECT public.app_all_accounts() AS app_all_accounts)));

CREATE POLICY tenant_isolation ON public.campaign_reach USING (((account_id = ( SELECT public.app_account_id() AS app_account_id)) OR ( SELECT public.app_all_accounts() AS app_all_accounts))) WITH CHECK (((account_id = ( SELECT public.app_account_id() AS app_account_id)) OR ( SELECT public.app_all_accounts() AS app_all_accounts)));

CREATE POLICY tenant_isolation ON public.channel_integration USING (((account_id = ( SELECT public.app_account_id() AS app_account_id)) OR ( SELECT public.app_all_accounts() AS app_all_accounts))) WITH CHECK (((account_id = ( SELECT public.app_account_id() AS app_account_id)) OR ( SELECT public.app_all_accounts() AS app_all_accounts)));

CREATE POLICY tenant_isolation ON public.click_event USING (((account_id = ( SELECT public.app_account_id() AS app_account_id)) OR ( SELECT public.app_all_accounts() AS app_all_accounts))) WITH CHECK (((account_id = ( SELECT public.app_account_id() AS app_account_id)) OR ( SELECT public.app_all_accounts() AS app_all_accounts)));

CREATE POLICY tenant_isolation ON public.consent_change USING (((account_id = ( SELECT public.app_account_id() AS app_account_id)) OR ( SELECT public.app_all_accounts() AS app_all_accounts))) WITH CHECK (((account_id = ( SELECT public.app_account_id() AS app_account_id)) OR ( SELECT public.app_all_accounts() AS app_all_accounts)));

CREATE POLICY tenant_isolation ON public.consent_daily USING (((account_id = ( SELECT public.app_account_id() AS app_account_id)) OR ( SELECT public.app_all_accounts() AS app_all_accounts))) WITH CHECK (((account_id = ( SELECT public.app_account_id() AS app_account_id)) OR ( SELECT public.app_all_accounts() AS app_all_accounts)));

CREATE POLICY tenant_isolation ON public.contact USING (((account_id = ( SELECT public.app_account_id() AS app_account_id)) OR ( SELECT public.app_all_accounts() AS app_all_accounts))) WITH CHECK (((account_id = ( SELECT public.app_account_id() AS app_account_id)) OR ( SELECT public.app_all_accounts() AS app_all_accounts)));

CREATE POLICY tenant_isolation ON public.contact_consent USING (((account_id = ( SELECT public.app_account_id() AS app_account_id)) OR ( SELECT public.app_all_accounts() AS app_all_accounts))) WITH CHECK (((account_id = ( SELECT public.app_account_id() AS app_account_id)) OR ( SELECT public.app_all_accounts() AS app_all_accounts)));

CREATE POLICY tenant_isolation ON public.cost_daily USING (((account_id = ( SELECT public.app_account_id() AS app_account_id)) OR ( SELECT public.app_all_accounts() AS app_all_accounts))) WITH CHECK (((account_id = ( SELECT public.app_account_id() AS app_account_id)) OR ( SELECT public.app_all_accounts() AS app_all_accounts)));

CREATE POLICY tenant_isolation ON public.currency_rate USING (((account_id = ( SELECT public.app_account_id() AS app_account_id)) OR ( SELECT public.app_all_accounts() AS app_all_accounts))) WITH CHECK (((account_id = ( SELECT public.app_account_id() AS app_account_id)) OR ( SELECT public.app_all_accounts() AS app_all_accounts)));

CREATE POLICY tenant_isolation ON public.delivery_event USING (((account_id = ( SELECT public.app_account_id() AS app_account_id)) OR ( SELECT public.app_all_accounts() AS app_all_accounts))) WITH CHECK (((account_id = ( SELECT public.app_account_id() AS app_account_id)) OR ( SELECT public.app_all_accounts() AS app_all_accounts)));

CREATE POLICY tenant_isolation ON public.export_job USING (((account_id = ( SELECT public.app_account_id() AS app_account_id)) OR ( SELECT public.app_all_accounts() AS app_all_accounts))) WITH CHECK (((account_id = ( SELECT public.app_account_id() AS app_account_id)) OR ( SELECT public.app_all_accounts() AS app_all_accounts)));

CREATE POLICY tenant_isolation ON public.folder USING (((account_id = ( SELECT public.app_account_id() AS app_account_id)) OR ( SELECT public.app_all_accounts() AS app_all_accounts))) WITH CHECK (((account_id = ( SELECT public.app_account_id() AS app_account_id)) OR ( SELECT public.app_all_accounts() AS app_all_accounts)));

CREATE POLICY tenant_isolation ON public.gateway_report USING (((account_id = ( SELECT public.app_account_id() AS app_account_id)) OR ( SELECT public.app_all_accounts() AS app_all_accounts))) WITH CHECK (((account_id = ( SELECT public.app_account_id() AS app_account_id)) OR ( SELECT public.app_all_accounts() AS app_all_accounts)));

CREATE POLICY tenant_isolation ON public.gateway_report_row USING (((account_id = ( SELECT public.app_account_id() AS app_account_id)) OR ( SELECT public.app_all_accounts() AS app_all_accounts))) WITH CHECK (((account_id = ( SELECT public.app_account_id() AS app_account_id)) OR ( SELECT public.app_all_accounts() AS app_all_accounts)));

CREATE POLICY tenant_isolation ON public.grid_column_preference USING (((account_id = ( SELECT public.app_account_id() AS app_account_id)) OR ( SELECT public.app_all_accounts() AS app_all_accounts))) WITH CHECK (((account_id = ( SELECT public.app_account_id() AS app_account_id)) OR ( SELECT public.app_all_accounts() AS app_all_accounts)));

CREATE POLICY tenant_isolation ON public.integration_activity USING (((account_id = ( SELECT public.app_account_id() AS app_account_id)) OR ( SELECT public.app_all_accounts() AS app_all_accounts))) WITH CHECK (((account_id = ( SELECT public.app_account_id() AS app_account_id)) OR ( SELECT public.app_all_accounts() AS app_all_accounts)));

CREATE POLICY tenant_isolation ON public.message USING (((account_id = ( SELECT public.app_account_id() AS app_account_id)) OR ( SELECT public.app_all_accounts() AS app_all_accounts))) WITH CHECK (((account_id = ( SELECT public.app_account_id() AS app_account_id)) OR ( SELECT public.app_all_accounts() AS app_all_accounts)));

CREATE POLICY tenant_isolation ON public.message_cost USING (((account_id = ( SELECT public.app_account_id() AS app_account_id)) OR ( SELECT public.app_all_accounts() AS app_all_accounts))) WITH CHECK (((account_id = ( SELECT public.app_account_id() AS app_account_id)) OR ( SELECT public.app_all_accounts() AS app_all_accounts)));

CREATE POLICY tenant_isolation ON public.message_failure_stats USING (((account_id = ( SELECT public.app_account_id() AS app_account_id)) OR ( SELECT public.app_all_accounts() AS app_all_accounts))) WITH CHECK (((account_id = ( SELECT public.app_account_id() AS app_account_id)) OR ( SELECT public.app_all_accounts() AS app_all_accounts)));

CREATE POLICY tenant_isolation ON public.message_latency_histogram USING (((account_id = ( SELECT public.app_account_id() AS app_account_id)) OR ( SELECT public.app_all_accounts() AS app_all_accounts))) WITH CHECK (((account_id = ( SELECT public.app_account_id() AS app_account_id)) OR ( SELECT public.app_all_accounts() AS app_all_accounts)));

CREATE POLICY tenant_isolation ON public.message_link USING (((account_id = ( SELECT public.app_account_id() AS app_account_id)) OR ( SELECT public.app_all_accounts() AS app_all_accounts))) WITH CHECK (((account_id = ( SELECT public.app_account_id() AS app_account_id)) OR ( SELECT public.app_all_accounts() AS app_all_accounts)));

CREATE POLICY tenant_isolation ON public.message_link_clicker USING (((account_id = ( SELECT public.app_account_id() AS app_account_id)) OR ( SELECT public.app_all_accounts() AS app_all_accounts))) WITH CHECK (((account_id = ( SELECT public.app_account_id() AS app_account_id)) OR ( SELECT public.app_all_accounts() AS app_all_accounts)));

CREATE POLICY tenant_isolation ON public.message_link_stats USING (((account_id = ( SELECT public.app_account_id() AS app_account_id)) OR ( SELECT public.app_all_accounts() AS app_all_accounts))) WITH CHECK (((account_id = ( SELECT public.app_account_id() AS app_account_id)) OR ( SELECT public.app_all_accounts() AS app_all_accounts)));

CREATE POLICY tenant_isolation ON public.message_opt_out USING (((account_id = ( SELECT public.app_account_id() AS app_account_id)) OR ( SELECT public.app_all_accounts() AS app_all_accounts))) WITH CHECK (((account_id = ( SELECT public.app_account_id() AS app_account_id)) OR ( SELECT public.app_all_accounts() AS app_all_accounts)));

CREATE POLICY tenant_isolation ON public.message_recipient USING (((account_id = ( SELECT public.app_account_id() AS app_account_id)) OR ( SELECT public.app_all_accounts() AS app_all_accounts))) WITH CHECK (((account_id = ( SELECT public.app_account_id() AS app_account_id)) OR ( SELECT public.app_all_accounts() AS app_all_accounts)));

CREATE POLICY tenant_isolation ON public.message_revenue USING (((account_id = ( SELECT public.app_account_id() AS app_account_id)) OR ( SELECT public.app_all_accounts() AS app_all_accounts))) WITH CHECK (((account_id = ( SELECT public.app_account_id() AS app_account_id)) OR ( SELECT public.app_all_accounts() AS app_all_accounts)));

CREATE POLICY tenant_isolation ON public.message_stats USING (((account_id = ( SELECT public.app_account_id() AS app_account_id)) OR ( SELECT public.app_all_accounts() AS app_all_accounts))) WITH CHECK (((account_id = ( SELECT public.app_account_id() AS app_account_id)) OR ( SELECT public.app_all_accounts() AS app_all_accounts)));

CREATE POLICY tenant_isolation ON public.message_timeline USING (((account_id = ( SELECT public.app_account_id() AS app_account_id)) OR ( SELECT public.app_all_accounts() AS app_all_accounts))) WITH CHECK (((account_id = ( SELECT public.app_account_id() AS app_account_id)) OR ( SELECT public.app_all_accounts() AS app_all_accounts)));

CREATE POLICY tenant_isolation ON public.opt_out_daily USING (((account_id = ( SELECT public.app_account_id() AS app_account_id)) OR ( SELECT public.app_all_accounts() AS app_all_accounts))) WITH CHECK (((account_id = ( SELECT public.app_account_id() AS app_account_id)) OR ( SELECT public.app_all_accounts() AS app_all_accounts)));

CREATE POLICY tenant_isolation ON public.opt_out_setting USING (((account_id = ( SELECT public.app_account_id() AS app_account_id)) OR ( SELECT public.app_all_accounts() AS app_all_accounts))) WITH CHECK (((account_id = ( SELECT public.app_account_id() AS app_account_id)) OR ( SELECT public.app_all_accounts() AS app_all_accounts)));

CREATE POLICY tenant_isolation ON public.opt_out_setting_change USING (((account_id = ( SELECT public.app_account_id() AS app_account_id)) OR ( SELECT public.app_all_accounts() AS app_all_accounts))) WITH CHECK (((account_id = ( SELECT public.app_account_id() AS app_account_id)) OR ( SELECT public.app_all_accounts() AS app_all_accounts)));

CREATE POLICY tenant_isolation ON public.optin_count USING (((account_id = ( SELECT public.app_account_id() AS app_account_id)) OR ( SELECT public.app_all_accounts() AS app_all_accounts))) WITH CHECK (((account_id = ( SELECT public.app_account_id() AS app_account_id)) OR ( SELECT public.app_all_accounts() AS app_all_accounts)));

CREATE POLICY tenant_isolation ON public.optin_overlap USING (((account_id = ( SELECT public.app_account_id() AS app_account_id)) OR ( SELECT public.app_all_accounts() AS app_all_accounts))) WITH CHECK (((account_id = ( SELECT public.app_account_id() AS app_account_id)) OR ( SELECT public.app_all_accounts() AS app_all_accounts)));

CREATE POLICY tenant_isolation ON public.order_attribution USING (((account_id = ( SELECT public.app_account_id() AS app_account_id)) OR ( SELECT public.app_all_accounts() AS app_all_accounts))) WITH CHECK (((account_id = ( SELECT public.app_account_id() AS app_account_id)) OR ( SELECT public.app_all_accounts() AS app_all_accounts)));

CREATE POLICY tenant_isolation ON public.order_event USING (((account_id = ( SELECT public.app_account_id() AS app_account_id)) OR ( SELECT public.app_all_accounts() AS app_all_accounts))) WITH CHECK (((account_id = ( SELECT public.app_account_id() AS app_account_id)) OR ( SELECT public.app_all_accounts() AS app_all_accounts)));

CREATE POLICY tenant_isolation ON public.reach_month_dirty USING (((account_id = ( SELECT public.app_account_id() AS app_account_id)) OR ( SELECT public.app_all_accounts() AS app_all_accounts))) WITH CHECK (((account_id = ( SELECT public.app_account_id() AS app_account_id)) OR ( SELECT public.app_all_accounts() AS app_all_accounts)));

CREATE POLICY tenant_isolation ON public.reach_sketch USING (((account_id = ( SELECT public.app_account_id() AS app_account_id)) OR ( SELECT public.app_all_accounts() AS app_all_accounts))) WITH CHECK (((account_id = ( SELECT public.app_account_id() AS app_account_id)) OR ( SELECT public.app_all_accounts() AS app_all_accounts)));

CREATE POLICY tenant_isolation ON public.reach_sketch_dirty USING (((account_id = ( SELECT public.app_account_id() AS app_account_id)) OR ( SELECT public.app_all_accounts() AS app_all_accounts))) WITH CHECK (((account_id = ( SELECT public.app_account_id() AS app_account_id)) OR ( SELECT public.app_all_accounts() AS app_all_accounts)));

CREATE POLICY tenant_isolation ON public.reach_sketch_month USING (((account_id = ( SELECT public.app_account_id() AS app_account_id)) OR ( SELECT public.app_all_accounts() AS app_all_accounts))) WITH CHECK (((account_id = ( SELECT public.app_account_id() AS app_account_id)) OR ( SELECT public.app_all_accounts() AS app_all_accounts)));

CREATE POLICY tenant_isolation ON public.revenue_daily USING (((account_id = ( SELECT public.app_account_id() AS app_account_id)) OR ( SELECT public.app_all_accounts() AS app_all_accounts))) WITH CHECK (((account_id = ( SELECT public.app_account_id() AS app_account_id)) OR ( SELECT public.app_all_accounts() AS app_all_accounts)));

CREATE POLICY tenant_isolation ON public.shop_integration USING (((account_id = ( SELECT public.app_account_id() AS app_account_id)) OR ( SELECT public.app_all_accounts() AS app_all_accounts))) WITH CHECK (((account_id = ( SELECT public.app_account_id() AS app_account_id)) OR ( SELECT public.app_all_accounts() AS app_all_accounts)));

CREATE POLICY tenant_isolation ON public.sms_gateway USING (((account_id = ( SELECT public.app_account_id() AS app_account_id)) OR ( SELECT public.app_all_accounts() AS app_all_accounts))) WITH CHECK (((account_id = ( SELECT public.app_account_id() AS app_account_id)) OR ( SELECT public.app_all_accounts() AS app_all_accounts)));

CREATE POLICY tenant_isolation ON public.stats_daily USING (((account_id = ( SELECT public.app_account_id() AS app_account_id)) OR ( SELECT public.app_all_accounts() AS app_all_accounts))) WITH CHECK (((account_id = ( SELECT public.app_account_id() AS app_account_id)) OR ( SELECT public.app_all_accounts() AS app_all_accounts)));

CREATE POLICY tenant_isolation ON public.stats_hourly USING (((account_id = ( SELECT public.app_account_id() AS app_account_id)) OR ( SELECT public.app_all_accounts() AS app_all_accounts))) WITH CHECK (((account_id = ( SELECT public.app_account_id() AS app_account_id)) OR ( SELECT public.app_all_accounts() AS app_all_accounts)));

CREATE POLICY tenant_isolation ON public.stored_file USING (((account_id = ( SELECT public.app_account_id() AS app_account_id)) OR ( SELECT public.app_all_accounts() AS app_all_accounts))) WITH CHECK (((account_id = ( SELECT public.app_account_id() AS app_account_id)) OR ( SELECT public.app_all_accounts() AS app_all_accounts)));

CREATE POLICY tenant_isolation ON public.support_access_log USING (((account_id = ( SELECT public.app_account_id() AS app_account_id)) OR ( SELECT public.app_all_accounts() AS app_all_accounts))) WITH CHECK (((account_id = ( SELECT public.app_account_id() AS app_account_id)) OR ( SELECT public.app_all_accounts() AS app_all_accounts)));

CREATE POLICY tenant_isolation ON public.tariff USING (((account_id = ( SELECT public.app_account_id() AS app_account_id)) OR ( SELECT public.app_all_accounts() AS app_all_accounts))) WITH CHECK (((account_id = ( SELECT public.app_account_id() AS app_account_id)) OR ( SELECT public.app_all_accounts() AS app_all_accounts)));

CREATE POLICY tenant_isolation ON public.tariff_price USING (((account_id = ( SELECT public.app_account_id() AS app_account_id)) OR ( SELECT public.app_all_accounts() AS app_all_accounts))) WITH CHECK (((account_id = ( SELECT public.app_account_id() AS app_account_id)) OR ( SELECT public.app_all_accounts() AS app_all_accounts)));

CREATE POLICY tenant_isolation ON public.user_preference USING (((account_id = ( SELECT public.app_account_id() AS app_account_id)) OR ( SELECT public.app_all_accounts() AS app_all_accounts))) WITH CHECK (((account_id = ( SELECT public.app_account_id() AS app_account_id)) OR ( SELECT public.app_all_accounts() AS app_all_accounts)));

ALTER TABLE public.user_preference ENABLE ROW LEVEL SECURITY;
