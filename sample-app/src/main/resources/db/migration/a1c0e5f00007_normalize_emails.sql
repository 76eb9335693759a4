-- Normalize emails to trimmed lower case (a data migration)
--
-- revision: a1c0e5f00007
-- down_revision: a1c0e5f00006

-- upgrade
UPDATE users SET email = lower(trim(email)) WHERE email <> lower(trim(email));

-- downgrade
-- The original spelling is not kept: nothing to undo.
