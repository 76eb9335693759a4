-- Create users, with timestamps and soft delete
--
-- revision: a1c0e5f00001
-- down_revision: none

-- upgrade
CREATE SEQUENCE users_id_seq;

CREATE TABLE users (
    id BIGINT PRIMARY KEY DEFAULT nextval('users_id_seq'),
    email VARCHAR(255) NOT NULL,
    name VARCHAR(255) NOT NULL,
    age INTEGER,
    created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    deleted_at TIMESTAMP -- soft delete: set instead of deleting the row
);

-- downgrade
DROP TABLE users;
DROP SEQUENCE users_id_seq;
