-- The owner is checked only at COMMIT (deferred), so a dangling pet makes
-- COMMIT itself fail: the store's tests use that as a real commit fault.
CREATE TABLE pets (
  id INTEGER PRIMARY KEY,
  owner_id INTEGER NOT NULL REFERENCES people(id) DEFERRABLE INITIALLY DEFERRED,
  name TEXT NOT NULL
);
CREATE INDEX pets_owner ON pets(owner_id);
CREATE TRIGGER people_no_rename BEFORE UPDATE OF name ON people
BEGIN SELECT RAISE(ABORT, 'people keep their names'); END;
