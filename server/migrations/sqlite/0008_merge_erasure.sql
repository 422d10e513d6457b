-- Deleting a contact erases what the merge history kept of it: the merge's
-- snapshot (every row it touched; undo is refused once a contact is gone),
-- the contact's name in the merge, and the values chosen from it. The entry
-- itself stays, so the history still shows who merged and when.
CREATE TRIGGER merges_forget_deleted_contact AFTER DELETE ON contacts
WHEN EXISTS (SELECT 1 FROM merge_members WHERE contact_id = OLD.id)
BEGIN
    UPDATE merges
       SET snapshot = '{}',
           contacts = (SELECT json_group_array(json_object(
                                 'id', c.value ->> 'id',
                                 'name', CASE WHEN c.value ->> 'id' = OLD.id THEN 'Deleted contact'
                                              ELSE c.value ->> 'name' END))
                         FROM json_each(merges.contacts) c),
           choices = (SELECT json_group_array(json_object(
                                'label', c.value ->> 'label',
                                'value', CASE WHEN c.value ->> 'from' = OLD.id THEN ''
                                              ELSE c.value ->> 'value' END,
                                'from', c.value ->> 'from'))
                        FROM json_each(merges.choices) c)
     WHERE id IN (SELECT merge_id FROM merge_members WHERE contact_id = OLD.id);
END;
