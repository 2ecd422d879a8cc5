-- The reach sketches are now the app's own HyperLogLog (com.mobilemarketing.stats.HyperLogLog:
-- a format byte, then 4 096 one-byte registers) instead of Apache DataSketches' format. Sketches
-- in the old format are dropped and their days marked, so the task rebuilds them.
comment on column reach_sketch.sketch is
    'HyperLogLog of the delivered contacts: format byte 1, then 4 096 one-byte registers (HyperLogLog.java)';

select set_config('app.all_accounts', 'on', true);
with dropped as (
    delete from reach_sketch
    where case when length(sketch) = 4097 then get_byte(sketch, 0) <> 1 else true end
    returning account_id, day
)
insert into reach_sketch_dirty (account_id, day)
select distinct account_id, day from dropped
on conflict (account_id, day) do nothing;
