-- Create orders
--
-- revision: c1
-- down_revision: none

-- upgrade
CREATE TABLE orders (id INTEGER PRIMARY KEY);

-- downgrade
DROP TABLE orders;
