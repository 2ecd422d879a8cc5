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
-- folded the way V200 did (no written_by: a rewrite of that column of the log, once, about 100 000
-- events a second), committed in steps (100 000 events) so that a start stopped halfway goes on from there
-- the next time; then, in one transaction, it stamps the events still waiting with its own
-- transaction, puts the watermark back to the start and forgets the exemptions (V201), whose ids
-- meant the old cluster's transactions. Each step holds the fold's lock and looks again whether there
-- is anything to do (another node may be starting on the same copy). It returns how many events were
-- waiting (null: the log is this cluster's, nothing done).
create procedure fold_rebase(inout waiting bigint default null, step integer default 100000)
    language plpgsql
as $$
declare
    mark fold_watermark;
    done_by xid8 := '0';
    done_id bigint := 0;
    step_by xid8;
    step_id bigint;
begin
    loop
        -- the whole log, whatever the connection's tenant (for this transaction only)
        perform set_config('app.all_accounts', 'on', true);
        perform pg_advisory_xact_lock(74202, 0);
        if not fold_queue_from_another_cluster() then
            return;
        end if;
        select * into mark from fold_watermark;
        select s.written_by, s.id into step_by, step_id
        from (select written_by, id from delivery_event
              where written_by is not null and (written_by, id) > (done_by, done_id)
                and (written_by, id) <= (mark.written_by, mark.event_id)
              order by written_by, id limit step) s
        order by s.written_by desc, s.id desc limit 1;
        exit when step_by is null;
        update delivery_event set written_by = null
        where written_by is not null and (written_by, id) > (done_by, done_id)
          and (written_by, id) <= (step_by, step_id);
        done_by := step_by;
        done_id := step_id;
        commit;
    end loop;
    -- the last step, still under the lock: what waits is past the watermark
    update delivery_event set written_by = pg_current_xact_id()
    where written_by is not null and (written_by, id) > (mark.written_by, mark.event_id);
    get diagnostics waiting = row_count;
    update fold_watermark set written_by = '0', event_id = 0;
    delete from fold_exempt;
end $$;

-- Whether the watermark, an event or an exemption names a transaction at or past the next one this
-- cluster will start (the xmax of the statement's own snapshot, which every visible id is below).
create function fold_queue_from_another_cluster() returns boolean
    language sql stable
    return (select (select w.written_by >= pg_snapshot_xmax(s) from fold_watermark w)
                   or coalesce((select max(written_by) >= pg_snapshot_xmax(s) from delivery_event), false)
                   or coalesce((select max(xid) >= pg_snapshot_xmax(s) from fold_exempt), false)
            from pg_current_snapshot() s);
