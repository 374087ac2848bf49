-- Email verification, password reset and the mail outbox.
-- Times are milliseconds since 1970, UTC.

-- Whether the user has proved they control the email address on the account.
ALTER TABLE users ADD COLUMN email_verified INTEGER NOT NULL DEFAULT 0;

-- Single-use tokens mailed to a user: only their SHA-256 is stored. purpose is
-- 'password_reset' or 'email_verify'; email_key is the (case-folded) address it was sent to, so a
-- verification link for an address the account no longer has verifies nothing.
CREATE TABLE account_tokens (
    token_hash TEXT    PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    purpose    TEXT    NOT NULL,
    email_key  TEXT    NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at    INTEGER
);

CREATE INDEX account_tokens_user_id_idx ON account_tokens (user_id, purpose);
CREATE INDEX account_tokens_expires_at_idx ON account_tokens (expires_at);

-- The transactional outbox: mail written in the same transaction as the change that causes
-- it, delivered later by a courier. status is 'pending', 'sent' or 'failed'; a courier
-- claims a pending message until claimed_until, so two never deliver it at once. Bodies
-- are cleared once a message is sent or has failed, since they may hold a token.
CREATE TABLE outbox (
    id              TEXT    PRIMARY KEY,
    message_id      TEXT    NOT NULL UNIQUE,
    recipient       TEXT    NOT NULL,
    subject         TEXT    NOT NULL,
    text_body       TEXT    NOT NULL,
    html_body       TEXT    NOT NULL,
    status          TEXT    NOT NULL DEFAULT 'pending',
    attempts        INTEGER NOT NULL DEFAULT 0,
    created_at      INTEGER NOT NULL,
    next_attempt_at INTEGER NOT NULL,
    claimed_until   INTEGER,
    sent_at         INTEGER,
    last_error      TEXT
);

CREATE INDEX outbox_due_idx ON outbox (status, next_attempt_at);
