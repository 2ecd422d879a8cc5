-- A contact's messages were found through message_recipient_contact (account_id, contact_id) and
-- every one of them was read from the table to test its times. That is cheap while the table is in
-- memory; at the L tier (100 M recipients, 18 per contact, each on a page of its own) it was about
-- 18 pages read from disk per lookup:
--  * an opt-out looks for the last message the contact got on that channel within 72 h: 3.2 ms per
--    reply, 600 of a batch's 1 000 ms (EXPLAIN ANALYZE of record_consent_replies under the ingest
--    load), so the replies reached 337/s of 1 000 offered;
--  * an order looks for the last click, delivery or open in its windows: 7.5 ms per order.
-- The index now has the send time in its key, so the opt-out's window is a range of the index
-- (only the messages sent within it are read), and carries the times an order's attribution
-- tests, so both are answered from the index alone wherever the table's pages are all-visible
-- (everything but the recent writes). Lookups of a contact's messages by (account_id, contact_id)
-- use it as before. What is found does not change.

drop index message_recipient_contact;
create index message_recipient_contact on message_recipient (account_id, contact_id, sent_at)
    include (message_id, delivered_at, opened_at, clicked_at);
