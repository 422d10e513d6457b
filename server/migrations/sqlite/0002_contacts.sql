-- Contacts and everything hanging off them. Times are unix seconds (UTC).
CREATE TABLE channels (
    id            INTEGER PRIMARY KEY,
    workspace_id  INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    kind          TEXT    NOT NULL,
    name          TEXT    NOT NULL,
    page_url      TEXT,
    token         TEXT    NOT NULL,
    created_at    INTEGER NOT NULL
);
CREATE INDEX channels_by_workspace ON channels(workspace_id);

CREATE TABLE contacts (
    id               INTEGER PRIMARY KEY,
    workspace_id     INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    first_name       TEXT    NOT NULL DEFAULT '',
    last_name        TEXT    NOT NULL DEFAULT '',
    profile_name     TEXT    NOT NULL DEFAULT '',
    avatar_url       TEXT,
    email            TEXT,
    email_key        TEXT,
    phone            TEXT,
    country          TEXT,
    country_manual   INTEGER NOT NULL DEFAULT 0,
    language         TEXT,
    assignee_id      INTEGER REFERENCES users(id) ON DELETE SET NULL,
    blocked_at       INTEGER,
    blocked_by       INTEGER REFERENCES users(id) ON DELETE SET NULL,
    last_message_at  INTEGER,
    created_at       INTEGER NOT NULL,
    updated_at       INTEGER NOT NULL,
    version          INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX contacts_by_created ON contacts(workspace_id, created_at, id);
CREATE INDEX contacts_by_last_message ON contacts(workspace_id, last_message_at, id);
CREATE INDEX contacts_by_phone ON contacts(workspace_id, phone) WHERE phone IS NOT NULL;
CREATE INDEX contacts_by_email ON contacts(workspace_id, email_key) WHERE email_key IS NOT NULL;

CREATE TABLE contact_channels (
    contact_id    INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
    channel_id    INTEGER NOT NULL REFERENCES channels(id) ON DELETE CASCADE,
    external_id   TEXT    NOT NULL,
    connected_at  INTEGER NOT NULL,
    PRIMARY KEY (contact_id, channel_id),
    UNIQUE (channel_id, external_id)
);

CREATE TABLE conversations (
    id               INTEGER PRIMARY KEY,
    workspace_id     INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    contact_id       INTEGER NOT NULL UNIQUE REFERENCES contacts(id) ON DELETE CASCADE,
    status           TEXT    NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed', 'blocked')),
    assignee_id      INTEGER REFERENCES users(id) ON DELETE SET NULL,
    last_message_at  INTEGER
);
CREATE INDEX conversations_by_activity ON conversations(workspace_id, last_message_at);

CREATE TABLE messages (
    id               INTEGER PRIMARY KEY,
    conversation_id  INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
    channel_id       INTEGER REFERENCES channels(id) ON DELETE SET NULL,
    direction        TEXT    NOT NULL CHECK (direction IN ('in', 'out')),
    body             TEXT    NOT NULL,
    external_id      TEXT,
    sent_at          INTEGER NOT NULL,
    while_blocked    INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX messages_by_conversation ON messages(conversation_id, sent_at);
CREATE UNIQUE INDEX messages_by_external_id ON messages(channel_id, external_id) WHERE external_id IS NOT NULL;

CREATE TABLE tags (
    id            INTEGER PRIMARY KEY,
    workspace_id  INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    name          TEXT    NOT NULL,
    name_key      TEXT    NOT NULL,
    created_at    INTEGER NOT NULL,
    UNIQUE (workspace_id, name_key)
);

CREATE TABLE contact_tags (
    contact_id  INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
    tag_id      INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
    PRIMARY KEY (contact_id, tag_id)
);
CREATE INDEX contact_tags_by_tag ON contact_tags(tag_id, contact_id);

CREATE TABLE custom_fields (
    id            INTEGER PRIMARY KEY,
    workspace_id  INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    key           TEXT    NOT NULL,
    label         TEXT    NOT NULL,
    field_type    TEXT    NOT NULL,
    options       TEXT    NOT NULL DEFAULT '[]',
    UNIQUE (workspace_id, key)
);

CREATE TABLE custom_values (
    contact_id  INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
    field_id    INTEGER NOT NULL REFERENCES custom_fields(id) ON DELETE CASCADE,
    value       TEXT    NOT NULL,
    PRIMARY KEY (contact_id, field_id)
);
