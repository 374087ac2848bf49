DROP INDEX users_email_key_idx;
DROP INDEX users_username_key_idx;
DROP TABLE users;
