-- A broken migration
--
-- revision: b2
-- down_revision: a1

-- upgrade
CREATE TABLE orders (id INTEGER PRIMARY KEY, user_id INTEGER REFERENCES no_such_table (id));

-- downgrade
DROP TABLE orders;
