-- Times become timestamptz and JSON documents jsonb, the types a
-- PostgreSQL user reads and queries them with. The storage code still
-- binds and reads a time as unix seconds: statements write
-- `to_timestamp($n)` and read `unix_seconds(column)`, and write a
-- document as `json_document($n)` (SQLite, which keeps seconds and text,
-- runs the same statements without these wrappers). Delete and import
-- claims stay milliseconds: they are leases, compared with the clock.

CREATE FUNCTION unix_seconds(t timestamptz) RETURNS bigint
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$ SELECT CAST(floor(extract(epoch FROM t)) AS bigint) $$;

CREATE FUNCTION json_document(document text) RETURNS jsonb
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$ SELECT CAST(document AS jsonb) $$;

-- Derived from times: dropped before the change, made again after it.
DROP TRIGGER contact_counts_update ON contacts;
DROP TRIGGER duplicate_groups_update ON contacts;
DROP INDEX contacts_list_by_activity;
ALTER TABLE contacts DROP COLUMN last_activity;
DROP INDEX conversations_by_recency;

ALTER TABLE workspaces
    ALTER COLUMN created_at TYPE timestamptz USING to_timestamp(created_at);
ALTER TABLE users
    ALTER COLUMN created_at TYPE timestamptz USING to_timestamp(created_at);
ALTER TABLE sign_in_failures
    ALTER COLUMN at TYPE timestamptz USING to_timestamp(at);
ALTER TABLE trusted_devices
    ALTER COLUMN created_at TYPE timestamptz USING to_timestamp(created_at),
    ALTER COLUMN last_used_at TYPE timestamptz USING to_timestamp(last_used_at);
ALTER TABLE channels
    ALTER COLUMN created_at TYPE timestamptz USING to_timestamp(created_at);
ALTER TABLE contacts
    ALTER COLUMN blocked_at TYPE timestamptz USING to_timestamp(blocked_at),
    ALTER COLUMN last_message_at TYPE timestamptz USING to_timestamp(last_message_at),
    ALTER COLUMN created_at TYPE timestamptz USING to_timestamp(created_at),
    ALTER COLUMN updated_at TYPE timestamptz USING to_timestamp(updated_at);
ALTER TABLE contact_channels
    ALTER COLUMN connected_at TYPE timestamptz USING to_timestamp(connected_at);
ALTER TABLE conversations
    ALTER COLUMN last_message_at TYPE timestamptz USING to_timestamp(last_message_at);
ALTER TABLE messages
    ALTER COLUMN sent_at TYPE timestamptz USING to_timestamp(sent_at);
ALTER TABLE tags
    ALTER COLUMN created_at TYPE timestamptz USING to_timestamp(created_at);
ALTER TABLE conversation_status_changes
    ALTER COLUMN changed_at TYPE timestamptz USING to_timestamp(changed_at);
ALTER TABLE contact_block_events
    ALTER COLUMN at TYPE timestamptz USING to_timestamp(at);
ALTER TABLE workflow_runs
    ALTER COLUMN started_at TYPE timestamptz USING to_timestamp(started_at),
    ALTER COLUMN stopped_at TYPE timestamptz USING to_timestamp(stopped_at);
ALTER TABLE delete_jobs
    ALTER COLUMN created_at TYPE timestamptz USING to_timestamp(created_at),
    ALTER COLUMN finished_at TYPE timestamptz USING to_timestamp(finished_at);
ALTER TABLE merges
    ALTER COLUMN merged_at TYPE timestamptz USING to_timestamp(merged_at),
    ALTER COLUMN undone_at TYPE timestamptz USING to_timestamp(undone_at);
ALTER TABLE duplicate_groups
    ALTER COLUMN newest_at TYPE timestamptz USING to_timestamp(newest_at);
ALTER TABLE imports
    ALTER COLUMN created_at TYPE timestamptz USING to_timestamp(created_at),
    ALTER COLUMN started_at TYPE timestamptz USING to_timestamp(started_at),
    ALTER COLUMN finished_at TYPE timestamptz USING to_timestamp(finished_at);
ALTER TABLE exports
    ALTER COLUMN created_at TYPE timestamptz USING to_timestamp(created_at),
    ALTER COLUMN finished_at TYPE timestamptz USING to_timestamp(finished_at);
ALTER TABLE merge_dismissals
    ALTER COLUMN dismissed_at TYPE timestamptz USING to_timestamp(dismissed_at);

ALTER TABLE contacts ADD COLUMN last_activity timestamptz
    GENERATED ALWAYS AS (coalesce(last_message_at, to_timestamp(0))) STORED;
CREATE TRIGGER contact_counts_update AFTER UPDATE OF blocked_at, merged_into ON contacts
    FOR EACH ROW EXECUTE FUNCTION contact_counts_change();
CREATE TRIGGER duplicate_groups_update AFTER UPDATE OF phone, email_key, blocked_at, merged_into ON contacts
    FOR EACH ROW EXECUTE FUNCTION duplicate_groups_change();
CREATE INDEX contacts_list_by_activity ON contacts(workspace_id, last_activity, id);
CREATE INDEX conversations_by_recency
    ON conversations(workspace_id, coalesce(last_message_at, to_timestamp(-1)), id);

ALTER TABLE merges
    ALTER COLUMN contacts TYPE jsonb USING CAST(contacts AS jsonb),
    ALTER COLUMN choices TYPE jsonb USING CAST(choices AS jsonb),
    ALTER COLUMN snapshot TYPE jsonb USING CAST(snapshot AS jsonb);
ALTER TABLE custom_fields ALTER COLUMN options DROP DEFAULT;
ALTER TABLE custom_fields ALTER COLUMN options TYPE jsonb USING CAST(options AS jsonb);
ALTER TABLE custom_fields ALTER COLUMN options SET DEFAULT '[]';
ALTER TABLE field_orders ALTER COLUMN keys TYPE jsonb USING CAST(keys AS jsonb);
ALTER TABLE imports
    ALTER COLUMN headers TYPE jsonb USING CAST(headers AS jsonb),
    ALTER COLUMN settings TYPE jsonb USING CAST(settings AS jsonb);
ALTER TABLE import_rows ALTER COLUMN cells TYPE jsonb USING CAST(cells AS jsonb);
ALTER TABLE exports ALTER COLUMN query TYPE jsonb USING CAST(query AS jsonb);

-- The deletion trigger of 0012, with the merge history's documents as jsonb.
CREATE OR REPLACE FUNCTION contacts_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
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

-- Snapshots taken before this migration hold times as unix seconds; undo
-- puts rows back from the snapshot with the table's types, so those times
-- become the timestamps the columns now hold.
UPDATE merges
   SET snapshot = (
       SELECT jsonb_object_agg(t.key, CASE
                WHEN jsonb_typeof(t.value) <> 'array' OR t.key = 'messages' THEN t.value
                ELSE (SELECT coalesce(jsonb_agg(
                                 (SELECT jsonb_object_agg(f.key, CASE
                                           WHEN f.key LIKE '%\_at' AND jsonb_typeof(f.value) = 'number'
                                           THEN to_jsonb(to_timestamp(CAST(f.value AS double precision)))
                                           ELSE f.value END)
                                    FROM jsonb_each(r.value) f)
                                 ORDER BY r.ordinality), '[]')
                        FROM jsonb_array_elements(t.value) WITH ORDINALITY r)
                END)
         FROM jsonb_each(merges.snapshot) t)
 WHERE snapshot <> '{}';
