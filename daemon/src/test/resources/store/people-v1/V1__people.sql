-- The store's own test schema; it knows nothing of the ledger.
CREATE TABLE people (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE
);
