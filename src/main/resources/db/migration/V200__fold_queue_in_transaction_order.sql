-- The fold took its events from a partial index of the waiting ones (folded_at is null), locked each
-- (FOR UPDATE SKIP LOCKED) and marked it folded. That mark is an update that cannot stay on its page
-- (folded_at is in the index's predicate): a second version of every event, entries in both unique
-- indexes, and the vacuum of the first version later. FoldCostBenchmark put the lock and the mark at
-- about 14 µs of PostgreSQL's CPU per folded report (docs/benchmarks.md).
--
-- Now the fold reads the log in the order of the transactions that wrote it and remembers how far it
-- got (fold_watermark), and the event is not written again. Each event keeps the transaction that
-- wrote it (or last replaced it): written_by. A batch takes the events past the watermark in
-- (written_by, id) order, only of transactions older than the oldest one still running, so an event
-- committed later can never land behind the watermark: every transaction it could come from has
-- ended. A report that replaces a stored one gets its own transaction's written_by and so comes past
-- the watermark again. One node folds at a time (the watermark's row is locked for the batch).
--
-- An event whose recipient is not there yet (an orphan) is still marked on its row (fold_attempts,
-- retry_at) and retried from the orphans' index; once applied, or found misrouted, it is cleared.
-- So an event waits for the fold while it is past the watermark or an orphan: fold_waiting().

alter table delivery_event add column written_by xid8;
alter table delivery_event alter column written_by set default pg_current_xact_id();

-- Events still waiting now come after the watermark below; those folded before have no written_by.
update delivery_event set written_by = pg_current_xact_id() where folded_at is null and fold_attempts = 0;
-- An orphan that was applied or found misrouted later is simply folded.
update delivery_event set fold_attempts = 0, retry_at = null where folded_at is not null and fold_attempts > 0;

drop index delivery_event_fold_queue;
drop index delivery_event_orphans;
alter table delivery_event drop column folded_at;

create index delivery_event_fold_order on delivery_event (written_by, id) where written_by is not null;
create index delivery_event_orphans on delivery_event (retry_at, account_id, id) where fold_attempts > 0;

-- How far the fold got: the (written_by, id) of the last event it took, one row.
create table fold_watermark (
    single boolean primary key default true check (single),
    written_by xid8 not null,
    event_id bigint not null
);
insert into fold_watermark (written_by, event_id) values ('0', 0);

-- Whether an event still waits for the fold: past the watermark, or an orphan waiting for its
-- recipient. For the figures and the tests; the fold itself reads the queues through their indexes.
create function fold_waiting(written_by xid8, id bigint, fold_attempts integer) returns boolean
    language sql stable
    return fold_attempts > 0
        or (written_by is not null
            and (written_by, id) > (select w.written_by, w.event_id from fold_watermark w));
