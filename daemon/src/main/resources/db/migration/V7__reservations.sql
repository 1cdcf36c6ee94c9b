-- Chargeable reservations (issue 8): the Slurm reservation a job ran in (NULL: none, or an older hook),
-- and each chargeable reservation as allocd last saw it in Slurm, so its idle time is charged once when
-- it ends, even if Slurm has forgotten it by then.
ALTER TABLE jobs ADD COLUMN reservation TEXT;
CREATE INDEX jobs_reservation ON jobs(reservation) WHERE reservation IS NOT NULL;

-- reserved_micro_su prices the reserved TRES for the whole window (detail says what it priced);
-- charged_micro_su stays NULL until the idle time is charged.
CREATE TABLE reservations (
  name TEXT NOT NULL,
  start_ms INTEGER NOT NULL,
  end_ms INTEGER NOT NULL,
  account_id INTEGER NOT NULL REFERENCES accounts(id),
  reserved_micro_su INTEGER NOT NULL,
  detail TEXT NOT NULL,
  charged_micro_su INTEGER,
  PRIMARY KEY (name, start_ms)
);
