-- Runs are claimed a little ahead of their planned time and start at it: the claim time (created)
-- is no longer the start, so the start is kept on its own (lag = started - planned_at).
alter table job_log add column started timestamptz;
