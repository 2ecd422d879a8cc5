-- A recipient's price depends on its contact's country, the longest prefix of the phone_country
-- table its phone starts with. recipient_price() looked the prefix up for every recipient it priced:
-- four probes of phone_country's key and a sort, about a third of the pricing trigger's time, so a
-- campaign to a million contacts repeated the lookup a million times, and again for every WhatsApp
-- report naming a category. A contact's phone changes rarely and it is sent many messages.
--
-- The country is now stored on the contact (contact.country, null where no prefix matches) and the
-- price reads it. It cannot be a generated column: the prefixes are a table, not an immutable
-- expression. So it is kept by the contact's writes (a trigger, when a contact is inserted or its
-- phone changes) and by the prefix table's (a change there recomputes every contact whose country it
-- changes). A bulk load that switches the triggers off writes the country itself (DemoAccounts);
-- DemoDataGeneratorTest and ContactCountryTest check that the stored country is the lookup's.

alter table contact add column country text;

-- The existing contacts, as the trigger below would have set them. No opt-in changes, so the opt-in
-- overlap's trigger, which would fold every contact's old and new version, is off for it.
select set_config('app.all_accounts', 'on', true);
alter table contact disable trigger contact_optin_overlap_upd;
update contact c set country = (select k.country from phone_key_country(c.phone_key) k);
alter table contact enable trigger contact_optin_overlap_upd;

create function contact_country() returns trigger
    language plpgsql
as
$$
begin
    new.country := (select k.country from phone_key_country(phone_key(new.phone)) k);
    return new;
end;
$$;

create trigger contact_country before insert or update of phone on contact
    for each row execute function contact_country();

-- The prefixes are the platform's, changed only by a migration: every account's contacts follow.
-- The setting makes them visible under the row-level security that contact forces on its owner too;
-- it lasts until the end of the migration's transaction.
create function phone_country_changed() returns trigger
    language plpgsql
as
$$
begin
    perform set_config('app.all_accounts', 'on', true);
    update contact c
    set country = (select k.country from phone_key_country(c.phone_key) k)
    where c.country is distinct from (select k.country from phone_key_country(c.phone_key) k);
    return null;
end;
$$;

create trigger phone_country_changed after insert or update or delete or truncate on phone_country
    for each statement execute function phone_country_changed();

-- As in V190, but the contact's stored country.
create or replace function recipient_price(p_account bigint, p_message bigint, p_contact bigint,
                                           p_sent_at timestamptz, p_category text)
    returns table (cost bigint, cost_undelivered bigint)
    language sql
    stable
as
$$
select pr.price_micros * u.units,
       case when t.bills_undelivered then pr.price_micros * u.units else 0 end
from message m
cross join lateral (
    select case when m.channel = 'SMS' then coalesce(m.sms_parts, sms_parts(m.content)) else 1 end as units,
           case when m.channel = 'WHATSAPP' then coalesce(p_category, whatsapp_category(m.type)) else '' end
               as category,
           coalesce((select c.country from contact c where c.account_id = p_account and c.id = p_contact),
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
