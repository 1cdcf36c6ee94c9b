-- Allocation cycles and alerts (issue 8 part A).
-- A grant makes one allocation per period; grant_periods is the record that a
-- period's allocation exists, unique per (grant, period start), so the daemon
-- creates it exactly once whatever happens around it.
CREATE TABLE grants (
  id INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts(id),
  amount_micro_su INTEGER NOT NULL CHECK (amount_micro_su > 0),
  period TEXT NOT NULL CHECK (period IN ('monthly', 'quarterly', 'yearly')),
  -- periods are counted in this time zone from the first start, so a monthly
  -- grant starts on the same day of the month at local midnight all year
  zone TEXT NOT NULL,
  first_start_ms INTEGER NOT NULL,
  -- no period starts at or after this instant; the last one ends here
  ends_at_ms INTEGER,
  carryover_kind TEXT NOT NULL CHECK (carryover_kind IN ('none', 'all', 'su', 'percent')),
  -- micro-SU for 'su', a percentage for 'percent', else 0
  carryover_limit INTEGER NOT NULL CHECK (carryover_limit >= 0),
  note TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
  created_at_ms INTEGER NOT NULL
);
CREATE INDEX grants_account ON grants(account_id);

CREATE TABLE grant_periods (
  grant_id INTEGER NOT NULL REFERENCES grants(id),
  period_index INTEGER NOT NULL CHECK (period_index >= 0),
  period_start_ms INTEGER NOT NULL,
  allocation_id INTEGER NOT NULL UNIQUE REFERENCES allocations(id),
  PRIMARY KEY (grant_id, period_index),
  UNIQUE (grant_id, period_start_ms)
);

-- Percentages of an account's active allocations used at which its
-- coordinators are told, e.g. '50,90,100'.
CREATE TABLE alert_thresholds (
  account_id INTEGER PRIMARY KEY REFERENCES accounts(id),
  percents TEXT NOT NULL
);

-- Alerts sent and not re-armed yet: one row per (account, alert), e.g.
-- 'used:90', 'expiry:12' (allocation 12), 'runout'. The journal has a line
-- for each send and each re-arm.
CREATE TABLE alerts_sent (
  account_id INTEGER NOT NULL REFERENCES accounts(id),
  alert TEXT NOT NULL,
  sent_at_ms INTEGER NOT NULL,
  PRIMARY KEY (account_id, alert)
);
