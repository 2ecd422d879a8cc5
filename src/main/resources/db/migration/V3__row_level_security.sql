-- Defense in depth: every tenant table shows only the rows of the account set for the current
-- transaction or connection (app.account_id), so a query that forgets its account filter returns
-- nothing instead of another tenant's rows. app.all_accounts = 'on' is set explicitly by the few
-- cross-account paths (support search, demo generator, background workers).
-- The application must connect as a role that is not a superuser (superusers bypass RLS).

create function app_account_id() returns bigint
    language sql stable parallel safe
    return nullif(current_setting('app.account_id', true), '')::bigint;

create function app_all_accounts() returns boolean
    language sql stable parallel safe
    return coalesce(current_setting('app.all_accounts', true), '') = 'on';

do
$$
declare
    t text;
begin
    foreach t in array array ['channel_integration', 'sms_gateway', 'contact', 'contact_consent', 'message',
        'message_link', 'message_recipient', 'delivery_event', 'click_event', 'message_stats', 'stats_daily',
        'optin_count', 'grid_column_preference', 'user_preference', 'folder', 'export_job', 'stored_file',
        'support_access_log']
        loop
            execute format('alter table %I enable row level security', t);
            execute format('alter table %I force row level security', t);
            execute format('create policy tenant_isolation on %I using (account_id = app_account_id() or app_all_accounts()) '
                               'with check (account_id = app_account_id() or app_all_accounts())', t);
        end loop;
end;
$$;
