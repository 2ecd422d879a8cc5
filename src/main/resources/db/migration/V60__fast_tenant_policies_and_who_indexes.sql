-- Two fixes the benchmark measured (docs/benchmarks.md, "Findings").
--
-- 1. Row-level security evaluated once per query, not once per row. The V3 policies call
--    app_account_id() / app_all_accounts() directly; they are STABLE, so PostgreSQL calls them
--    (and current_setting() inside) for every row a scan visits: an index-only scan over 100 000
--    "Who?" keys spent about three quarters of its time there. Wrapped in a scalar sub-select,
--    each becomes an InitPlan evaluated once per statement and the per-row check is a plain
--    comparison. Same rows visible, same checks on write. Every policy named tenant_isolation is
--    rewritten, including those of tables added after V3; new tenant tables should use this form.
--
-- 2. "Who?" lists that page by key need an index that holds exactly the list's keys, so that a
--    page at any depth is an index-only scan. Delivered, opened and undelivered have one (V1);
--    sent and clicked scanned the primary key and read every recipient row from the heap to test
--    sent_at / clicked_at.

do
$$
declare
    t text;
begin
    for t in select tablename from pg_policies where schemaname = 'public' and policyname = 'tenant_isolation'
        loop
            execute format('drop policy tenant_isolation on %I', t);
            execute format('create policy tenant_isolation on %I '
                               'using (account_id = (select app_account_id()) or (select app_all_accounts())) '
                               'with check (account_id = (select app_account_id()) or (select app_all_accounts()))', t);
        end loop;
end;
$$;

create index message_recipient_sent on message_recipient (account_id, message_id, contact_id) where sent_at is not null;
create index message_recipient_clicked on message_recipient (account_id, message_id, contact_id) where clicked_at is not null;
