-- Sign-in sessions. Each login creates one; refresh tokens rotate within it. Only SHA-256
-- hashes of refresh tokens are stored.
-- expires_at is when the session ends unless refreshed (the latest refresh token's expiry,
-- never later than absolute_expires_at, the session's hard limit).
CREATE TABLE sessions (
    id                  TEXT           PRIMARY KEY,
    user_id             BIGINT         NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at          TIMESTAMPTZ(3) NOT NULL,
    last_used_at        TIMESTAMPTZ(3) NOT NULL,
    auth_time           TIMESTAMPTZ(3) NOT NULL,
    expires_at          TIMESTAMPTZ(3) NOT NULL,
    absolute_expires_at TIMESTAMPTZ(3) NOT NULL,
    revoked_at          TIMESTAMPTZ(3),
    user_agent          TEXT,
    ip                  TEXT
);

CREATE INDEX sessions_user_id_idx ON sessions (user_id);
CREATE INDEX sessions_expires_at_idx ON sessions (expires_at);

-- Every refresh token a session was given: the current one (used_at NULL) and the ones
-- already exchanged, kept so that presenting one again is recognised as reuse.
CREATE TABLE refresh_tokens (
    token_hash TEXT           PRIMARY KEY,
    session_id TEXT           NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    issued_at  TIMESTAMPTZ(3) NOT NULL,
    used_at    TIMESTAMPTZ(3)
);

CREATE INDEX refresh_tokens_session_id_idx ON refresh_tokens (session_id);
