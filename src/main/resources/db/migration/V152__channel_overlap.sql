-- Channel overlap: how many opted-in contacts are reachable on exactly which combination of
-- channels. A part is a bit set of the channels (SMS 1, WhatsApp 2, Viber 4), so the seven parts
-- are 1..7. The counters follow the contacts' opt-in flags (kept from the consents by V61's
-- trigger, in the same transaction as the consent change) through a statement-level trigger on
-- contact: one signed row per old and new contact version, summed per account and part, written
-- only where a count really changes. The panel reads seven rows instead of counting contacts.

create function channel_part(sms boolean, whatsapp boolean, viber boolean) returns smallint
    language sql immutable parallel safe as
$$
select (sms::int + 2 * whatsapp::int + 4 * viber::int)::smallint;
$$;

create table optin_overlap (
    account_id bigint   not null references account (id),
    part       smallint not null check (part between 1 and 7),
    contacts   bigint   not null default 0,
    primary key (account_id, part)
);
select enable_tenant_isolation('optin_overlap');

-- The oracle: each opted-in contact's part from its consents themselves, not from the flags.
create view optin_overlap_recount as
select account_id, part, count(*) as contacts
from (select account_id,
             channel_part(bool_or(channel = 'SMS'), bool_or(channel = 'WHATSAPP'), bool_or(channel = 'VIBER')) as part
      from contact_consent
      where opted_in
      group by account_id, contact_id) opted_in_contact
group by account_id, part;

create function contact_optin_overlap() returns trigger
    language plpgsql as
$$
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
$$;

-- The insert, update and delete triggers of a statement-level function that reads the transition
-- tables n (new rows) and o (old rows), created in one call, so that new rollups do not spell out
-- the three statements again.
create function create_transition_triggers(p_table regclass, p_function text) returns void
    language plpgsql as
$$
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

select create_transition_triggers('contact', 'contact_optin_overlap');

-- Replaces one account's overlap counters with the recount (the demo's bulk load calls it).
create function rebuild_optin_overlap(p_account_id bigint) returns void
    language sql as
$$
delete from optin_overlap where account_id = p_account_id;
insert into optin_overlap (account_id, part, contacts)
select account_id, part, contacts from optin_overlap_recount where account_id = p_account_id;
$$;

-- Existing contacts: one grouped read of the consents (no recipient rows are touched).
select set_config('app.all_accounts', 'on', true);
insert into optin_overlap (account_id, part, contacts)
select account_id, part, contacts from optin_overlap_recount;
