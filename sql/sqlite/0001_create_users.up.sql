-- Users. username_key and email_key hold the NFKC + case-folded forms computed by the
-- service, so uniqueness ignores case beyond ASCII (SQLite's lower() folds ASCII only).
-- Timestamps are milliseconds since 1970, UTC.
CREATE TABLE users (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    username      TEXT    NOT NULL,
    username_key  TEXT    NOT NULL,
    email         TEXT    NOT NULL,
    email_key     TEXT    NOT NULL,
    password_hash TEXT    NOT NULL,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL
);

CREATE UNIQUE INDEX users_username_key_idx ON users (username_key);
CREATE UNIQUE INDEX users_email_key_idx ON users (email_key);
