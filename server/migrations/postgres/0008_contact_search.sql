-- Search by words (R24): every word of a contact's name, profile name and
-- e-mail address, found by its beginning, in any order, without regard to
-- case or accents ("muller" finds Müller, "weber.1187" a part of an e-mail
-- address). The text is decomposed and stripped of its combining accents,
-- lowered, and split at punctuation before the `simple` configuration makes
-- its words (otherwise "weber.1187@example.com" would stay one e-mail token).
CREATE FUNCTION contact_search_words(text) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE RETURNS NULL ON NULL INPUT
AS $$ SELECT to_tsvector('simple'::regconfig, regexp_replace(
    lower(regexp_replace(normalize($1, NFD), '[\u0300-\u036f]', '', 'g')),
    '[[:punct:][:space:]]+', ' ', 'g')) $$;

ALTER TABLE contacts ADD COLUMN search_words tsvector GENERATED ALWAYS AS (
    contact_search_words(first_name || ' ' || last_name || ' ' || profile_name || ' ' || coalesce(email, ''))
) STORED;
CREATE INDEX contacts_by_search_words ON contacts USING gin (search_words);

-- Names are no longer searched by prefix ranges of the last name.
DROP INDEX contacts_search_last_name;
