-- Running totals of the journal's money lines by account, kind, user and calendar month (UTC), so all-time
-- and monthly figures read a few rows a month instead of every line (a million jobs' lines took seconds).
-- The writer adds each money line to its row in the transaction that appends the line
-- (SqlLedgerTx.appendJournal); the journal stays the truth and verify recomputes every row from it.
-- user_name is '' for lines without a user (a key column cannot be NULL); incoming_micro_su sums the
-- lines >= 0 (a TRANSFER's incoming side); lines counts the lines; jobs counts the jobs charged.
CREATE TABLE journal_totals (
  account_id INTEGER NOT NULL REFERENCES accounts(id),
  kind TEXT NOT NULL,
  user_name TEXT NOT NULL,
  month_start_ms INTEGER NOT NULL,
  amount_micro_su INTEGER NOT NULL,
  incoming_micro_su INTEGER NOT NULL,
  lines INTEGER NOT NULL,
  jobs INTEGER NOT NULL,
  PRIMARY KEY (account_id, kind, user_name, month_start_ms)
);

-- The totals of the journal so far. A job's CHARGE lines are one operation's, so they share an account,
-- a user and a month: counting its key once per row counts each job once in all.
INSERT INTO journal_totals (account_id, kind, user_name, month_start_ms, amount_micro_su, incoming_micro_su,
    lines, jobs)
  SELECT account_id, kind, COALESCE(user_name, ''),
      CAST(strftime('%s', at_ms / 1000, 'unixepoch', 'start of month') AS INTEGER) * 1000,
      SUM(amount_micro_su), SUM(CASE WHEN amount_micro_su >= 0 THEN amount_micro_su ELSE 0 END), COUNT(*),
      COUNT(DISTINCT CASE WHEN kind = 'CHARGE' THEN job_key END)
  FROM journal WHERE kind NOT IN ('LIEN', 'RELEASE', 'ADMIN') AND account_id IS NOT NULL
  GROUP BY 1, 2, 3, 4;

-- A period's figures read whole months from journal_totals and the days at its ends from the lines: a range
-- of this index by account and time. Its WHERE lists the kinds in another order than journal_money's, and
-- SqlJournalRows.MONEY_LINES repeats it word for word, so SQLite reads this index there and nowhere else.
CREATE INDEX journal_money_time ON journal(account_id, at_ms, kind, user_name, job_key, amount_micro_su)
  WHERE kind NOT IN ('ADMIN', 'LIEN', 'RELEASE');
