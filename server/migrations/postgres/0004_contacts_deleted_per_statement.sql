-- A deletion batch removes thousands of contacts in one statement. The
-- counters, the duplicate groups and the merge history now follow once per
-- statement, from the rows it deleted, instead of once per contact: the
-- same rules as the row triggers they replace (0002, 0003), about three
-- times fewer statements per batch.
DROP TRIGGER contact_counts_delete ON contacts;
DROP TRIGGER duplicate_groups_delete ON contacts;
DROP TRIGGER merges_forget_deleted_contact ON contacts;
DROP FUNCTION merges_forget_deleted_contact();

CREATE FUNCTION contacts_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- Contacts that counted (not merged away) leave their workspace's counts.
    UPDATE contact_counts AS c
       SET total = c.total - d.total, blocked = c.blocked - d.blocked
      FROM (SELECT workspace_id, count(*) AS total, count(blocked_at) AS blocked
              FROM gone WHERE merged_into IS NULL GROUP BY workspace_id) AS d
     WHERE c.workspace_id = d.workspace_id;

    -- Suggestable contacts (neither blocked nor merged away) leave their
    -- duplicate groups; emptied groups go.
    UPDATE duplicate_groups AS g SET members = g.members - k.members
      FROM (SELECT workspace_id, kind, value, count(*) AS members FROM (
               SELECT workspace_id, 'phone' AS kind, phone AS value FROM gone
                WHERE phone IS NOT NULL AND blocked_at IS NULL AND merged_into IS NULL
               UNION ALL
               SELECT workspace_id, 'email', email_key FROM gone
                WHERE email_key IS NOT NULL AND blocked_at IS NULL AND merged_into IS NULL
            ) AS keys GROUP BY workspace_id, kind, value) AS k
     WHERE g.workspace_id = k.workspace_id AND g.kind = k.kind AND g.value = k.value;
    DELETE FROM duplicate_groups AS g
     WHERE g.members <= 0
       AND (g.workspace_id, g.kind, g.value) IN (
               SELECT workspace_id, 'phone' AS kind, phone AS value FROM gone
                WHERE phone IS NOT NULL AND blocked_at IS NULL AND merged_into IS NULL
               UNION ALL
               SELECT workspace_id, 'email', email_key FROM gone
                WHERE email_key IS NOT NULL AND blocked_at IS NULL AND merged_into IS NULL);

    -- The merge history forgets deleted contacts: the snapshot (undo is
    -- refused once a contact is gone), their names and the values chosen
    -- from them. The entries stay.
    UPDATE merges
       SET snapshot = '{}',
           contacts = (SELECT CAST(coalesce(jsonb_agg(jsonb_build_object(
                                 'id', c.value -> 'id',
                                 'name', CASE WHEN c.value ->> 'id' IN (SELECT CAST(id AS text) FROM gone)
                                              THEN to_jsonb(text 'Deleted contact')
                                              ELSE c.value -> 'name' END)
                                 ORDER BY c.ordinality), '[]') AS text)
                         FROM jsonb_array_elements(CAST(merges.contacts AS jsonb)) WITH ORDINALITY c),
           choices = (SELECT CAST(coalesce(jsonb_agg(jsonb_build_object(
                                'label', c.value -> 'label',
                                'value', CASE WHEN c.value ->> 'from' IN (SELECT CAST(id AS text) FROM gone)
                                              THEN to_jsonb(text '') ELSE c.value -> 'value' END,
                                'from', c.value -> 'from')
                                ORDER BY c.ordinality), '[]') AS text)
                        FROM jsonb_array_elements(CAST(merges.choices AS jsonb)) WITH ORDINALITY c)
     WHERE id IN (SELECT merge_id FROM merge_members WHERE contact_id IN (SELECT id FROM gone));
    RETURN NULL;
END $$;
CREATE TRIGGER contacts_deleted AFTER DELETE ON contacts
    REFERENCING OLD TABLE AS gone
    FOR EACH STATEMENT EXECUTE FUNCTION contacts_deleted();
