-- The interface language a user chose ('en' or 'de'); NULL until they
-- choose, when the browser's Accept-Language decides.
ALTER TABLE users ADD COLUMN language text CHECK (language IN ('en', 'de'));
