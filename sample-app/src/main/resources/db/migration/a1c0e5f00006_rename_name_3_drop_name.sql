-- Rename users.name to full_name, step 3 of 3: drop the old column
--
-- revision: a1c0e5f00006
-- down_revision: a1c0e5f00005
-- lint: ignore drop-column step 3 of the expand and contract: since step 1 the code reads and writes full_name only

-- upgrade
ALTER TABLE users DROP COLUMN name;

-- downgrade
ALTER TABLE users ADD COLUMN name VARCHAR(255);
UPDATE users SET name = full_name;
-- Step 2's downgrade makes it NOT NULL again (DuckDB cannot add the constraint
-- in the transaction that filled the column).
