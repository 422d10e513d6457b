-- Deleting a contact deletes its monthly activity rows through the foreign
-- key; without an index that starts with the contact, each deletion read
-- the whole table.
CREATE INDEX active_contacts_by_contact ON active_contacts(contact_id);
