-- "Not a duplicate" (R16): a pair of contacts a member said are different
-- people is never suggested as a merge again. Kept per pair, the smaller id
-- first. Deleting either contact deletes the pair; a merged-away contact
-- keeps its pairs, so they hold again after an undo.
CREATE TABLE merge_dismissals (
    workspace_id  bigint NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    contact_a     bigint NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
    contact_b     bigint NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
    dismissed_by  bigint REFERENCES users(id) ON DELETE SET NULL,
    dismissed_at  bigint NOT NULL,
    PRIMARY KEY (contact_a, contact_b),
    CHECK (contact_a < contact_b)
);
-- Deleting a contact finds its pairs from either side.
CREATE INDEX merge_dismissals_by_b ON merge_dismissals(contact_b);
