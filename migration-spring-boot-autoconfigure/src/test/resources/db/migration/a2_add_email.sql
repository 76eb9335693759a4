-- Add email to users
--
-- revision: a2
-- down_revision: a1

-- upgrade
ALTER TABLE users ADD COLUMN email VARCHAR;

-- downgrade
ALTER TABLE users DROP COLUMN email;
