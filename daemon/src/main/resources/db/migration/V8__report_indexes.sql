-- Reads that ran once per balance row or per 'show jobs' scanned every line of a busy account.

-- The burn-rate forecast sums an account's CHARGE and REFUND lines of the last days: a range of this
-- index instead of every journal line of the account. Its WHERE is word for word the query's, so
-- SQLite uses it; LIEN and RELEASE lines (two of every three) never enter it.
CREATE INDEX journal_charges_time ON journal(account_id, at_ms) WHERE kind IN ('CHARGE', 'REFUND');

-- 'show jobs' names the account a fallback job asked for: few jobs have one, so this index is small.
CREATE INDEX jobs_requested ON jobs(created_at_ms) WHERE requested_account IS NOT NULL;
