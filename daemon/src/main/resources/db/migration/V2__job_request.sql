-- What a job asked for, as its start event described it (JSON), so a later time-limit
-- change can re-price its lien without asking Slurm.
ALTER TABLE jobs ADD COLUMN request TEXT;
