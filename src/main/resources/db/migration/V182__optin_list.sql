-- The opt-in "Who?" lists walked eight partial indexes of contact (by name and by phone, for any
-- channel and for each), whose predicates are the contact's opt-in flags. So every consent change
-- rewrote the contact: a flag in an index predicate rules out a HOT update, and the new row version
-- took an entry in each of the contact's 14 indexes. At the L tier (10 M contacts, 100 M
-- recipients) that was half of a new opt-out's database time and held the replies to 165-435/s of
-- 1 000 offered; with the eight indexes dropped, 996/s (docs/benchmarks.md, "Opt-outs at the L
-- tier"). The lists now have a narrow table of their own: one row per contact and list (ANY or a
-- channel) with the list's sort keys, kept by a trigger on contact. An opt-out deletes one or two
-- of these rows (a delete writes no index entry) and the flags' update on contact can be HOT.
-- Who is on which list, and in which order, does not change.

select set_config('app.all_accounts', 'on', true);

-- The lists a contact with these opt-ins is on.
create function optin_scopes(sms boolean, whatsapp boolean, viber boolean) returns text[]
    language sql immutable parallel safe
    return array_remove(array [case when sms or whatsapp or viber then 'ANY' end,
                               case when sms then 'SMS' end,
                               case when whatsapp then 'WHATSAPP' end,
                               case when viber then 'VIBER' end], null);

create table optin_list (
    account_id bigint not null,
    contact_id bigint not null,
    scope      text   not null check (scope in ('ANY', 'SMS', 'WHATSAPP', 'VIBER')),
    last_name  text   not null,
    first_name text   not null,
    phone      text   not null
);

insert into optin_list (account_id, contact_id, scope, last_name, first_name, phone)
select c.account_id, c.id, s.scope, c.last_name, c.first_name, c.phone
from contact c
cross join unnest(optin_scopes(c.opted_in_sms, c.opted_in_whatsapp, c.opted_in_viber)) s(scope)
where c.opted_in_any;

alter table optin_list add primary key (account_id, contact_id, scope);
-- The lists' two orders; a deep page walks one range of one of them.
create index optin_list_name on optin_list (account_id, scope, last_name, first_name, contact_id);
create index optin_list_phone on optin_list (account_id, scope, phone, contact_id);
analyze optin_list;

alter table optin_list enable row level security;
alter table optin_list force row level security;
create policy tenant_isolation on optin_list
    using (account_id = (select app_account_id()) or (select app_all_accounts()))
    with check (account_id = (select app_account_id()) or (select app_all_accounts()));

-- A contact's rows follow its opt-in flags and sort keys (the flags follow its consent, see
-- contact_opted_in_any). Only contacts whose flags, names or phone changed are touched.
create function contact_optin_list() returns trigger
    language plpgsql
    set enable_seqscan = off
as
$$
begin
    if tg_op = 'INSERT' then
        insert into optin_list as l (account_id, contact_id, scope, last_name, first_name, phone)
        select n.account_id, n.id, s.scope, n.last_name, n.first_name, n.phone
        from n
        cross join unnest(optin_scopes(n.opted_in_sms, n.opted_in_whatsapp, n.opted_in_viber)) s(scope)
        on conflict (account_id, contact_id, scope) do update
            set last_name = excluded.last_name, first_name = excluded.first_name, phone = excluded.phone;
    elsif tg_op = 'DELETE' then
        delete from optin_list l
        using o
        where l.account_id = o.account_id and l.contact_id = o.id;
    else
        -- A list the contact left, or every list when its sort keys changed: out.
        delete from optin_list l
        using o
        join n on n.account_id = o.account_id and n.id = o.id
        where l.account_id = o.account_id and l.contact_id = o.id
          and ((n.last_name, n.first_name, n.phone) is distinct from (o.last_name, o.first_name, o.phone)
               or not l.scope = any (optin_scopes(n.opted_in_sms, n.opted_in_whatsapp, n.opted_in_viber)));
        -- A list the contact joined, or every list when its sort keys changed: in.
        insert into optin_list as l (account_id, contact_id, scope, last_name, first_name, phone)
        select n.account_id, n.id, s.scope, n.last_name, n.first_name, n.phone
        from n
        join o on o.account_id = n.account_id and o.id = n.id
        cross join unnest(optin_scopes(n.opted_in_sms, n.opted_in_whatsapp, n.opted_in_viber)) s(scope)
        where (n.last_name, n.first_name, n.phone) is distinct from (o.last_name, o.first_name, o.phone)
           or not s.scope = any (optin_scopes(o.opted_in_sms, o.opted_in_whatsapp, o.opted_in_viber))
        on conflict (account_id, contact_id, scope) do update
            set last_name = excluded.last_name, first_name = excluded.first_name, phone = excluded.phone;
    end if;
    return null;
end;
$$;

select create_transition_triggers('contact', 'contact_optin_list');

-- The lists as the consent history has them: what the bulk demo load rebuilds (its triggers are off)
-- and what the tests compare the table with.
create view optin_list_recount as
select c.account_id, c.id as contact_id, s.scope, c.last_name, c.first_name, c.phone
from contact c
join (select account_id, contact_id,
             bool_or(channel = 'SMS') as sms,
             bool_or(channel = 'WHATSAPP') as whatsapp,
             bool_or(channel = 'VIBER') as viber
      from contact_consent
      where opted_in
      group by account_id, contact_id) f on f.account_id = c.account_id and f.contact_id = c.id
cross join unnest(optin_scopes(f.sms, f.whatsapp, f.viber)) s(scope);

create function rebuild_optin_list(p_account_id bigint) returns void
    language sql
as
$$
delete from optin_list where account_id = p_account_id;
insert into optin_list (account_id, contact_id, scope, last_name, first_name, phone)
select account_id, contact_id, scope, last_name, first_name, phone
from optin_list_recount where account_id = p_account_id;
$$;

drop index contact_opted_in_name;
drop index contact_opted_in_phone;
drop index contact_opted_in_sms_name;
drop index contact_opted_in_sms_phone;
drop index contact_opted_in_whatsapp_name;
drop index contact_opted_in_whatsapp_phone;
drop index contact_opted_in_viber_name;
drop index contact_opted_in_viber_phone;
