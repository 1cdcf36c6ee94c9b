-- The running totals by UTC day instead of month (V23), so the per-day charts (an account's last 30 days,
-- the bank's statistics) read a few rows a day, and a period's figures read the lines of at most a day at each
-- end. A month is the sum of its days. Rebuilt from the journal, which stays the truth; verify recomputes
-- every row from it. user_name is '' for lines without a user; incoming_micro_su sums the lines >= 0; lines
-- counts the lines; jobs counts the jobs charged. A day is 86,400,000 ms since the epoch (UTC has no summer
-- time), so integer division finds a line's day alike on SQLite and PostgreSQL.
DROP TABLE journal_totals;
CREATE TABLE journal_totals (
  account_id INTEGER NOT NULL REFERENCES accounts(id),
  kind TEXT NOT NULL,
  user_name TEXT NOT NULL,
  day_start_ms INTEGER NOT NULL,
  amount_micro_su INTEGER NOT NULL,
  incoming_micro_su INTEGER NOT NULL,
  lines INTEGER NOT NULL,
  jobs INTEGER NOT NULL,
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
