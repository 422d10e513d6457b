-- Users, workspaces and who may do what where.
CREATE TABLE workspaces (
    id          INTEGER PRIMARY KEY,
    name        TEXT    NOT NULL,
    created_at  INTEGER NOT NULL
);

CREATE TABLE users (
    id             INTEGER PRIMARY KEY,
    email          TEXT    NOT NULL,
    email_key      TEXT    NOT NULL UNIQUE,
    name           TEXT    NOT NULL,
    password_hash  TEXT    NOT NULL,
    created_at     INTEGER NOT NULL
);

CREATE TABLE memberships (
    workspace_id  INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    user_id       INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    role          TEXT    NOT NULL CHECK (role IN ('owner', 'manager', 'agent')),
    PRIMARY KEY (workspace_id, user_id)
);
CREATE INDEX memberships_by_user ON memberships(user_id);

-- Failed sign-ins, to slow down guessing per account and per client.
CREATE TABLE sign_in_failures (
    id         INTEGER PRIMARY KEY,
    email_key  TEXT    NOT NULL,
    client     TEXT    NOT NULL,
    at         INTEGER NOT NULL
);
CREATE INDEX sign_in_failures_by_email ON sign_in_failures(email_key, at);
CREATE INDEX sign_in_failures_by_client ON sign_in_failures(client, at);
