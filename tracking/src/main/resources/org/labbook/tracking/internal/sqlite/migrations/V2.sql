-- `user` is a reserved word in PostgreSQL: every database's schema names the run's user user_name, so
-- the store core's SQL is the same on all of them.
ALTER TABLE runs RENAME COLUMN user TO user_name;
