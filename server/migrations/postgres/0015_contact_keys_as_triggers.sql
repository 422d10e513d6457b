-- PostgreSQL runs a foreign key's cascade once per deleted row and key:
-- ten keys point at a contact and three at its conversation, so deleting a
-- million contacts ran thirteen million single-row lookups, most of them in
-- tables that hold nothing for that contact. These keys become triggers
-- with the same guarantees, working on whole statements where a deletion
-- needs them:
-- - writing a row that names a contact or a conversation checks that it
--   exists and locks it against deletion until the write commits
--   (`FOR KEY SHARE`, as the key's own check does);
-- - deleting contacts or conversations deletes what hangs off them once per
--   statement, in one lookup per table for the whole batch;
-- - the id of a contact or a conversation never changes.
-- SQLite keeps its keys: it cascades within one lookup per row in-process.

-- The trigger's arguments name the table a written row points at
-- (`contacts` or `conversations`) and the column that holds its id.
CREATE FUNCTION referenced_row_exists() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    referenced bigint := CAST(to_jsonb(NEW) ->> TG_ARGV[1] AS bigint);
BEGIN
    IF TG_ARGV[0] = 'conversations' THEN
        PERFORM FROM conversations WHERE id = referenced FOR KEY SHARE;
    ELSE
        PERFORM FROM contacts WHERE id = referenced FOR KEY SHARE;
    END IF;
    IF NOT FOUND THEN
        RAISE foreign_key_violation USING MESSAGE = format(
            'insert or update on table "%s" violates its key: %s = %s is not in "%s"',
            TG_TABLE_NAME, TG_ARGV[1], referenced, TG_ARGV[0]);
    END IF;
    RETURN NULL;
END $$;

-- Each key (named by PostgreSQL's default) gives way to its trigger.
DO $$
DECLARE
    k record;
BEGIN
    FOR k IN SELECT * FROM (VALUES
            ('contact_channels', 'contact_id', 'contacts'),
            ('conversations', 'contact_id', 'contacts'),
            ('contact_tags', 'contact_id', 'contacts'),
            ('custom_values', 'contact_id', 'contacts'),
            ('contact_block_events', 'contact_id', 'contacts'),
            ('active_contacts', 'contact_id', 'contacts'),
            ('workflow_runs', 'contact_id', 'contacts'),
            ('merge_dismissals', 'contact_a', 'contacts'),
            ('merge_dismissals', 'contact_b', 'contacts'),
            ('contacts', 'merged_into', 'contacts'),
            ('messages', 'conversation_id', 'conversations'),
            ('conversation_reads', 'conversation_id', 'conversations'),
            ('conversation_status_changes', 'conversation_id', 'conversations')
        ) AS keys (child, id_column, parent)
    LOOP
        EXECUTE format('ALTER TABLE %I DROP CONSTRAINT %I',
                       k.child, k.child || '_' || k.id_column || '_fkey');
        EXECUTE format('CREATE CONSTRAINT TRIGGER %I AFTER INSERT OR UPDATE OF %I ON %I
                            FOR EACH ROW WHEN (NEW.%I IS NOT NULL)
                            EXECUTE FUNCTION referenced_row_exists(%L, %L)',
                       k.child || '_' || k.id_column || '_exists', k.id_column, k.child,
                       k.id_column, k.parent, k.id_column);
    END LOOP;
END $$;

CREATE FUNCTION id_unchanged() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE foreign_key_violation USING MESSAGE = format(
        'the id of a row in "%s" does not change (%s to %s)', TG_TABLE_NAME, OLD.id, NEW.id);
END $$;
CREATE TRIGGER contacts_id_unchanged BEFORE UPDATE OF id ON contacts
    FOR EACH ROW WHEN (OLD.id <> NEW.id) EXECUTE FUNCTION id_unchanged();
CREATE TRIGGER conversations_id_unchanged BEFORE UPDATE OF id ON conversations
    FOR EACH ROW WHEN (OLD.id <> NEW.id) EXECUTE FUNCTION id_unchanged();

-- A deleted conversation's messages, read markers and status history go
-- with it. The ids as one array: with the deleted rows as a table to join,
-- PostgreSQL may read a whole child table instead of looking each id up.
CREATE FUNCTION conversations_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    ids bigint[] := ARRAY(SELECT id FROM gone);
BEGIN
    DELETE FROM messages WHERE conversation_id = ANY (ids);
    DELETE FROM conversation_reads WHERE conversation_id = ANY (ids);
    DELETE FROM conversation_status_changes WHERE conversation_id = ANY (ids);
    RETURN NULL;
END $$;
CREATE TRIGGER conversations_deleted AFTER DELETE ON conversations
    REFERENCING OLD TABLE AS gone
    FOR EACH STATEMENT EXECUTE FUNCTION conversations_deleted();

-- The deletion trigger of 0013, which now also deletes what hangs off the
-- deleted contacts.
CREATE OR REPLACE FUNCTION contacts_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    ids bigint[] := ARRAY(SELECT id FROM gone);
BEGIN
    DELETE FROM conversations WHERE contact_id = ANY (ids);
    DELETE FROM contact_channels WHERE contact_id = ANY (ids);
    DELETE FROM contact_tags WHERE contact_id = ANY (ids);
    DELETE FROM custom_values WHERE contact_id = ANY (ids);
    DELETE FROM contact_block_events WHERE contact_id = ANY (ids);
    DELETE FROM active_contacts WHERE contact_id = ANY (ids);
    DELETE FROM workflow_runs WHERE contact_id = ANY (ids);
    DELETE FROM merge_dismissals WHERE contact_a = ANY (ids);
    DELETE FROM merge_dismissals WHERE contact_b = ANY (ids);
    -- Contacts merged into a deleted one go with it. This deletion runs
    -- this trigger again for them; the check keeps a deletion that found
    -- nothing from running it once more.
    IF EXISTS (SELECT FROM contacts WHERE merged_into = ANY (ids) AND merged_into IS NOT NULL) THEN
        DELETE FROM contacts WHERE merged_into = ANY (ids) AND merged_into IS NOT NULL;
    END IF;

    -- Contacts that counted (not merged away) leave their workspace's counts.
    UPDATE contact_counts AS c
       SET total = c.total - d.total, blocked = c.blocked - d.blocked
      FROM (SELECT workspace_id, count(*) AS total, count(blocked_at) AS blocked
              FROM gone WHERE merged_into IS NULL GROUP BY workspace_id) AS d
     WHERE c.workspace_id = d.workspace_id;

    -- Suggestable contacts (neither blocked nor merged away) leave their
    -- duplicate groups; emptied groups go.
    MERGE INTO duplicate_groups AS g
    USING (SELECT workspace_id, kind, value, count(*) AS members FROM (
               SELECT workspace_id, 'phone' AS kind, phone AS value FROM gone
                WHERE phone IS NOT NULL AND blocked_at IS NULL AND merged_into IS NULL
               UNION ALL
               SELECT workspace_id, 'email', email_key FROM gone
                WHERE email_key IS NOT NULL AND blocked_at IS NULL AND merged_into IS NULL
           ) AS keys GROUP BY workspace_id, kind, value) AS k
       ON g.workspace_id = k.workspace_id AND g.kind = k.kind AND g.value = k.value
    WHEN MATCHED AND g.members <= k.members THEN DELETE
    WHEN MATCHED THEN UPDATE SET members = g.members - k.members;

    -- The merge history forgets deleted contacts: the snapshot (undo is
    -- refused once a contact is gone), their names and the values chosen
    -- from them. The entries stay.
    UPDATE merges
       SET snapshot = '{}',
           contacts = (SELECT coalesce(jsonb_agg(jsonb_build_object(
                                 'id', c.value -> 'id',
                                 'name', CASE WHEN c.value ->> 'id' IN (SELECT CAST(id AS text) FROM gone)
                                              THEN to_jsonb(text 'Deleted contact')
                                              ELSE c.value -> 'name' END)
                                 ORDER BY c.ordinality), '[]')
                         FROM jsonb_array_elements(merges.contacts) WITH ORDINALITY c),
           choices = (SELECT coalesce(jsonb_agg(jsonb_build_object(
                                'label', c.value -> 'label',
                                'value', CASE WHEN c.value ->> 'from' IN (SELECT CAST(id AS text) FROM gone)
                                              THEN to_jsonb(text '') ELSE c.value -> 'value' END,
                                'from', c.value -> 'from')
                                ORDER BY c.ordinality), '[]')
                        FROM jsonb_array_elements(merges.choices) WITH ORDINALITY c)
     WHERE id IN (SELECT merge_id FROM merge_members WHERE contact_id IN (SELECT id FROM gone));
    RETURN NULL;
END $$;
