-- V24__journal_day_totals.sql as PostgreSQL runs it: the same table, rows and indexes as the shared (SQLite)
-- file. The back-fill reads every money line of the journal, so it may rightly run past the writer's
-- statement timeout on a large store: it has 30 minutes.
SET LOCAL statement_timeout = '30min';

DROP TABLE journal_totals;
CREATE TABLE journal_totals (
  account_id BIGINT NOT NULL REFERENCES accounts(id),
  kind TEXT NOT NULL,
  user_name TEXT NOT NULL,
  day_start_ms BIGINT NOT NULL,
  amount_micro_su BIGINT NOT NULL,
  incoming_micro_su BIGINT NOT NULL,
  lines BIGINT NOT NULL,
  jobs BIGINT NOT NULL,
  PRIMARY KEY (account_id, kind, user_name, day_start_ms)
);

-- A job's CHARGE lines are one operation's, so they share an account, a user and a day: counting its key
-- once per row counts each job once in all.
INSERT INTO journal_totals (account_id, kind, user_name, day_start_ms, amount_micro_su, incoming_micro_su,
    lines, jobs)
  SELECT account_id, kind, COALESCE(user_name, ''), at_ms / 86400000 * 86400000,
      SUM(amount_micro_su), SUM(CASE WHEN amount_micro_su >= 0 THEN amount_micro_su ELSE 0 END), COUNT(*),
      COUNT(DISTINCT CASE WHEN kind = 'CHARGE' THEN job_key END)
  FROM journal WHERE kind NOT IN ('LIEN', 'RELEASE', 'ADMIN') AND account_id IS NOT NULL
  GROUP BY 1, 2, 3, 4;

-- The bank's days (statistics: every account's charges and deposits by day, who was charged most) are a
-- range of this index. Its key never changes when the writer adds to a row, so adding costs it nothing.
CREATE INDEX journal_totals_day ON journal_totals(day_start_ms);

-- The statistics read the day totals now, so the index of every charge, refund and deposit line by time
-- (V19) has no reader left; the writer no longer keeps it.
DROP INDEX journal_moved;
