-- Export worker bookkeeping. A running job's node refreshes heartbeat_at every few seconds; a job
-- still RUNNING with an old heartbeat belongs to a dead node and is retried or failed.
alter table export_job add column heartbeat_at timestamptz;

-- The Files page lists one folder at a time.
create index stored_file_folder on stored_file (account_id, folder_id);
create index export_job_folder on export_job (account_id, folder_id) where state <> 'DONE';
create unique index stored_file_storage_key on stored_file (account_id, storage_key);
