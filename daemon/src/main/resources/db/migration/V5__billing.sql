-- Billing (issue 8 part B): fallback accounts, billing rules and the lines booked from them and from
-- storage imports. The money of every line is in the journal (kind BILL); these tables say what was
-- configured and make each line idempotent (one per account, month, meter and name).

-- Where a job goes when its own account cannot cover it; qos is forced on such jobs (NULL: leave it).
CREATE TABLE account_fallbacks (
  account_id INTEGER PRIMARY KEY REFERENCES accounts(id),
  fallback_account_id INTEGER NOT NULL REFERENCES accounts(id),
  qos TEXT
);
CREATE INDEX account_fallbacks_target ON account_fallbacks(fallback_account_id);

-- The account a job asked for when its fallback was charged instead (NULL: charged as asked).
ALTER TABLE jobs ADD COLUMN requested_account TEXT;

-- Per-account lines applied at month close: fixed (signed amount), percent (signed millionths of the
-- month's net job charges), credit (free credit up to amount), tier (charges above amount priced at
-- rate_ppm millionths of the rate).
CREATE TABLE billing_rules (
  account_id INTEGER NOT NULL REFERENCES accounts(id),
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('fixed', 'percent', 'credit', 'tier')),
  amount_micro_su INTEGER NOT NULL,
  rate_ppm INTEGER NOT NULL,
  PRIMARY KEY (account_id, name)
);

-- Every billing line booked; quantity says what was priced (e.g. "120.5 GB").
CREATE TABLE billing_lines (
  account_id INTEGER NOT NULL REFERENCES accounts(id),
  month TEXT NOT NULL,
  meter TEXT NOT NULL,
  name TEXT NOT NULL,
  quantity TEXT NOT NULL,
  amount_micro_su INTEGER NOT NULL,
  op_key TEXT NOT NULL,
  at_ms INTEGER NOT NULL,
  PRIMARY KEY (account_id, month, meter, name)
);
-- A fileset is billed once a month, whichever account it names.
CREATE UNIQUE INDEX billing_lines_storage ON billing_lines(month, name) WHERE meter = 'storage';
