-- Reports over an account with a million jobs (issue 6 item 4) read indexes, not every row.

-- statement and jobcharge sum an account's money lines by kind and user: this index covers that
-- query, so it never reads the journal's rows, and it skips the LIEN and RELEASE lines (two of
-- every three). Its WHERE must match SqlLedgerView's MONEY_KINDS exactly for SQLite to use it.
CREATE INDEX journal_money ON journal(account_id, kind, user_name, job_key, at_ms, amount_micro_su)
  WHERE kind NOT IN ('LIEN', 'RELEASE', 'ADMIN');

-- show jobs: newest first per account, and over all accounts, without sorting every job.
-- The first replaces jobs_account, which is its prefix.
CREATE INDEX jobs_account_created ON jobs(account_id, created_at_ms DESC, job_key);
DROP INDEX jobs_account;
CREATE INDEX jobs_created ON jobs(created_at_ms DESC, job_key);
