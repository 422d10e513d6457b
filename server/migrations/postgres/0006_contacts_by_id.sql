-- Walking a workspace's contacts in id order (the export's batches) reads
-- only that workspace's rows, batch after batch.
CREATE INDEX contacts_by_workspace_id ON contacts(workspace_id, id);
