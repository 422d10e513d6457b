-- Tables the database keeps current on every write of a contact, the same
-- rules as the SQLite triggers of 0003, 0006 and 0008.

-- How many contacts each workspace has, and how many of them are blocked.
-- Merged-away contacts do not count.
CREATE TABLE contact_counts (
    workspace_id  bigint PRIMARY KEY REFERENCES workspaces(id) ON DELETE CASCADE,
    total         bigint NOT NULL DEFAULT 0,
    blocked       bigint NOT NULL DEFAULT 0
);

CREATE FUNCTION contact_counts_new_workspace() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO contact_counts (workspace_id) VALUES (NEW.id);
    RETURN NULL;
END $$;
CREATE TRIGGER contact_counts_new_workspace AFTER INSERT ON workspaces
    FOR EACH ROW EXECUTE FUNCTION contact_counts_new_workspace();

-- +1/-1 for a contact that counts (not merged away), by what changed.
CREATE FUNCTION contact_counts_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    old_counts int := 0; old_blocked int := 0;
    new_counts int := 0; new_blocked int := 0;
    workspace bigint;
BEGIN
    IF TG_OP <> 'INSERT' AND OLD.merged_into IS NULL THEN
        old_counts := 1;
        old_blocked := CASE WHEN OLD.blocked_at IS NOT NULL THEN 1 ELSE 0 END;
        workspace := OLD.workspace_id;
    END IF;
    IF TG_OP <> 'DELETE' AND NEW.merged_into IS NULL THEN
        new_counts := 1;
        new_blocked := CASE WHEN NEW.blocked_at IS NOT NULL THEN 1 ELSE 0 END;
    END IF;
    IF TG_OP <> 'DELETE' THEN
        workspace := NEW.workspace_id;
    END IF;
    IF new_counts <> old_counts OR new_blocked <> old_blocked THEN
        UPDATE contact_counts
           SET total = total + new_counts - old_counts,
               blocked = blocked + new_blocked - old_blocked
         WHERE workspace_id = workspace;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER contact_counts_insert AFTER INSERT ON contacts
    FOR EACH ROW EXECUTE FUNCTION contact_counts_change();
CREATE TRIGGER contact_counts_delete AFTER DELETE ON contacts
    FOR EACH ROW EXECUTE FUNCTION contact_counts_change();
CREATE TRIGGER contact_counts_update AFTER UPDATE OF blocked_at, merged_into ON contacts
    FOR EACH ROW EXECUTE FUNCTION contact_counts_change();

-- Duplicate groups (R11, R16, R17): per workspace and normalized key (E.164
-- phone or lower-case e-mail) how many suggestable contacts share it and
-- when the newest of them joined. Blocked and merged-away contacts do not
-- count.
CREATE TABLE duplicate_groups (
    workspace_id  bigint NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    kind          text   NOT NULL CHECK (kind IN ('phone', 'email')),
    value         text   NOT NULL,
    members       bigint NOT NULL,
    newest_at     bigint NOT NULL,
    PRIMARY KEY (workspace_id, kind, value)
);
CREATE INDEX duplicate_groups_newest ON duplicate_groups(workspace_id, newest_at, kind, value)
    WHERE members >= 2;

-- An old row leaves its groups (if it counted), a new row joins its groups
-- (if it counts).
CREATE FUNCTION duplicate_groups_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE'
       AND OLD.phone IS NOT DISTINCT FROM NEW.phone
       AND OLD.email_key IS NOT DISTINCT FROM NEW.email_key
       AND (OLD.blocked_at IS NULL) = (NEW.blocked_at IS NULL)
       AND (OLD.merged_into IS NULL) = (NEW.merged_into IS NULL) THEN
        RETURN NULL;
    END IF;
    IF TG_OP <> 'INSERT' AND OLD.blocked_at IS NULL AND OLD.merged_into IS NULL THEN
        UPDATE duplicate_groups SET members = members - 1
         WHERE workspace_id = OLD.workspace_id
           AND ((kind = 'phone' AND value = OLD.phone) OR (kind = 'email' AND value = OLD.email_key));
        DELETE FROM duplicate_groups
         WHERE workspace_id = OLD.workspace_id AND members <= 0
           AND ((kind = 'phone' AND value = OLD.phone) OR (kind = 'email' AND value = OLD.email_key));
    END IF;
    IF TG_OP <> 'DELETE' AND NEW.blocked_at IS NULL AND NEW.merged_into IS NULL THEN
        INSERT INTO duplicate_groups AS g (workspace_id, kind, value, members, newest_at)
        SELECT NEW.workspace_id, 'phone', NEW.phone, 1, NEW.updated_at WHERE NEW.phone IS NOT NULL
        UNION ALL
        SELECT NEW.workspace_id, 'email', NEW.email_key, 1, NEW.updated_at WHERE NEW.email_key IS NOT NULL
        ON CONFLICT (workspace_id, kind, value)
        DO UPDATE SET members = g.members + 1, newest_at = greatest(g.newest_at, excluded.newest_at);
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER duplicate_groups_insert AFTER INSERT ON contacts
    FOR EACH ROW EXECUTE FUNCTION duplicate_groups_change();
CREATE TRIGGER duplicate_groups_delete AFTER DELETE ON contacts
    FOR EACH ROW EXECUTE FUNCTION duplicate_groups_change();
CREATE TRIGGER duplicate_groups_update AFTER UPDATE OF phone, email_key, blocked_at, merged_into ON contacts
    FOR EACH ROW EXECUTE FUNCTION duplicate_groups_change();

-- Deleting a contact erases what the merge history kept of it: the merge's
-- snapshot (undo is refused once a contact is gone), the contact's name in
-- the merge, and the values chosen from it. The entry itself stays.
CREATE FUNCTION merges_forget_deleted_contact() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE merges
       SET snapshot = '{}',
           contacts = (SELECT CAST(coalesce(jsonb_agg(jsonb_build_object(
                                 'id', c.value -> 'id',
                                 'name', CASE WHEN c.value ->> 'id' = CAST(OLD.id AS text)
                                              THEN to_jsonb(text 'Deleted contact')
                                              ELSE c.value -> 'name' END)
                                 ORDER BY c.ordinality), '[]') AS text)
                         FROM jsonb_array_elements(CAST(merges.contacts AS jsonb)) WITH ORDINALITY c),
           choices = (SELECT CAST(coalesce(jsonb_agg(jsonb_build_object(
                                'label', c.value -> 'label',
                                'value', CASE WHEN c.value ->> 'from' = CAST(OLD.id AS text)
                                              THEN to_jsonb(text '') ELSE c.value -> 'value' END,
                                'from', c.value -> 'from')
                                ORDER BY c.ordinality), '[]') AS text)
                        FROM jsonb_array_elements(CAST(merges.choices AS jsonb)) WITH ORDINALITY c)
     WHERE id IN (SELECT merge_id FROM merge_members WHERE contact_id = OLD.id);
    RETURN NULL;
END $$;
CREATE TRIGGER merges_forget_deleted_contact AFTER DELETE ON contacts
    FOR EACH ROW EXECUTE FUNCTION merges_forget_deleted_contact();
