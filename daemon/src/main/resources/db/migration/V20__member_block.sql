-- A coordinator may block a member in one account: the member stays a member (their history and limit stay)
-- but cannot charge the account until unblocked. blocked_by names who blocked them (NULL: not blocked).
ALTER TABLE memberships ADD COLUMN blocked_by TEXT;
