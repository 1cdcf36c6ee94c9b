-- Job listings of one user, and of the running jobs, read an index range, never an account's whole history.
-- A member's jobs in an account, newest first ("my jobs", an account's jobs filtered by user): before, the
-- rows of every other member of a busy account were read and skipped one by one.
CREATE INDEX jobs_account_user_created ON jobs(account_id, user_name, created_at_ms DESC, job_key);
-- The running jobs (lien open) of an account, and of a user in it (the dashboard's, and the jobs holding an
-- account's money): small, they hold only the open liens. lien_state leads so that these win SQLite's choice
-- by one more equality than the indexes above; SqlReportRows writes the state as the literal these name.
CREATE INDEX jobs_open_account ON jobs(lien_state, account_id, created_at_ms DESC, job_key)
  WHERE lien_state = 'open';
CREATE INDEX jobs_open_account_user ON jobs(lien_state, account_id, user_name, created_at_ms DESC, job_key)
  WHERE lien_state = 'open';
-- A listing reads the account a fallback job asked for with the job's own row now, not every such job of the
-- window through this index: nothing else reads it.
DROP INDEX jobs_requested;
