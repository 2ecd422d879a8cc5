-- An order's contact is looked up by its id, else its phone, else its e-mail. The e-mail was compared
-- as lower(c.email) = lower(u.email), served by the expression index contact_email, but not in the
-- app's role: under row-level security the planner may not evaluate a function that is not leakproof
-- (lower) on a row before the policy has admitted it, so the index served account_id alone and every
-- contact of the account was read and compared (EXPLAIN ANALYZE in the app's role: 6 000 rows removed
-- by the filter for one unknown address in the tests' account; the L tier's account has 5.5 M). An
-- order from a shopper who is not a contact, the usual case, paid that for each order row. As for
-- the phone (V179), the lower-cased address is now a stored column and the lookup an equality of two
-- texts (leakproof), which the index on (account_id, email_key) serves whatever the policy. Which
-- contact an order finds does not change.

alter table contact add column email_key text generated always as (lower(email)) stored;

drop index contact_email;
create index contact_email on contact (account_id, email_key);

-- As in V179, but the contact by the order's lower-cased address through the column.
create or replace function ingest_orders(p_account bigint, p_order_ids text[], p_statuses text[], p_placed timestamptz[],
                                         p_values numeric[], p_currencies text[], p_contact_ids bigint[],
                                         p_phones text[], p_emails text[], out stored integer,
                                         out unknown_contacts integer)
    returns record
    language plpgsql
as
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
                           and c.phone_key = phone_key(u.phone)
                         order by c.id limit 1),
                        (select c.id from contact c
                         where c.account_id = p_account and u.email is not null and c.email_key = lower(u.email)
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
