-- Seed two customers
--
-- revision: c0ffee000002
-- down_revision: c0ffee000001

-- upgrade
INSERT INTO customers (name, email) VALUES ('Ada Lovelace', 'ada@example.com');
INSERT INTO customers (name, email) VALUES ('Alan Turing', 'alan@example.com');

-- downgrade
DELETE FROM customers WHERE email IN ('ada@example.com', 'alan@example.com');
