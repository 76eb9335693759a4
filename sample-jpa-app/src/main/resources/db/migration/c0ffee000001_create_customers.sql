-- Create customers
--
-- revision: c0ffee000001
-- down_revision: none

-- upgrade
CREATE SEQUENCE customers_id_seq;

CREATE TABLE customers (
    id BIGINT PRIMARY KEY DEFAULT nextval('customers_id_seq'),
    name VARCHAR(100) NOT NULL,
    email VARCHAR(255) NOT NULL
);

-- downgrade
DROP TABLE customers;
DROP SEQUENCE customers_id_seq;
