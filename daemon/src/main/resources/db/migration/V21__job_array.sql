-- The Slurm array a job is an element of, as its prolog and epilog report it: Slurm shows element 1 of
-- array 31 as 31_1 whatever its own job id, so reports name it that way. NULL for a job outside an array.
ALTER TABLE jobs ADD COLUMN array_job_id INTEGER;
ALTER TABLE jobs ADD COLUMN array_task_id INTEGER;
