-- Search by words (R24): every word of a contact's name, profile name and
-- e-mail address, found by its beginning, in any order, without regard to
-- case or accents ("muller" finds Müller, "weber.1187" a part of an e-mail
-- address). An FTS5 index over a generated column of the contact, kept by
-- triggers, so every writer keeps it right.
ALTER TABLE contacts ADD COLUMN search_text TEXT GENERATED ALWAYS AS (
    first_name || ' ' || last_name || ' ' || profile_name || ' ' || coalesce(email, '')
) VIRTUAL;

CREATE VIRTUAL TABLE contact_search USING fts5(
    search_text,
    content = 'contacts',
    content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '1 2 3'
);
INSERT INTO contact_search (contact_search) VALUES ('rebuild');

CREATE TRIGGER contact_search_insert AFTER INSERT ON contacts BEGIN
    INSERT INTO contact_search (rowid, search_text) VALUES (NEW.id, NEW.search_text);
END;
CREATE TRIGGER contact_search_delete AFTER DELETE ON contacts BEGIN
    INSERT INTO contact_search (contact_search, rowid, search_text)
    VALUES ('delete', OLD.id, OLD.search_text);
END;
CREATE TRIGGER contact_search_update
AFTER UPDATE OF first_name, last_name, profile_name, email ON contacts BEGIN
    INSERT INTO contact_search (contact_search, rowid, search_text)
    VALUES ('delete', OLD.id, OLD.search_text);
    INSERT INTO contact_search (rowid, search_text) VALUES (NEW.id, NEW.search_text);
END;

-- Names are no longer searched by prefix ranges of the last name.
DROP INDEX contacts_search_last_name;
