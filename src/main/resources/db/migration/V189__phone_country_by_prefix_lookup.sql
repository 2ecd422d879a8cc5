-- A recipient's price depends on its contact's country, phone_country(phone): the longest prefix of
-- the phone_country table the phone's key starts with (after its '+'). It compared the key with
-- every prefix of the table (phone_key(phone) like '+' || prefix || '%'), and computed the key, a
-- regexp_replace, once per prefix: 31 times a call. That was about 0.1 ms of the database's CPU per
-- priced recipient (EXPLAIN ANALYZE of the tests' pricing check: 29 s for 191 587 recipients), paid
-- by the pricing trigger for every recipient a message sends, by a WhatsApp report that names its
-- category (twice) and by the demo data's generation.
--
-- The key is now computed once, and the prefixes it could start with (its first one to four digits,
-- as long as a prefix may be) are looked up by the table's key. The answer does not change: a
-- prefix of at most four digits is one of those four exactly when the key starts with '+' and it.

create or replace function phone_country(phone text) returns text
    language sql
    stable
    parallel safe
return (select pc.country
        from (select phone_key(phone) as key offset 0) p
        join phone_country pc
            on pc.prefix = any (array[substr(p.key, 2, 1), substr(p.key, 2, 2), substr(p.key, 2, 3), substr(p.key, 2, 4)])
        where starts_with(p.key, '+')
        order by length(pc.prefix) desc
        limit 1);
