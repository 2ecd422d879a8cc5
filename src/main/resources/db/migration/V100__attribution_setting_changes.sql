-- Every change of an account's attribution setting: who made it (the user's id and name as they were
-- then, so the record outlives the user), when, and the setting it set. Append-only; the setting
-- itself stays in attribution_setting, whose triggers re-attribute the account's orders.
create table attribution_setting_change (
    account_id         bigint      not null references account (id),
    id                 bigint      generated always as identity,
    changed_at         timestamptz not null,
    changed_by         bigint      not null,
    changed_by_name    text        not null,
    model              text        not null check (model in ('LAST_CLICK', 'LAST_TOUCH')),
    click_window_hours integer     not null,
    view_window_hours  integer     not null,
    primary key (account_id, id)
);
create index attribution_setting_change_latest on attribution_setting_change (account_id, changed_at desc);

alter table attribution_setting_change enable row level security;
alter table attribution_setting_change force row level security;
create policy tenant_isolation on attribution_setting_change
    using (account_id = (select app_account_id()) or (select app_all_accounts()))
    with check (account_id = (select app_account_id()) or (select app_all_accounts()));
