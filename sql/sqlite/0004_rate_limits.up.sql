-- Throttling counters shared by every replica: one row per key (a limit and whom it
-- counts, e.g. a client address or an account). A window opens at the first counted event
-- and ends at window_end; an event after the end opens a new one. Times are
-- milliseconds since 1970, UTC.
CREATE TABLE rate_limits (
    key        TEXT    PRIMARY KEY,
    count      INTEGER NOT NULL,
    window_end INTEGER NOT NULL
);

CREATE INDEX rate_limits_window_end_idx ON rate_limits (window_end);
