-- Browsers a user signed in with before. A sign-in from such a browser is
-- not slowed down by failures from elsewhere, so a stranger typing wrong
-- passwords cannot keep the real user out (only the cookie's hash is kept).
CREATE TABLE trusted_devices (
    token_hash    TEXT    PRIMARY KEY,
    user_id       INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at    INTEGER NOT NULL,
    last_used_at  INTEGER NOT NULL
);
CREATE INDEX trusted_devices_by_user ON trusted_devices(user_id);
