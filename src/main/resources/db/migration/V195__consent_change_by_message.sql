-- A deleted message leaves the consent changes credited to it in place, without the message
-- (consent_change.message_id references message on delete set null). PostgreSQL does that with one
-- statement per deleted message, "update consent_change set message_id = null where account_id = $1
-- and message_id = $2", and the only index on message_id, consent_change_message, was partial on
-- opt-outs of a known contact (not opted_in, contact_id not null), which that statement does not
-- name. So each deleted message read every consent change of its account: deleting 250 000 test
-- messages took over ten minutes of one core against the small demo data, and at the L tier's
-- millions of consent changes per account a single message's delete would read them all.
-- The index now holds every change that names a message, with opted_in beside the key, so it serves
-- the delete's lookup by key and still serves the opt-outs credited to a message (the recipients'
-- "opted out" list and message_opt_out_credit) from the index alone. Changes that name a message are
-- almost all opt-outs of a known contact, so the index is about the size it was.

drop index consent_change_message;
create index consent_change_message on consent_change (account_id, message_id, contact_id) include (opted_in)
    where message_id is not null;
