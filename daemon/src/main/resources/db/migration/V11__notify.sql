-- Each user's alert mail: off, or at their own usage thresholds instead of
-- their accounts' (percents NULL: the accounts' thresholds).
CREATE TABLE notify_settings (
  user_id INTEGER PRIMARY KEY REFERENCES users(id),
  mail INTEGER NOT NULL CHECK (mail IN (0, 1)),
  percents TEXT
);

-- Alert mails sent and not re-armed yet: one row per (account, user, alert),
-- as alerts_sent is for the alert command; the journal has a line for each.
CREATE TABLE alert_mails_sent (
  account_id INTEGER NOT NULL REFERENCES accounts(id),
  user_id INTEGER NOT NULL REFERENCES users(id),
  alert TEXT NOT NULL,
  sent_at_ms INTEGER NOT NULL,
  PRIMARY KEY (account_id, user_id, alert)
);
