-- The interface language a user chose ('en' or 'de'). No row until they
-- choose; then the browser's Accept-Language no longer decides.
CREATE TABLE user_languages (
    user_id   bigint PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    language  text   NOT NULL CHECK (language IN ('en', 'de'))
);
