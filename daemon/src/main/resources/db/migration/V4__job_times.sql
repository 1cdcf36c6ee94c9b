-- When Slurm says a job was submitted, started and ended (epoch ms), as the prolog and
-- epilog report them; NULL when a hook did not send them (older hooks).
ALTER TABLE jobs ADD COLUMN submitted_at_ms INTEGER;
ALTER TABLE jobs ADD COLUMN started_at_ms INTEGER;
ALTER TABLE jobs ADD COLUMN ended_at_ms INTEGER;
