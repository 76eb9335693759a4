-- Unique index on users.email
--
-- revision: a1c0e5f00008
-- down_revision: a1c0e5f00007

-- upgrade
CREATE UNIQUE INDEX ux_users_email ON users (email);

-- downgrade
DROP INDEX ux_users_email;
