-- Opt-in flags per channel on the contact, next to "any" (V11), so a channel's "Who?" list pages
-- through its own partial index at any depth, as "All" does, instead of probing every skipped
-- contact's consents. The flags are kept by the statement-level trigger on consents; "any" becomes
-- a generated column of them. The name and phone order indexes of V10 served only this list,
-- which never shows contacts without a consent: the partial indexes replace them.

drop index contact_name_order;
drop index contact_phone_order;

-- The flags of one contact, from its consents.
create function contact_opt_in_flags(p_account_id bigint, p_contact_id bigint,
                                     out sms boolean, out whatsapp boolean, out viber boolean)
    language sql stable as
$$
select coalesce(bool_or(channel = 'SMS'), false),
       coalesce(bool_or(channel = 'WHATSAPP'), false),
       coalesce(bool_or(channel = 'VIBER'), false)
from contact_consent
where account_id = p_account_id and contact_id = p_contact_id and opted_in;
$$;

-- The flags of existing contacts are computed while the table is rewritten once, instead of an
-- UPDATE that would write every opted-in contact again through every index (row-level security
-- lets a migration read every account's consents only when asked).
select set_config('app.all_accounts', 'on', true);
alter table contact
    drop column opted_in_any,
    add column opted_in_sms      boolean not null default false,
    add column opted_in_whatsapp boolean not null default false,
    add column opted_in_viber    boolean not null default false;
alter table contact
    alter column opted_in_sms type boolean using (contact_opt_in_flags(account_id, id)).sms,
    alter column opted_in_whatsapp type boolean using (contact_opt_in_flags(account_id, id)).whatsapp,
    alter column opted_in_viber type boolean using (contact_opt_in_flags(account_id, id)).viber;
alter table contact
    add column opted_in_any boolean generated always as (opted_in_sms or opted_in_whatsapp or opted_in_viber) stored;

-- The trigger function keeps its V11 name (its triggers stay as they are) and now keeps every flag.
create or replace function contact_opted_in_any() returns trigger
    language plpgsql as
$$
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
$$;

-- Recounts every opt-in flag of one account's contacts from their consents (like rebuild_counters).
create function rebuild_opt_in_flags(p_account_id bigint) returns void
    language sql as
$$
update contact c
set opted_in_sms = f.sms, opted_in_whatsapp = f.whatsapp, opted_in_viber = f.viber
from (select c2.id, x.sms, x.whatsapp, x.viber
      from contact c2 cross join lateral contact_opt_in_flags(c2.account_id, c2.id) x
      where c2.account_id = p_account_id) f
where c.account_id = p_account_id and c.id = f.id
  and (c.opted_in_sms, c.opted_in_whatsapp, c.opted_in_viber) is distinct from (f.sms, f.whatsapp, f.viber);
$$;

create index contact_opted_in_name on contact (account_id, last_name, first_name, id) where opted_in_any;
create index contact_opted_in_phone on contact (account_id, phone, id) where opted_in_any;
create index contact_opted_in_sms_name on contact (account_id, last_name, first_name, id) where opted_in_sms;
create index contact_opted_in_sms_phone on contact (account_id, phone, id) where opted_in_sms;
create index contact_opted_in_whatsapp_name on contact (account_id, last_name, first_name, id) where opted_in_whatsapp;
create index contact_opted_in_whatsapp_phone on contact (account_id, phone, id) where opted_in_whatsapp;
create index contact_opted_in_viber_name on contact (account_id, last_name, first_name, id) where opted_in_viber;
create index contact_opted_in_viber_phone on contact (account_id, phone, id) where opted_in_viber;
