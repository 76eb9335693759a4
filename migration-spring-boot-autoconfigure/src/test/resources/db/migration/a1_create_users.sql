-- Create users
--
-- revision: a1
-- down_revision: none

-- upgrade
CREATE TABLE users (id INTEGER PRIMARY KEY, name VARCHAR);

-- downgrade
DROP TABLE users;
