-- delivery_event_unfolded (V1) predates the fold queue of V50: every reader of unfolded events now
-- goes through delivery_event_fold_queue (fresh) or delivery_event_orphans (waiting for their
-- recipient), so it only cost an index entry per callback and one more per fold.
drop index if exists delivery_event_unfolded;
