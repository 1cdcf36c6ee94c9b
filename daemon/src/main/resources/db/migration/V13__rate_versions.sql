-- Rate versions: each cluster's rate table ([partition ...], [qos], charge_policy, allow_overrun) as it was
-- from effective_at_ms on. A job is liened at the version in effect at its start and charged by that same
-- version, so a reload never reprices a running job. rates is the canonical JSON of the table.
CREATE TABLE rate_versions (
  cluster TEXT NOT NULL,
  version INTEGER NOT NULL,
  effective_at_ms INTEGER NOT NULL,
  rates TEXT NOT NULL,
  PRIMARY KEY (cluster, version)
);

-- The rate version a job's lien was priced at (NULL: liened before rates were versioned).
ALTER TABLE jobs ADD COLUMN rate_version INTEGER;
