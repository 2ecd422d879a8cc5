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
    mark fold_watermark;
    waiting bigint;
begin
    -- the whole log, whatever the connection's tenant
    perform set_config('app.all_accounts', 'on', true);
    if not fold_queue_from_another_cluster() then
        return null;
    end if;
    perform pg_advisory_xact_lock(74202, 0);
    -- again under the lock: another node starting on the copy may have done it meanwhile
    if not fold_queue_from_another_cluster() then
        return null;
    end if;
    select * into mark from fold_watermark for update;
    update delivery_event set written_by = null
    where written_by is not null and (written_by, id) <= (mark.written_by, mark.event_id);
    update delivery_event set written_by = pg_current_xact_id() where written_by is not null;
    get diagnostics waiting = row_count;
    update fold_watermark set written_by = '0', event_id = 0;
    delete from fold_exempt;
    return waiting;
end $$;

-- Whether the watermark, an event or an exemption names a transaction at or past the next one this
-- cluster will start (the xmax of the statement's own snapshot, which every visible id is below).
create function fold_queue_from_another_cluster() returns boolean
    language sql stable
    return (select (select w.written_by >= pg_snapshot_xmax(s) from fold_watermark w)
                   or coalesce((select max(written_by) >= pg_snapshot_xmax(s) from delivery_event), false)
                   or coalesce((select max(xid) >= pg_snapshot_xmax(s) from fold_exempt), false)
            from pg_current_snapshot() s);
