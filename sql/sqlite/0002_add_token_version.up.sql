-- Bumped on every password change; access tokens carry the version they were issued at,
-- so a password change revokes every earlier token on every replica at once.
ALTER TABLE users ADD COLUMN token_version INTEGER NOT NULL DEFAULT 0;
