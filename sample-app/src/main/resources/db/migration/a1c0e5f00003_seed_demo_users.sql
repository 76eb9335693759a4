-- Seed demo users (a data migration)
--
-- revision: a1c0e5f00003
-- down_revision: a1c0e5f00002

-- upgrade
INSERT INTO users (email, name, age) VALUES
    ('Ada@Example.com ', 'Ada Lovelace', 36),
    ('alan@example.com', 'Alan Turing', 41),
    (' Grace@Example.COM', 'Grace Hopper', 85);

-- downgrade
DELETE FROM users WHERE lower(trim(email)) IN ('ada@example.com', 'alan@example.com', 'grace@example.com');
