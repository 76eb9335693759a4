-- Rename users.name to full_name, step 1 of 3: add full_name and backfill it
--
-- revision: a1c0e5f00004
-- down_revision: a1c0e5f00003

-- upgrade
-- Zero-downtime rename: old code keeps writing name while this step deploys.
ALTER TABLE users ADD COLUMN full_name VARCHAR(255);
UPDATE users SET full_name = name WHERE full_name IS NULL;

-- downgrade
ALTER TABLE users DROP COLUMN full_name;
