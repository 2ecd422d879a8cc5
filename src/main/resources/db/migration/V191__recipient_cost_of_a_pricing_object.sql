-- A WhatsApp status report may carry the provider's pricing object: its category, and whether the
-- message is billable. The fold repriced a recipient from the pricing object of each batch that held
-- one, so every "sent" and "delivered" report rewrote its recipient (and fired the rollups' triggers)
-- even when the cost stayed what it was, and when two batches named different objects the one folded
-- last won: the cost depended on the order the reports arrived in.
--
-- The fold now prices a recipient with the earliest pricing object among all of its reports in the
-- event log (the log keeps one report per status, the earliest), and writes it only when the cost
-- changes. This function is what a recipient costs under a pricing object: nothing when it is not
-- billable, otherwise what its send time's tariff asks in the object's category (the message type's
-- when it names none). An inlinable SQL function, as recipient_price() is.

create function recipient_cost(p_account bigint, p_message bigint, p_contact bigint, p_sent_at timestamptz,
                               p_category text, p_billable boolean)
    returns table (cost bigint, cost_undelivered bigint)
    language sql
    stable
as
$$
select 0::bigint, 0::bigint
where p_billable is false
union all
select p.cost, p.cost_undelivered
from recipient_price(p_account, p_message, p_contact, p_sent_at, p_category) p
where p_billable is not false;
$$;
