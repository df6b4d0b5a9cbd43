-- The claim query asks, per due job, whether it still has an open run; without this index that
-- reads every log row of the job (thousands for a job that runs every second).
create index job_log_open_by_job on job_log (job_id) where status in ('running', 'awaiting');
