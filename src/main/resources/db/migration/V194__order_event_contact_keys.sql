-- An order of an unknown shopper waits (contact_id null) until a contact with its id, phone or e-mail
-- is added: contact_claims_orders, a trigger on the contact's insert, joined the new contacts with the
-- order events on "given id = id or phone_key(phone) = phone_key(phone) or lower(email) =
-- lower(email)". Under row-level security neither expression can be an index condition (phone_key
-- and lower are not leakproof), and a join on three alternatives cannot be hashed, so each new
-- contact read every waiting order of its account: a contact import was quadratic in contacts times
-- waiting orders. And when one order matched two new contacts, the update took either.
--
-- The order's phone and e-mail keys are now stored columns, as the contact's are (V179, V193), with
-- the waiting orders' indexes on them, and the claim is three joins by equality, each one an index
-- lookup per new contact (or a hash join for a large import). An order that two new contacts match
-- goes to the one it names first, in the order ingest_orders() tries them: by id, then phone, then
-- e-mail, then the smaller contact id.

alter table order_event
    add column phone_key text generated always as (phone_key(phone)) stored,
    add column email_key text generated always as (lower(email)) stored;

drop index order_event_unknown_phone;
create index order_event_unknown_phone on order_event (account_id, phone_key) where contact_id is null;
drop index order_event_unknown_email;
create index order_event_unknown_email on order_event (account_id, email_key) where contact_id is null;

create or replace function contact_claims_orders() returns trigger
    language plpgsql
as
$$
declare
    per_account record;
begin
    for per_account in
        with candidate as (
            select e.account_id, e.order_id, e.status, n.id as contact_id, 1 as rank
            from n
            join order_event e on e.account_id = n.account_id and e.given_contact_id = n.id
            where e.contact_id is null
            union all
            select e.account_id, e.order_id, e.status, n.id, 2
            from n
            join order_event e on e.account_id = n.account_id and e.phone_key = n.phone_key
            where e.contact_id is null
            union all
            select e.account_id, e.order_id, e.status, n.id, 3
            from n
            join order_event e on e.account_id = n.account_id and e.email_key = n.email_key
            where e.contact_id is null
        ),
        chosen as (
            select distinct on (account_id, order_id, status) account_id, order_id, status, contact_id
            from candidate
            order by account_id, order_id, status, rank, contact_id
        ),
        claimed as (
            update order_event e set contact_id = c.contact_id
            from chosen c
            where e.account_id = c.account_id and e.order_id = c.order_id and e.status = c.status
              and e.contact_id is null
            returning e.account_id, e.contact_id
        )
        select account_id, array_agg(distinct contact_id) as contacts from claimed group by account_id
        loop
            perform reattribute(per_account.account_id, per_account.contacts);
        end loop;
    return null;
end;
$$;
