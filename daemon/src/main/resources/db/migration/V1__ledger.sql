-- The ledger: accounts, users, memberships, allocations, jobs with their lien,
-- the append-only journal and the idempotency record of every operation.
-- Amounts are integers in micro-SU; times are epoch milliseconds (UTC).

CREATE TABLE accounts (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  parent_id INTEGER REFERENCES accounts(id),
  state TEXT NOT NULL CHECK (state IN ('active', 'frozen', 'closed')),
  description TEXT NOT NULL,
  organization TEXT NOT NULL,
  credit_limit_micro_su INTEGER NOT NULL CHECK (credit_limit_micro_su >= 0),
  -- caches of the journal, checked by verify
  balance_micro_su INTEGER NOT NULL,
  liened_micro_su INTEGER NOT NULL,
  created_at_ms INTEGER NOT NULL
);
CREATE INDEX accounts_parent ON accounts(parent_id);

CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  uid INTEGER,
  default_account_id INTEGER REFERENCES accounts(id),
  created_at_ms INTEGER NOT NULL
);

CREATE TABLE memberships (
  user_id INTEGER NOT NULL REFERENCES users(id),
  account_id INTEGER NOT NULL REFERENCES accounts(id),
  role TEXT NOT NULL CHECK (role IN ('member', 'coordinator')),
  limit_micro_su INTEGER CHECK (limit_micro_su IS NULL OR limit_micro_su >= 0),
  PRIMARY KEY (user_id, account_id)
);
CREATE INDEX memberships_account ON memberships(account_id);

-- Every account has exactly one pot (is_pot = 1, no window): it takes refunds
-- with nowhere else to go and the debt of a charge larger than the allocations.
CREATE TABLE allocations (
  id INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts(id),
  is_pot INTEGER NOT NULL CHECK (is_pot IN (0, 1)),
  amount_micro_su INTEGER NOT NULL,
  remaining_micro_su INTEGER NOT NULL,
  starts_at_ms INTEGER NOT NULL,
  ends_at_ms INTEGER,
  expired INTEGER NOT NULL DEFAULT 0 CHECK (expired IN (0, 1)),
  note TEXT NOT NULL,
  created_at_ms INTEGER NOT NULL
);
CREATE INDEX allocations_account ON allocations(account_id, expired, ends_at_ms);
CREATE UNIQUE INDEX allocations_one_pot ON allocations(account_id) WHERE is_pot = 1;

CREATE TABLE jobs (
  job_key TEXT PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts(id),
  user_name TEXT NOT NULL,
  lien_state TEXT NOT NULL CHECK (lien_state IN ('none', 'open', 'charged', 'released', 'expired')),
  lien_micro_su INTEGER NOT NULL CHECK (lien_micro_su >= 0),
  lien_expires_at_ms INTEGER,
  charged INTEGER NOT NULL DEFAULT 0 CHECK (charged IN (0, 1)),
  charged_micro_su INTEGER NOT NULL DEFAULT 0 CHECK (charged_micro_su >= 0),
  refunded_micro_su INTEGER NOT NULL DEFAULT 0 CHECK (refunded_micro_su >= 0),
  created_at_ms INTEGER NOT NULL,
  updated_at_ms INTEGER NOT NULL
);
CREATE INDEX jobs_account ON jobs(account_id);
CREATE INDEX jobs_open_liens ON jobs(lien_expires_at_ms) WHERE lien_state = 'open';

CREATE TABLE journal (
  id INTEGER PRIMARY KEY,
  at_ms INTEGER NOT NULL,
  kind TEXT NOT NULL,
  account_id INTEGER REFERENCES accounts(id),
  allocation_id INTEGER REFERENCES allocations(id),
  user_name TEXT,
  job_key TEXT,
  amount_micro_su INTEGER NOT NULL,
  actor TEXT NOT NULL,
  note TEXT NOT NULL,
  op_key TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE INDEX journal_account ON journal(account_id, id);
CREATE INDEX journal_job ON journal(job_key) WHERE job_key IS NOT NULL;
CREATE TRIGGER journal_no_update BEFORE UPDATE ON journal
BEGIN SELECT RAISE(ABORT, 'the journal is append-only'); END;
CREATE TRIGGER journal_no_delete BEFORE DELETE ON journal
BEGIN SELECT RAISE(ABORT, 'the journal is append-only'); END;

CREATE TABLE operations (
  op_key TEXT PRIMARY KEY,
  fingerprint TEXT NOT NULL,
  amount_micro_su INTEGER NOT NULL,
  detail TEXT NOT NULL,
  at_ms INTEGER NOT NULL
);
