-- Email verification, password reset and the mail outbox.

-- Whether the user has proved they control the email address on the account.
ALTER TABLE users ADD COLUMN email_verified BOOLEAN NOT NULL DEFAULT false;

-- Single-use tokens mailed to a user: only their SHA-256 is stored. purpose is
-- 'password_reset' or 'email_verify'; email_key is the (case-folded) address it was sent to, so a
-- verification link for an address the account no longer has verifies nothing.
CREATE TABLE account_tokens (
    token_hash TEXT    PRIMARY KEY,
    user_id    BIGINT  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    purpose    TEXT    NOT NULL,
    email_key  TEXT    NOT NULL,
    created_at TIMESTAMPTZ(3) NOT NULL,
    expires_at TIMESTAMPTZ(3) NOT NULL,
    used_at    TIMESTAMPTZ(3)
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
    attempts        BIGINT  NOT NULL DEFAULT 0,
    created_at      TIMESTAMPTZ(3) NOT NULL,
    next_attempt_at TIMESTAMPTZ(3) NOT NULL,
    claimed_until   TIMESTAMPTZ(3),
    sent_at         TIMESTAMPTZ(3),
    last_error      TEXT
);

CREATE INDEX outbox_due_idx ON outbox (status, next_attempt_at);
