-- The security audit trail: logins, registrations, credential changes, deletions, revoked
-- sessions and refresh-token reuse. No foreign key: a deleted user's events are kept, with
-- the user id, for forensics. id sorts by time (milliseconds, then a random part), so it
-- is also the page cursor. Times are milliseconds since 1970, UTC. Never holds a secret.
CREATE TABLE audit_events (
    id          TEXT    PRIMARY KEY,
    occurred_at INTEGER NOT NULL,
    type        TEXT    NOT NULL,
    user_id     INTEGER,
    reason      TEXT,
    client      TEXT,
    user_agent  TEXT,
    request_id  TEXT
);

CREATE INDEX audit_events_user_id_idx ON audit_events (user_id, id);
CREATE INDEX audit_events_occurred_at_idx ON audit_events (occurred_at);
