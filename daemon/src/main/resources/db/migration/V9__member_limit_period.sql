-- A member's per-user limit counts their total use of the account, or their use since the start of the
-- account's current allocation cycle (a recurring grant's period). Existing limits keep counting the total.
ALTER TABLE memberships ADD COLUMN limit_per TEXT NOT NULL DEFAULT 'total' CHECK (limit_per IN ('total', 'cycle'));
