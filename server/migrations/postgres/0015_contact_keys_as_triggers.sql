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
ALTER TABLE contact_channels DROP CONSTRAINT contact_channels_contact_id_fkey;
ALTER TABLE conversations DROP CONSTRAINT conversations_contact_id_fkey;
ALTER TABLE contact_tags DROP CONSTRAINT contact_tags_contact_id_fkey;
ALTER TABLE custom_values DROP CONSTRAINT custom_values_contact_id_fkey;
ALTER TABLE contact_block_events DROP CONSTRAINT contact_block_events_contact_id_fkey;
ALTER TABLE active_contacts DROP CONSTRAINT active_contacts_contact_id_fkey;
ALTER TABLE workflow_runs DROP CONSTRAINT workflow_runs_contact_id_fkey;
ALTER TABLE merge_dismissals DROP CONSTRAINT merge_dismissals_contact_a_fkey;
ALTER TABLE merge_dismissals DROP CONSTRAINT merge_dismissals_contact_b_fkey;
ALTER TABLE contacts DROP CONSTRAINT contacts_merged_into_fkey;
ALTER TABLE messages DROP CONSTRAINT messages_conversation_id_fkey;
ALTER TABLE conversation_reads DROP CONSTRAINT conversation_reads_conversation_id_fkey;
ALTER TABLE conversation_status_changes DROP CONSTRAINT conversation_status_changes_conversation_id_fkey;

-- The trigger's first argument names the table written rows point at
-- (`contacts` or `conversations`), the others the columns that hold its ids.
CREATE FUNCTION referenced_rows_exist() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    id_column text;
    referenced bigint;
BEGIN
    FOREACH id_column IN ARRAY TG_ARGV[1:] LOOP
        referenced := CAST(to_jsonb(NEW) ->> id_column AS bigint);
        CONTINUE WHEN referenced IS NULL;
        IF TG_ARGV[0] = 'conversations' THEN
            PERFORM FROM conversations WHERE id = referenced FOR KEY SHARE;
        ELSE
            PERFORM FROM contacts WHERE id = referenced FOR KEY SHARE;
        END IF;
        IF NOT FOUND THEN
            RAISE foreign_key_violation USING MESSAGE = format(
                'insert or update on table "%s" violates its key: %s = %s is not in "%s"',
                TG_TABLE_NAME, id_column, referenced, TG_ARGV[0]);
        END IF;
    END LOOP;
    RETURN NULL;
END $$;

CREATE CONSTRAINT TRIGGER contact_channels_contact
    AFTER INSERT OR UPDATE OF contact_id ON contact_channels
    FOR EACH ROW EXECUTE FUNCTION referenced_rows_exist('contacts', 'contact_id');
CREATE CONSTRAINT TRIGGER conversations_contact
    AFTER INSERT OR UPDATE OF contact_id ON conversations
    FOR EACH ROW EXECUTE FUNCTION referenced_rows_exist('contacts', 'contact_id');
CREATE CONSTRAINT TRIGGER contact_tags_contact
    AFTER INSERT OR UPDATE OF contact_id ON contact_tags
    FOR EACH ROW EXECUTE FUNCTION referenced_rows_exist('contacts', 'contact_id');
CREATE CONSTRAINT TRIGGER custom_values_contact
    AFTER INSERT OR UPDATE OF contact_id ON custom_values
    FOR EACH ROW EXECUTE FUNCTION referenced_rows_exist('contacts', 'contact_id');
CREATE CONSTRAINT TRIGGER contact_block_events_contact
    AFTER INSERT OR UPDATE OF contact_id ON contact_block_events
    FOR EACH ROW EXECUTE FUNCTION referenced_rows_exist('contacts', 'contact_id');
CREATE CONSTRAINT TRIGGER active_contacts_contact
    AFTER INSERT OR UPDATE OF contact_id ON active_contacts
    FOR EACH ROW EXECUTE FUNCTION referenced_rows_exist('contacts', 'contact_id');
CREATE CONSTRAINT TRIGGER workflow_runs_contact
    AFTER INSERT OR UPDATE OF contact_id ON workflow_runs
    FOR EACH ROW EXECUTE FUNCTION referenced_rows_exist('contacts', 'contact_id');
CREATE CONSTRAINT TRIGGER merge_dismissals_contacts
    AFTER INSERT OR UPDATE OF contact_a, contact_b ON merge_dismissals
    FOR EACH ROW EXECUTE FUNCTION referenced_rows_exist('contacts', 'contact_a', 'contact_b');
CREATE CONSTRAINT TRIGGER contacts_merged_into
    AFTER INSERT OR UPDATE OF merged_into ON contacts
    FOR EACH ROW WHEN (NEW.merged_into IS NOT NULL)
    EXECUTE FUNCTION referenced_rows_exist('contacts', 'merged_into');
CREATE CONSTRAINT TRIGGER messages_conversation
    AFTER INSERT OR UPDATE OF conversation_id ON messages
    FOR EACH ROW EXECUTE FUNCTION referenced_rows_exist('conversations', 'conversation_id');
CREATE CONSTRAINT TRIGGER conversation_reads_conversation
    AFTER INSERT OR UPDATE OF conversation_id ON conversation_reads
    FOR EACH ROW EXECUTE FUNCTION referenced_rows_exist('conversations', 'conversation_id');
CREATE CONSTRAINT TRIGGER conversation_status_changes_conversation
    AFTER INSERT OR UPDATE OF conversation_id ON conversation_status_changes
    FOR EACH ROW EXECUTE FUNCTION referenced_rows_exist('conversations', 'conversation_id');

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
