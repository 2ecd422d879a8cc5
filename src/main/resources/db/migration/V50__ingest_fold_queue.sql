-- Folding of delivery events: fresh events are taken in id order from a small partial index;
-- events whose provider message id has no recipient yet (orphans: the callback beat our own send
-- record) leave that queue and are retried with a growing pause until the recipient appears.
alter table delivery_event
    add column fold_attempts integer not null default 0,
    add column retry_at      timestamptz;

create index delivery_event_fold_queue on delivery_event (id)
    where folded_at is null and fold_attempts = 0;
create index delivery_event_orphans on delivery_event (retry_at, account_id, id)
    where folded_at is null and fold_attempts > 0;

