-- The fold takes the events of transactions older than the oldest one still running (V200), so any
-- write transaction held back the fold of the events committed after it began: a gateway report's
-- import, one transaction for as long as its file takes to arrive and merge (some 12 s for the
-- largest day at the L tier, longer over a slow upload), held back every account's rollups.
--
-- A long write transaction that writes no delivery events registers itself here, committed from a
-- connection of its own (core/db/FoldExemptions), and the fold's bound leaves it out: the oldest
-- running transaction that is not exempt (or the next transaction id, when none runs), and never
-- past the fold's own. A registration left behind by a killed node names a transaction that no
-- longer runs, so it holds nothing and is removed by the next registration.
create table fold_exempt (
    xid xid8 primary key
);

-- The fold's bound for the current snapshot: an event of a transaction below it can no longer commit.
create function fold_bound() returns xid8
    language sql stable
    return (select least(coalesce((select min(x) from pg_snapshot_xip(s) x
                                   where not exists (select 1 from fold_exempt e where e.xid = x)),
                                  pg_snapshot_xmax(s)),
                         coalesce(pg_current_xact_id_if_assigned(), pg_snapshot_xmax(s)))
            from pg_current_snapshot() s);
