-- A demo database made before demo_state existed is recognised by its two demo accounts and the
-- number of contacts of one of the known sizes (generated with the default seed 42), so that it too
-- is brought up to today from now on. Its "now" at generation is the creation time of its scheduled
-- messages (the generator creates those at that moment). Other databases get no row.
select set_config('app.all_accounts', 'on', true);

insert into demo_state (seed, size_name, contacts_first, contacts_second, messages_first, messages_second,
                        recipients_first, recipients_second, largest_message, generated_through)
select 42, s.size_name, s.contacts_first, s.contacts_second, s.messages_first, s.messages_second,
       s.recipients_first, s.recipients_second, s.largest_message, g.generated_through
from (values ('small', 6000, 3000, 500, 300, 200000::bigint, 100000::bigint, 6000),
             ('medium', 300000, 100000, 3000, 1500, 7000000, 3000000, 200000),
             ('large', 5000000, 500000, 14000, 6000, 85000000, 15000000, 5000000),
             ('s', 50000, 20000, 1000, 500, 700000, 300000, 50000))
         as s (size_name, contacts_first, contacts_second, messages_first, messages_second, recipients_first,
               recipients_second, largest_message)
cross join (select max(created_at) as generated_through from message
            where account_id in (1, 2) and state = 'SCHEDULED' and scheduled_at > created_at) g
where g.generated_through is not null
  and (select name from account where id = 1) = 'Flora — kwiaciarnia online'
  and (select name from account where id = 2) = 'Sportowy Świat'
  and (select count(*) from contact where account_id = 1) = s.contacts_first
  and (select count(*) from contact where account_id = 2) = s.contacts_second
  and not exists (select 1 from demo_state);

select set_config('app.all_accounts', '', true);
