-- Rename users.name to full_name, step 2 of 3: the new code writes full_name; require it
--
-- revision: a1c0e5f00005
-- down_revision: a1c0e5f00004

-- upgrade
UPDATE users SET full_name = name WHERE full_name IS NULL;
ALTER TABLE users ALTER COLUMN full_name SET NOT NULL;
ALTER TABLE users ALTER COLUMN name DROP NOT NULL;

-- downgrade
UPDATE users SET name = full_name WHERE name IS NULL;
ALTER TABLE users ALTER COLUMN name SET NOT NULL;
ALTER TABLE users ALTER COLUMN full_name DROP NOT NULL;
