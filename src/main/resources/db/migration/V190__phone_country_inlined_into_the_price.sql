-- A WhatsApp report that names its pricing category reprices its recipient in the fold, through
-- recipient_price(), which asked phone_country(c.phone) for the contact's country. The fold plans
-- with plan_cache_mode = force_custom_plan, and a SQL function's statements go through the plan
-- cache, so each call planned phone_country's query afresh: auto_explain had it at 0.23 ms of a
-- recipient's 0.29 ms of repricing, three quarters of the recipients' update, in a load where
-- every "sent" and "delivered" status carried its category (the ingest benchmark's --pricing).
--
-- The lookup by prefix (V189) is now a set-returning SQL function of the phone's key, which
-- PostgreSQL inlines into the query that calls it: recipient_price() joins it with the contact's
-- stored key (contact.phone_key, V179), so repricing plans nothing per recipient and computes no
-- key. phone_country(phone) is that same lookup for one phone. What a phone's country is does not
-- change.

create function phone_key_country(key text) returns table (country text)
    language sql
    stable
    parallel safe
as
$$
select pc.country
from phone_country pc
where starts_with(key, '+')
  and pc.prefix = any (array[substr(key, 2, 1), substr(key, 2, 2), substr(key, 2, 3), substr(key, 2, 4)])
order by length(pc.prefix) desc
limit 1
$$;

-- The key once (not once per prefix compared), then the lookup.
create or replace function phone_country(phone text) returns text
    language sql
    stable
    parallel safe
return (select k.country
        from (select phone_key(phone) as key offset 0) p
        cross join lateral phone_key_country(p.key) k);

-- As in V178, but the contact's country through its stored key.
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
           coalesce((select k.country
                     from contact c
                     cross join lateral phone_key_country(c.phone_key) k
                     where c.account_id = p_account and c.id = p_contact),
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
