-- The admin's statistics sum every account's charges, refunds and deposits of a day, and rank accounts and
-- users by what they were charged in a period: a range of this index by time, never every journal line. Its
-- WHERE is word for word the queries' (SqlReportRows.MOVED_KINDS), so SQLite uses it; LIEN and RELEASE lines
-- (two of every three) never enter it.
CREATE INDEX journal_moved ON journal(at_ms, kind, account_id, user_name, amount_micro_su)
  WHERE kind IN ('CHARGE', 'REFUND', 'DEPOSIT');
