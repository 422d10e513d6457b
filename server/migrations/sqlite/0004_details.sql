-- The contact-details drawer: each workspace's order of the contact fields
-- (R20), as a JSON array of field keys. Without a row the default order
-- applies.
CREATE TABLE field_orders (
    workspace_id  INTEGER PRIMARY KEY REFERENCES workspaces(id) ON DELETE CASCADE,
    keys          TEXT    NOT NULL
);
