-- Indexed script
--
-- revision: c1
-- down_revision: none

-- upgrade
SELECT 1;

-- downgrade
SELECT 0;
