-- Merge suggestions, merges and their undo (R11–R17). Times are unix
-- seconds (UTC).

-- A contact merged into another keeps its row (so undo can bring it back
-- with its id) but leaves every list, search and suggestion. Deleting the
-- contact it was merged into deletes it too.
ALTER TABLE contacts ADD COLUMN merged_into INTEGER REFERENCES contacts(id) ON DELETE CASCADE;
CREATE INDEX contacts_by_merged_into ON contacts(merged_into) WHERE merged_into IS NOT NULL;

-- The contact counter counts the contacts users see: merged-away ones leave
-- it when merged and come back on undo.
DROP TRIGGER contact_counts_delete;
CREATE TRIGGER contact_counts_delete AFTER DELETE ON contacts WHEN OLD.merged_into IS NULL BEGIN
    UPDATE contact_counts
       SET total = total - 1, blocked = blocked - (OLD.blocked_at IS NOT NULL)
     WHERE workspace_id = OLD.workspace_id;
END;
CREATE TRIGGER contact_counts_merge AFTER UPDATE OF merged_into ON contacts
WHEN (OLD.merged_into IS NULL) <> (NEW.merged_into IS NULL) BEGIN
    UPDATE contact_counts
       SET total = total + (NEW.merged_into IS NULL) - (OLD.merged_into IS NULL)
     WHERE workspace_id = NEW.workspace_id;
END;

-- Duplicate groups (R11, R16, R17): per workspace and normalized key
-- (E.164 phone or lower-case e-mail) how many suggestable contacts share it
-- and when the newest of them joined. Kept current by SQLite on every write
-- of a contact (create, edit, ingress, block, unblock, merge, undo, delete),
-- so suggestions never compare pairs. Blocked and merged-away contacts do
-- not count.
CREATE TABLE duplicate_groups (
    workspace_id  INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    kind          TEXT    NOT NULL CHECK (kind IN ('phone', 'email')),
    value         TEXT    NOT NULL,
    members       INTEGER NOT NULL,
    newest_at     INTEGER NOT NULL,
    PRIMARY KEY (workspace_id, kind, value)
) WITHOUT ROWID;
-- The dashboard's list: groups of two or more, newest first.
CREATE INDEX duplicate_groups_newest ON duplicate_groups(workspace_id, newest_at, kind, value)
    WHERE members >= 2;

CREATE TRIGGER duplicate_groups_insert AFTER INSERT ON contacts
WHEN NEW.blocked_at IS NULL AND NEW.merged_into IS NULL BEGIN
    INSERT INTO duplicate_groups (workspace_id, kind, value, members, newest_at)
    SELECT NEW.workspace_id, 'phone', NEW.phone, 1, NEW.updated_at WHERE NEW.phone IS NOT NULL
    UNION ALL
    SELECT NEW.workspace_id, 'email', NEW.email_key, 1, NEW.updated_at WHERE NEW.email_key IS NOT NULL
    ON CONFLICT (workspace_id, kind, value)
    DO UPDATE SET members = members + 1, newest_at = max(newest_at, excluded.newest_at);
END;

CREATE TRIGGER duplicate_groups_delete AFTER DELETE ON contacts
WHEN OLD.blocked_at IS NULL AND OLD.merged_into IS NULL BEGIN
    UPDATE duplicate_groups SET members = members - 1
     WHERE workspace_id = OLD.workspace_id
       AND ((kind = 'phone' AND value = OLD.phone) OR (kind = 'email' AND value = OLD.email_key));
    DELETE FROM duplicate_groups
     WHERE workspace_id = OLD.workspace_id AND members <= 0
       AND ((kind = 'phone' AND value = OLD.phone) OR (kind = 'email' AND value = OLD.email_key));
END;

-- An update leaves the old keys (if they counted) and joins the new ones (if
-- they count).
CREATE TRIGGER duplicate_groups_update AFTER UPDATE OF phone, email_key, blocked_at, merged_into ON contacts
WHEN OLD.phone IS NOT NEW.phone OR OLD.email_key IS NOT NEW.email_key
  OR (OLD.blocked_at IS NULL) <> (NEW.blocked_at IS NULL)
  OR (OLD.merged_into IS NULL) <> (NEW.merged_into IS NULL) BEGIN
    UPDATE duplicate_groups SET members = members - 1
     WHERE OLD.blocked_at IS NULL AND OLD.merged_into IS NULL
       AND workspace_id = OLD.workspace_id
       AND ((kind = 'phone' AND value = OLD.phone) OR (kind = 'email' AND value = OLD.email_key));
    DELETE FROM duplicate_groups
     WHERE workspace_id = OLD.workspace_id AND members <= 0
       AND ((kind = 'phone' AND value = OLD.phone) OR (kind = 'email' AND value = OLD.email_key));
    INSERT INTO duplicate_groups (workspace_id, kind, value, members, newest_at)
    SELECT NEW.workspace_id, 'phone', NEW.phone, 1, NEW.updated_at
     WHERE NEW.phone IS NOT NULL AND NEW.blocked_at IS NULL AND NEW.merged_into IS NULL
    UNION ALL
    SELECT NEW.workspace_id, 'email', NEW.email_key, 1, NEW.updated_at
     WHERE NEW.email_key IS NOT NULL AND NEW.blocked_at IS NULL AND NEW.merged_into IS NULL
    ON CONFLICT (workspace_id, kind, value)
    DO UPDATE SET members = members + 1, newest_at = max(newest_at, excluded.newest_at);
END;

-- Groups for the contacts that exist already.
INSERT INTO duplicate_groups (workspace_id, kind, value, members, newest_at)
SELECT workspace_id, 'phone', phone, COUNT(*), max(updated_at) FROM contacts
 WHERE phone IS NOT NULL AND blocked_at IS NULL GROUP BY workspace_id, phone;
INSERT INTO duplicate_groups (workspace_id, kind, value, members, newest_at)
SELECT workspace_id, 'email', email_key, COUNT(*), max(updated_at) FROM contacts
 WHERE email_key IS NOT NULL AND blocked_at IS NULL GROUP BY workspace_id, email_key;

-- One merge (R13–R15): who merged which contacts (names and ids at the
-- time), which values were chosen, and the rows as they were before, from
-- which undo restores them exactly. Kept when the contacts are deleted.
CREATE TABLE merges (
    id               INTEGER PRIMARY KEY,
    workspace_id     INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    survivor_id      INTEGER NOT NULL,
    contacts         TEXT    NOT NULL,
    choices          TEXT    NOT NULL,
    snapshot         TEXT    NOT NULL,
    merged_by        INTEGER REFERENCES users(id) ON DELETE SET NULL,
    merged_by_name   TEXT    NOT NULL,
    merged_at        INTEGER NOT NULL,
    undone_by        INTEGER REFERENCES users(id) ON DELETE SET NULL,
    undone_by_name   TEXT,
    undone_at        INTEGER
);
CREATE INDEX merges_by_workspace ON merges(workspace_id, id);

-- Which contacts each merge involved, to find later merges of the same
-- contacts.
CREATE TABLE merge_members (
    contact_id  INTEGER NOT NULL,
    merge_id    INTEGER NOT NULL REFERENCES merges(id) ON DELETE CASCADE,
    PRIMARY KEY (contact_id, merge_id)
) WITHOUT ROWID;
