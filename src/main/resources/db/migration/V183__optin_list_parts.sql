-- The overlap parts' "Who?" lists (the contacts opted in on exactly SMS and WhatsApp, ...) walked the
-- list of one of the part's channels (V182) and tested each contact's flags: at the L tier the
-- largest account's "all three" part is 14 % of its SMS list, so a first page read about 300
-- contacts (225 ms with a cold cache) and the page at offset 100 000 hashed the account's contacts
-- (6.1 s). Each part is now a list of its own in optin_list ('PART' and its number in
-- optin_overlap: SMS 1, WhatsApp 2, Viber 4, summed), so its pages walk one range like the others.
-- A consent change moves the contact from one part's list to another's: a delete and an insert of
-- a narrow row. Who is on which list does not change.

select set_config('app.all_accounts', 'on', true);

create or replace function optin_scopes(sms boolean, whatsapp boolean, viber boolean) returns text[]
    language sql immutable parallel safe
    return array_remove(array [case when sms or whatsapp or viber then 'ANY' end,
                               case when sms then 'SMS' end,
                               case when whatsapp then 'WHATSAPP' end,
                               case when viber then 'VIBER' end,
                               case when sms or whatsapp or viber then 'PART' || channel_part(sms, whatsapp, viber) end],
                        null);

alter table optin_list drop constraint optin_list_scope_check;
alter table optin_list add constraint optin_list_scope_check
    check (scope in ('ANY', 'SMS', 'WHATSAPP', 'VIBER', 'PART1', 'PART2', 'PART3', 'PART4', 'PART5', 'PART6', 'PART7'));

insert into optin_list (account_id, contact_id, scope, last_name, first_name, phone)
select account_id, id, 'PART' || channel_part(opted_in_sms, opted_in_whatsapp, opted_in_viber), last_name,
       first_name, phone
from contact
where opted_in_any;

analyze optin_list;
