-- A deletion batch's contacts leave their duplicate groups in one pass: a
-- group they empty is deleted at once instead of being counted down to
-- zero first and deleted by a second statement (most groups have a single
-- member, so that was two writes of almost every group a batch touched).
-- The counters and the merge history follow as in 0004.
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
