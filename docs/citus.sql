-- Distributing the dashboard's schema on Citus (distributed PostgreSQL).
--
-- Run once on the coordinator, after the Flyway migrations, as the owner of the tables, before
-- the tables hold much data (create_distributed_table copies existing rows into the shards).
-- docs/scaling.md explains the choices. Every tenant table is distributed by account_id and
-- co-located, so all rows of one account live in the same shard group and every query of a
-- signed-in user (they all filter on account_id) is routed to one worker.

create extension if not exists citus;

-- The statement-level counter triggers cannot stay on distributed tables (see docs/scaling.md,
-- "Counters and rollups"): the fold writes the counters itself in the same statement.
drop trigger if exists message_recipient_rollups_ins on message_recipient;
drop trigger if exists message_recipient_rollups_upd on message_recipient;
drop trigger if exists message_recipient_rollups_del on message_recipient;
drop trigger if exists contact_consent_counters_ins on contact_consent;
drop trigger if exists contact_consent_counters_upd on contact_consent;
drop trigger if exists contact_consent_counters_del on contact_consent;
drop trigger if exists click_event_analytics_ins on click_event;
drop trigger if exists click_event_analytics_upd on click_event;
drop trigger if exists click_event_analytics_del on click_event;

-- Global tables: small, read everywhere, joined from every shard (message.owner_id -> app_user,
-- account time zone in the rollup). A reference table has a full copy on every node.
select create_reference_table('account');
select create_reference_table('app_user');
select create_reference_table('alert_round');

-- Tenant tables, parents before children: a foreign key between distributed tables must join on
-- the distribution column, and the referenced table must already be distributed and co-located.
-- sms_gateway starts the colocation group; message is the anchor every other table names.
select create_distributed_table('sms_gateway', 'account_id');
select create_distributed_table('message', 'account_id', colocate_with => 'sms_gateway');
select create_distributed_table('channel_integration', 'account_id', colocate_with => 'message');
select create_distributed_table('contact', 'account_id', colocate_with => 'message');
select create_distributed_table('contact_consent', 'account_id', colocate_with => 'message');
select create_distributed_table('message_link', 'account_id', colocate_with => 'message');
select create_distributed_table('message_recipient', 'account_id', colocate_with => 'message');
select create_distributed_table('delivery_event', 'account_id', colocate_with => 'message');
select create_distributed_table('click_event', 'account_id', colocate_with => 'message');
select create_distributed_table('message_stats', 'account_id', colocate_with => 'message');
select create_distributed_table('stats_daily', 'account_id', colocate_with => 'message');
select create_distributed_table('optin_count', 'account_id', colocate_with => 'message');
select create_distributed_table('stats_hourly', 'account_id', colocate_with => 'message');
select create_distributed_table('alert_rule', 'account_id', colocate_with => 'message');
select create_distributed_table('alert_recipient', 'account_id', colocate_with => 'message');
select create_distributed_table('alert', 'account_id', colocate_with => 'message');
select create_distributed_table('alert_rule_change', 'account_id', colocate_with => 'message');
select create_distributed_table('integration_activity', 'account_id', colocate_with => 'message');
select create_distributed_table('message_failure_stats', 'account_id', colocate_with => 'message');
select create_distributed_table('message_latency_histogram', 'account_id', colocate_with => 'message');
select create_distributed_table('message_timeline', 'account_id', colocate_with => 'message');
select create_distributed_table('message_link_clicker', 'account_id', colocate_with => 'message');
select create_distributed_table('message_link_stats', 'account_id', colocate_with => 'message');
select create_distributed_table('grid_column_preference', 'account_id', colocate_with => 'message');
select create_distributed_table('user_preference', 'account_id', colocate_with => 'message');
select create_distributed_table('folder', 'account_id', colocate_with => 'message');
select create_distributed_table('export_job', 'account_id', colocate_with => 'message');
select create_distributed_table('stored_file', 'account_id', colocate_with => 'message');
select create_distributed_table('support_access_log', 'account_id', colocate_with => 'message');

-- A very large tenant can get a shard of its own (same colocation group, so its joins stay local).
-- select isolate_tenant_to_new_shard('message_recipient', 1, cascade_option => 'CASCADE');

-- Check: every tenant table is in one colocation group, account and app_user are reference tables.
-- select table_name, citus_table_type, distribution_column, colocation_id from citus_tables order by 1;
