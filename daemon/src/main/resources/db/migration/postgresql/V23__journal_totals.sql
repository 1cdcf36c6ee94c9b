-- V23__journal_totals.sql as PostgreSQL runs it: the same table, rows and index as the shared (SQLite) file,
-- with its month computed by date_trunc in UTC. The back-fill reads every money line of the journal, so
-- it may rightly run past the writer's statement timeout on a large store: it has 30 minutes.
SET LOCAL statement_timeout = '30min';

CREATE TABLE journal_totals (
  account_id BIGINT NOT NULL REFERENCES accounts(id),
  kind TEXT NOT NULL,
  user_name TEXT NOT NULL,
  month_start_ms BIGINT NOT NULL,
  amount_micro_su BIGINT NOT NULL,
  incoming_micro_su BIGINT NOT NULL,
  lines BIGINT NOT NULL,
  jobs BIGINT NOT NULL,
  PRIMARY KEY (account_id, kind, user_name, month_start_ms)
);

INSERT INTO journal_totals (account_id, kind, user_name, month_start_ms, amount_micro_su, incoming_micro_su,
    lines, jobs)
  SELECT account_id, kind, COALESCE(user_name, ''),
      (EXTRACT(EPOCH FROM date_trunc('month', to_timestamp(at_ms / 1000) AT TIME ZONE 'UTC')) * 1000)::BIGINT,
      SUM(amount_micro_su), SUM(CASE WHEN amount_micro_su >= 0 THEN amount_micro_su ELSE 0 END), COUNT(*),
      COUNT(DISTINCT CASE WHEN kind = 'CHARGE' THEN job_key END)
  FROM journal WHERE kind NOT IN ('LIEN', 'RELEASE', 'ADMIN') AND account_id IS NOT NULL
  GROUP BY 1, 2, 3, 4;

CREATE INDEX journal_money_time ON journal(account_id, at_ms, kind, user_name, job_key, amount_micro_su)
  WHERE kind NOT IN ('ADMIN', 'LIEN', 'RELEASE');
