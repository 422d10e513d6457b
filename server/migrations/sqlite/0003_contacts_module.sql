-- The Contacts module: sort and search keys for the contacts table, a
-- maintained per-workspace contact counter (no COUNT(*) over a workspace on a
-- request path), and background delete jobs.

-- Sort and search keys, computed by SQLite itself so every writer (forms,
-- merges, imports, demo data) keeps them right. lower() folds ASCII only; the
-- search text is folded the same way.
ALTER TABLE contacts ADD COLUMN sort_name TEXT GENERATED ALWAYS AS (
    lower(coalesce(nullif(trim(first_name || ' ' || last_name), ''),
                   nullif(profile_name, ''), phone, email, ''))
) VIRTUAL;
ALTER TABLE contacts ADD COLUMN last_name_key TEXT GENERATED ALWAYS AS (lower(last_name)) VIRTUAL;
ALTER TABLE contacts ADD COLUMN last_activity INTEGER GENERATED ALWAYS AS (coalesce(last_message_at, 0)) VIRTUAL;

-- One index per sort order of the table (keyset pagination walks them), and
-- prefix search on the name and last name. Date added uses
-- contacts_by_created; e-mail and phone prefixes use contacts_by_email and
-- contacts_by_phone.
CREATE INDEX contacts_list_by_name ON contacts(workspace_id, sort_name, id);
CREATE INDEX contacts_list_by_activity ON contacts(workspace_id, last_activity, id);
CREATE INDEX contacts_search_last_name ON contacts(workspace_id, last_name_key);

-- How many contacts each workspace has, and how many of them are blocked.
CREATE TABLE contact_counts (
    workspace_id  INTEGER PRIMARY KEY REFERENCES workspaces(id) ON DELETE CASCADE,
    total         INTEGER NOT NULL DEFAULT 0,
    blocked       INTEGER NOT NULL DEFAULT 0
);
INSERT INTO contact_counts (workspace_id, total, blocked)
SELECT w.id,
       (SELECT COUNT(*) FROM contacts c WHERE c.workspace_id = w.id),
       (SELECT COUNT(*) FROM contacts c WHERE c.workspace_id = w.id AND c.blocked_at IS NOT NULL)
  FROM workspaces w;

CREATE TRIGGER contact_counts_new_workspace AFTER INSERT ON workspaces BEGIN
    INSERT INTO contact_counts (workspace_id) VALUES (NEW.id);
END;
CREATE TRIGGER contact_counts_insert AFTER INSERT ON contacts BEGIN
    UPDATE contact_counts
       SET total = total + 1, blocked = blocked + (NEW.blocked_at IS NOT NULL)
     WHERE workspace_id = NEW.workspace_id;
END;
CREATE TRIGGER contact_counts_delete AFTER DELETE ON contacts BEGIN
    UPDATE contact_counts
       SET total = total - 1, blocked = blocked - (OLD.blocked_at IS NOT NULL)
     WHERE workspace_id = OLD.workspace_id;
END;
CREATE TRIGGER contact_counts_block AFTER UPDATE OF blocked_at ON contacts
WHEN (OLD.blocked_at IS NULL) <> (NEW.blocked_at IS NULL) BEGIN
    UPDATE contact_counts
       SET blocked = blocked + (NEW.blocked_at IS NOT NULL) - (OLD.blocked_at IS NOT NULL)
     WHERE workspace_id = NEW.workspace_id;
END;

-- A background deletion (R29–R33): the contacts it deletes are fixed when it
-- is requested (contacts created later are never touched), and each batch
-- removes its contacts from the list in the same transaction, so a restart
-- resumes exactly where the last committed batch ended.
CREATE TABLE delete_jobs (
    id             INTEGER PRIMARY KEY,
    workspace_id   INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    requested_by   INTEGER REFERENCES users(id) ON DELETE SET NULL,
    total          INTEGER NOT NULL,
    deleted        INTEGER NOT NULL DEFAULT 0,
    status         TEXT    NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'done')),
    claimed_by     TEXT,
    claimed_until  INTEGER,
    created_at     INTEGER NOT NULL,
    finished_at    INTEGER
);
CREATE INDEX delete_jobs_by_status ON delete_jobs(status, id);
CREATE INDEX delete_jobs_by_workspace ON delete_jobs(workspace_id, id);

CREATE TABLE delete_job_contacts (
    job_id      INTEGER NOT NULL REFERENCES delete_jobs(id) ON DELETE CASCADE,
    contact_id  INTEGER NOT NULL,
    PRIMARY KEY (job_id, contact_id)
) WITHOUT ROWID;
