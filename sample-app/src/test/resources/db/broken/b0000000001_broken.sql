-- A migration that fails, for the on-failure tests
--
-- revision: b0000000001
-- down_revision: a1c0e5f00009

-- upgrade
CREATE TABLE half_done (id INTEGER);
INSERT INTO no_such_table VALUES (1);

-- downgrade
DROP TABLE half_done;
