-- The fold orders the event log by the transactions that wrote it (written_by, V200), and transaction
-- ids only grow within one PostgreSQL cluster. A database copied into another cluster (pg_dump and a
-- restore, logical replication; not pg_upgrade, which keeps the counter) keeps its events'
-- written_by and the watermark, but the new cluster may count its transactions from far below them.
-- Every event written there would then sort behind the watermark and never be folded, and the events
-- that were waiting would wait until the counter caught up with them; the figures of the queue would
-- show nothing waiting.
--
-- fold_rebase() puts the queue in the new counter's terms. The app calls it after migrating, at every
-- start, before it serves anything; in the cluster that wrote the log it finds nothing to do (an
-- index-only look at the newest written_by). After a copy it marks the events the fold took as
-- folded the way V200 did (no written_by: a rewrite of the log, once), stamps those still waiting
-- with its own transaction, puts the watermark back to the start and forgets the exemptions (V201),
-- whose ids meant the old cluster's transactions. It holds the fold's lock meanwhile, and returns
-- how many events were waiting (null: the log is this cluster's, nothing done).
create function fold_rebase() returns bigint
    language plpgsql
as $$
declare
    next_xid xid8 := pg_snapshot_xmax(pg_current_snapshot());
    mark fold_watermark;
    waiting bigint;
begin
    -- the whole log, whatever the connection's tenant
    perform set_config('app.all_accounts', 'on', true);
    if not fold_queue_from_another_cluster(next_xid) then
        return null;
    end if;
    perform pg_advisory_xact_lock(74202, 0);
    select * into mark from fold_watermark for update;
    update delivery_event set written_by = null
    where written_by is not null and (written_by, id) <= (mark.written_by, mark.event_id);
    update delivery_event set written_by = pg_current_xact_id() where written_by is not null;
    get diagnostics waiting = row_count;
    update fold_watermark set written_by = '0', event_id = 0;
    delete from fold_exempt;
    return waiting;
end $$;

-- Whether the watermark or an event was written by a transaction at or past next_xid, the cluster's
-- next transaction id: one that this cluster has not started yet.
create function fold_queue_from_another_cluster(next_xid xid8) returns boolean
    language sql stable
    return (select w.written_by >= next_xid from fold_watermark w)
        or coalesce((select max(written_by) >= next_xid from delivery_event), false);
