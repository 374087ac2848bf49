-- Sign-in sessions. Each login creates one; refresh tokens rotate within it. Only SHA-256
-- hashes of refresh tokens are stored. Timestamps are milliseconds since 1970, UTC.
-- expires_at is when the session ends unless refreshed (the latest refresh token's expiry,
-- never later than absolute_expires_at, the session's hard limit).
CREATE TABLE sessions (
    id                  TEXT    PRIMARY KEY,
    user_id             INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at          INTEGER NOT NULL,
    last_used_at        INTEGER NOT NULL,
    auth_time           INTEGER NOT NULL,
    expires_at          INTEGER NOT NULL,
    absolute_expires_at INTEGER NOT NULL,
    revoked_at          INTEGER,
    user_agent          TEXT,
    ip                  TEXT
);

CREATE INDEX sessions_user_id_idx ON sessions (user_id);
CREATE INDEX sessions_expires_at_idx ON sessions (expires_at);

-- Every refresh token a session was given: the current one (used_at NULL) and the ones
-- already exchanged, kept so that presenting one again is recognised as reuse.
CREATE TABLE refresh_tokens (
    token_hash TEXT    PRIMARY KEY,
    session_id TEXT    NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    issued_at  INTEGER NOT NULL,
    used_at    INTEGER
);

CREATE INDEX refresh_tokens_session_id_idx ON refresh_tokens (session_id);
