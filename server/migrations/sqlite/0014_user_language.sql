-- The interface language a user chose ('en' or 'de'). No row until they
-- choose; then the browser's Accept-Language no longer decides. A table of
-- its own rather than a column of users: after `ALTER TABLE users ADD
-- COLUMN`, the bundled SQLite refused inserts of accented names into
-- contacts ("no such table: contacts" from the contact_search triggers).
CREATE TABLE user_languages (
    user_id   INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    language  TEXT    NOT NULL CHECK (language IN ('en', 'de'))
);
