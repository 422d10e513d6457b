-- The dashboard's suggestions start from a workspace's dismissed pairs
-- (how many pairs of each duplicate group are marked "Not a duplicate").
CREATE INDEX merge_dismissals_by_workspace ON merge_dismissals(workspace_id);
