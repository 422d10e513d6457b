-- The Inbox: read markers, hidden messages of blocked contacts, status
-- history, monthly active contacts, block history and workflow runs.
-- Times are unix seconds (UTC).

-- Messages of a blocked contact are kept but hidden (R27) until unblocked
-- (R28); `while_blocked` stays as the mark that they arrived meanwhile.
ALTER TABLE messages ADD COLUMN hidden INTEGER NOT NULL DEFAULT 0;

-- The newest message each user has seen in a conversation.
CREATE TABLE conversation_reads (
    conversation_id       INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
    user_id               INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    last_read_message_id  INTEGER NOT NULL,
    PRIMARY KEY (conversation_id, user_id)
);

-- Every status a conversation went through, e.g. closed then blocked (R27).
CREATE TABLE conversation_status_changes (
    id               INTEGER PRIMARY KEY,
    conversation_id  INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
    status           TEXT    NOT NULL CHECK (status IN ('open', 'closed', 'blocked')),
    changed_by       INTEGER REFERENCES users(id) ON DELETE SET NULL,
    changed_at       INTEGER NOT NULL
);
CREATE INDEX conversation_status_changes_by_conversation
    ON conversation_status_changes(conversation_id, id);

-- Who blocked or unblocked a contact, and when.
CREATE TABLE contact_block_events (
    id          INTEGER PRIMARY KEY,
    contact_id  INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
    action      TEXT    NOT NULL CHECK (action IN ('block', 'unblock')),
    by_user     INTEGER REFERENCES users(id) ON DELETE SET NULL,
    at          INTEGER NOT NULL
);
CREATE INDEX contact_block_events_by_contact ON contact_block_events(contact_id, id);

-- Monthly active contacts: one row per contact that counts in a billing
-- period ('YYYY-MM', UTC calendar month). Written with each message.
CREATE TABLE active_contacts (
    workspace_id  INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    period        TEXT    NOT NULL,
    contact_id    INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
    PRIMARY KEY (workspace_id, period, contact_id)
);

-- Automation runs per contact (minimal model).
CREATE TABLE workflow_runs (
    id           INTEGER PRIMARY KEY,
    contact_id   INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
    name         TEXT    NOT NULL,
    status       TEXT    NOT NULL CHECK (status IN ('running', 'stopped', 'finished')),
    started_at   INTEGER NOT NULL,
    stopped_at   INTEGER,
    stop_reason  TEXT
);
CREATE INDEX workflow_runs_by_contact ON workflow_runs(contact_id, status);

CREATE INDEX conversations_by_assignee ON conversations(workspace_id, assignee_id, last_message_at);
