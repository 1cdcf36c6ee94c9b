-- How a run of a job ended in Slurm's words (COMPLETED, FAILED, TIMEOUT, PREEMPTED, ...), as its epilog
-- reports it; NULL while it runs and for jobs recorded by older hooks.
ALTER TABLE jobs ADD COLUMN end_state TEXT;
