-- CSV imports (R35) and whole-workspace exports (R36). Both run as
-- background jobs claimed like delete jobs (claimed_by, claimed_until).

-- An uploaded file and, once checked and started, its import. The file's
-- rows wait in import_rows until a batch has imported them; rows with
-- errors stay, so the error report can repeat them as they were.
CREATE TABLE imports (
    id             INTEGER PRIMARY KEY,
    workspace_id   INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    requested_by   INTEGER REFERENCES users(id) ON DELETE SET NULL,
    file_name      TEXT    NOT NULL,
    encoding       TEXT    NOT NULL,
    delimiter      TEXT    NOT NULL,
    headers        TEXT    NOT NULL,
    total          INTEGER NOT NULL,
    settings       TEXT,
    status         TEXT    NOT NULL DEFAULT 'uploaded'
                   CHECK (status IN ('uploaded', 'checked', 'running', 'done')),
    known_before   INTEGER NOT NULL DEFAULT 0,
    processed      INTEGER NOT NULL DEFAULT 0,
    added          INTEGER NOT NULL DEFAULT 0,
    updated        INTEGER NOT NULL DEFAULT 0,
    skipped        INTEGER NOT NULL DEFAULT 0,
    failed         INTEGER NOT NULL DEFAULT 0,
    claimed_by     TEXT,
    claimed_until  INTEGER,
    created_at     INTEGER NOT NULL,
    started_at     INTEGER,
    finished_at    INTEGER
);
CREATE INDEX imports_by_status ON imports(status, id);
CREATE INDEX imports_by_workspace ON imports(workspace_id, id);

CREATE TABLE import_rows (
    import_id  INTEGER NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
    row_no     INTEGER NOT NULL,
    cells      TEXT    NOT NULL,
    PRIMARY KEY (import_id, row_no)
) WITHOUT ROWID;

CREATE TABLE import_errors (
    import_id    INTEGER NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
    row_no       INTEGER NOT NULL,
    column_name  TEXT    NOT NULL,
    reason       TEXT    NOT NULL
);
CREATE INDEX import_errors_by_row ON import_errors(import_id, row_no);

-- An export of every contact of a workspace (or of those matching a
-- filter). A batch appends one part of the CSV document, in contact id
-- order after last_id.
CREATE TABLE exports (
    id             INTEGER PRIMARY KEY,
    workspace_id   INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    requested_by   INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    query          TEXT    NOT NULL,
    total          INTEGER NOT NULL,
    written        INTEGER NOT NULL DEFAULT 0,
    last_id        INTEGER NOT NULL DEFAULT 0,
    status         TEXT    NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'done')),
    claimed_by     TEXT,
    claimed_until  INTEGER,
    created_at     INTEGER NOT NULL,
    finished_at    INTEGER
);
CREATE INDEX exports_by_status ON exports(status, id);
CREATE INDEX exports_by_workspace ON exports(workspace_id, requested_by, id);

CREATE TABLE export_parts (
    export_id  INTEGER NOT NULL REFERENCES exports(id) ON DELETE CASCADE,
    part       INTEGER NOT NULL,
    content    TEXT    NOT NULL,
    PRIMARY KEY (export_id, part)
) WITHOUT ROWID;
