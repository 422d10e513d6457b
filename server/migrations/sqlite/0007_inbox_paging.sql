-- The conversation list pages by (activity, id), newest first; conversations
-- without messages sort after every other.
DROP INDEX conversations_by_activity;
CREATE INDEX conversations_by_recency
    ON conversations(workspace_id, coalesce(last_message_at, -1), id);
