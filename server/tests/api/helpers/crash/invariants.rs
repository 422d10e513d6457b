//! What must hold in the database after every kill, whatever the kill cut
//! off: counters equal a recount, duplicate groups equal a rebuild, a merge
//! is all or nothing, a message is stored at most once and never lost once
//! confirmed, a job's progress matches what it did, and a workspace no work
//! touches stays as it was. Read in one transaction, so the check sees one
//! moment of the database.

use super::workload::{external_id, Ledger};
use super::world::{bystander_rows, message_ids, MergePair, World, OTHER_SENDER};
use crate::helpers::TestApp;
use server::storage::Dialect;
use sqlx::{AnyConnection, Connection};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

/// What the check saw of the work under way, for the round's report.
pub struct Seen {
    /// A running deletion: contacts deleted, of how many.
    pub deletion: Option<(i64, i64)>,
    /// A running import: rows handled, of how many.
    pub import: Option<(i64, i64)>,
    pub pair_merged: bool,
}

impl fmt::Display for Seen {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.deletion {
            Some((deleted, total)) => write!(f, "deletion at {deleted} of {total}")?,
            None => write!(f, "no deletion running")?,
        }
        match self.import {
            Some((processed, total)) => write!(f, ", import at {processed} of {total} rows")?,
            None => write!(f, ", no import running")?,
        }
        let pair = if self.pair_merged { "merged" } else { "apart" };
        write!(f, ", pair {pair}")
    }
}

pub async fn check(app: &TestApp, world: &World, ledger: &Ledger) -> Seen {
    let pool = app.pool();
    let dialect = app.backend.store.dialect();
    let mut tx = match dialect {
        Dialect::Sqlite => pool.begin().await,
        Dialect::Postgres => {
            pool.begin_with("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
                .await
        }
    }
    .expect("a read transaction");
    counters_match_a_recount(&mut tx).await;
    duplicate_groups_match_a_rebuild(&mut tx).await;
    merges_are_all_or_nothing(&mut tx).await;
    let pair_merged = merge_pair_is_whole(&mut tx, &world.pair).await;
    messages_are_stored_once(&mut tx, world, ledger).await;
    let deletion = deletions_add_up(&mut tx, world.demo).await;
    let import = imports_add_up(&mut tx, world.acme, ledger).await;
    assert_eq!(
        bystander_rows(&mut tx, world.bystander).await,
        world.bystander_rows,
        "the workspace no work touches changed"
    );
    tx.rollback().await.expect("end the read transaction");
    if dialect == Dialect::Sqlite {
        sqlite_file_is_sound(app.backend.store.url()).await;
    }
    Seen {
        deletion,
        import,
        pair_merged,
    }
}

/// `contact_counts` (kept by triggers) equals a count of the contacts:
/// merged-away ones do not count.
async fn counters_match_a_recount(conn: &mut AnyConnection) {
    let rows: Vec<(i64, i64, i64, i64, i64)> = sqlx::query_as(
        "SELECT w.id, coalesce(cc.total, -1), coalesce(cc.blocked, -1),
                (SELECT COUNT(*) FROM contacts c
                  WHERE c.workspace_id = w.id AND c.merged_into IS NULL),
                (SELECT COUNT(*) FROM contacts c
                  WHERE c.workspace_id = w.id AND c.merged_into IS NULL AND c.blocked_at IS NOT NULL)
           FROM workspaces w LEFT JOIN contact_counts cc ON cc.workspace_id = w.id
          ORDER BY w.id",
    )
    .fetch_all(&mut *conn)
    .await
    .expect("contact counts");
    for (workspace, total, blocked, counted, counted_blocked) in rows {
        assert_eq!(
            (total, blocked),
            (counted, counted_blocked),
            "contact_counts of workspace {workspace} (total, blocked) against a recount"
        );
    }
}

/// `duplicate_groups` (kept by triggers) equals the groups rebuilt from the
/// contacts, as `storage::merges::rebuild_duplicate_groups` builds them.
/// `newest_at` is left out: it only grows while a group lives (a contact
/// leaving does not lower it), so a rebuild may differ there by design.
async fn duplicate_groups_match_a_rebuild(conn: &mut AnyConnection) {
    let stored = groups(
        conn,
        "SELECT workspace_id, kind, value, members FROM duplicate_groups",
    )
    .await;
    let rebuilt = groups(
        conn,
        "SELECT workspace_id, CAST('phone' AS TEXT), phone, COUNT(*) FROM contacts
          WHERE phone IS NOT NULL AND blocked_at IS NULL AND merged_into IS NULL
          GROUP BY workspace_id, phone
         UNION ALL
         SELECT workspace_id, CAST('email' AS TEXT), email_key, COUNT(*) FROM contacts
          WHERE email_key IS NOT NULL AND blocked_at IS NULL AND merged_into IS NULL
          GROUP BY workspace_id, email_key",
    )
    .await;
    let only_stored: Vec<_> = stored.difference(&rebuilt).take(10).collect();
    let only_rebuilt: Vec<_> = rebuilt.difference(&stored).take(10).collect();
    assert!(
        only_stored.is_empty() && only_rebuilt.is_empty(),
        "duplicate_groups differ from a rebuild: stored only {only_stored:?}, rebuilt only {only_rebuilt:?}"
    );
}

async fn groups(conn: &mut AnyConnection, sql: &str) -> BTreeSet<(i64, String, String, i64)> {
    sqlx::query_as(sql)
        .fetch_all(&mut *conn)
        .await
        .expect("duplicate groups")
        .into_iter()
        .collect()
}

/// No contact is half merged: a merged-away contact holds no messages and
/// was merged by a merge that is not undone; every member of such a merge
/// is merged into its survivor.
async fn merges_are_all_or_nothing(conn: &mut AnyConnection) {
    for (what, sql) in [
        (
            "merged-away contacts still holding messages",
            "SELECT DISTINCT c.id FROM contacts c
               JOIN conversations v ON v.contact_id = c.id
               JOIN messages m ON m.conversation_id = v.id
              WHERE c.merged_into IS NOT NULL ORDER BY c.id",
        ),
        (
            "merged-away contacts without a merge that is not undone",
            "SELECT c.id FROM contacts c
              WHERE c.merged_into IS NOT NULL AND NOT EXISTS (
                    SELECT 1 FROM merges m JOIN merge_members mm ON mm.merge_id = m.id
                     WHERE mm.contact_id = c.id AND m.survivor_id = c.merged_into
                       AND m.undone_at IS NULL)
              ORDER BY c.id",
        ),
        (
            "merges not undone whose contacts are not merged into the survivor",
            "SELECT DISTINCT m.id FROM merges m
               JOIN merge_members mm ON mm.merge_id = m.id
               JOIN contacts c ON c.id = mm.contact_id
              WHERE m.undone_at IS NULL AND c.id <> m.survivor_id
                AND (c.merged_into IS NULL OR c.merged_into <> m.survivor_id)
              ORDER BY m.id",
        ),
    ] {
        let ids: Vec<i64> = sqlx::query_scalar(sql)
            .fetch_all(&mut *conn)
            .await
            .expect("merge check");
        assert!(ids.is_empty(), "{what}: {ids:?}");
    }
}

/// The pair is either merged, with every message and the other's channel
/// link on the survivor, or apart, each with exactly its own messages and
/// link. Returns whether it is merged.
async fn merge_pair_is_whole(conn: &mut AnyConnection, pair: &MergePair) -> bool {
    let merged_into: Option<i64> =
        sqlx::query_scalar("SELECT merged_into FROM contacts WHERE id = $1")
            .bind(pair.other)
            .fetch_one(&mut *conn)
            .await
            .expect("the pair");
    let open_merges: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM merges WHERE survivor_id = $1 AND undone_at IS NULL",
    )
    .bind(pair.survivor)
    .fetch_one(&mut *conn)
    .await
    .expect("open merges");
    let linked: i64 =
        sqlx::query_scalar("SELECT contact_id FROM contact_channels WHERE external_id = $1")
            .bind(OTHER_SENDER)
            .fetch_one(&mut *conn)
            .await
            .expect("the other's link");
    let survivor_has = message_ids(conn, pair.survivor).await;
    let other_has = message_ids(conn, pair.other).await;
    let merged = merged_into.is_some();
    if merged {
        assert_eq!(merged_into, Some(pair.survivor), "merged into the survivor");
        let mut all = [pair.survivor_messages.clone(), pair.other_messages.clone()].concat();
        all.sort_unstable();
        assert_eq!(survivor_has, all, "the survivor holds every message");
        assert!(
            other_has.is_empty(),
            "the merged-away contact holds messages"
        );
        assert_eq!(linked, pair.survivor, "the other's channel link moved");
    } else {
        assert_eq!(
            survivor_has, pair.survivor_messages,
            "the survivor's own messages"
        );
        assert_eq!(other_has, pair.other_messages, "the other's own messages");
        assert_eq!(linked, pair.other, "the other's channel link is back");
    }
    assert_eq!(
        open_merges,
        i64::from(merged),
        "merges of the pair not undone"
    );
    merged
}

/// Every ingress message is stored at most once; every message a server
/// confirmed is stored.
async fn messages_are_stored_once(conn: &mut AnyConnection, world: &World, ledger: &Ledger) {
    let stored: BTreeMap<String, i64> = sqlx::query_as(
        "SELECT external_id, COUNT(*) FROM messages
          WHERE channel_id = $1 AND external_id LIKE 'crash-%' GROUP BY external_id",
    )
    .bind(world.channel.id)
    .fetch_all(&mut *conn)
    .await
    .expect("stored messages")
    .into_iter()
    .collect();
    for (id, copies) in &stored {
        assert_eq!(*copies, 1, "message {id} is stored {copies} times");
    }
    for (number, confirmed) in &ledger.messages {
        let stored_once = stored.contains_key(&external_id(*number));
        assert!(
            stored_once || !confirmed,
            "message {number} was confirmed but is not stored"
        );
    }
    assert!(
        stored.len() <= ledger.messages.len(),
        "more messages stored than posted"
    );
}

/// Every deletion's counter equals the contacts it has deleted: the
/// contacts still listed for it exist, and there are `total - deleted` of
/// them. Returns the running deletion's progress, if any.
async fn deletions_add_up(conn: &mut AnyConnection, demo: i64) -> Option<(i64, i64)> {
    let jobs: Vec<(i64, i64, i64, String, i64)> = sqlx::query_as(
        "SELECT j.id, j.deleted, j.total, j.status,
                (SELECT COUNT(*) FROM delete_job_contacts d WHERE d.job_id = j.id)
           FROM delete_jobs j WHERE j.workspace_id = $1 ORDER BY j.id",
    )
    .bind(demo)
    .fetch_all(&mut *conn)
    .await
    .expect("delete jobs");
    let mut running = None;
    for (id, deleted, total, status, left) in jobs {
        assert_eq!(
            total - deleted,
            left,
            "deletion {id}: {deleted} of {total} deleted, {left} left to delete"
        );
        if status == "running" {
            running = Some((deleted, total));
        }
    }
    let gone: Vec<i64> = sqlx::query_scalar(
        "SELECT d.contact_id FROM delete_job_contacts d
          WHERE NOT EXISTS (SELECT 1 FROM contacts c WHERE c.id = d.contact_id)
          ORDER BY d.contact_id",
    )
    .fetch_all(&mut *conn)
    .await
    .expect("contacts left to delete");
    assert!(
        gone.is_empty(),
        "contacts deleted but still listed as left to delete: {gone:?}"
    );
    running
}

/// Every import's counters equal what it did: rows handled, contacts added
/// (they carry the file's last name), rows refused (with their errors),
/// rows still waiting; a finished import matches its file. Returns the
/// running import's progress, if any.
async fn imports_add_up(
    conn: &mut AnyConnection,
    acme: i64,
    ledger: &Ledger,
) -> Option<(i64, i64)> {
    type Row = (i64, String, String, i64, i64, i64, i64, i64, i64);
    let imports: Vec<Row> = sqlx::query_as(
        "SELECT id, file_name, status, total, processed, added, updated, skipped, failed
           FROM imports WHERE workspace_id = $1 ORDER BY id",
    )
    .bind(acme)
    .fetch_all(&mut *conn)
    .await
    .expect("imports");
    let mut running = None;
    for (id, name, status, total, processed, added, updated, skipped, failed) in imports {
        let expected = ledger
            .imports
            .get(&name)
            .unwrap_or_else(|| panic!("import {id} of a file nobody uploaded: {name}"));
        let counts = (processed, added, updated, skipped, failed);
        if matches!(status.as_str(), "uploaded" | "checked") {
            assert_eq!(counts, (0, 0, 0, 0, 0), "import {id} has not started");
            continue;
        }
        assert_eq!(
            added + updated + skipped + failed,
            processed,
            "import {id}: every handled row counted once"
        );
        let waiting = count(
            conn,
            "SELECT COUNT(*) FROM import_rows WHERE import_id = $1 AND row_no > $2",
            id,
            processed,
        )
        .await;
        assert_eq!(
            waiting,
            total - processed,
            "import {id}: rows still waiting"
        );
        let refused = count(
            conn,
            "SELECT COUNT(DISTINCT row_no) FROM import_errors WHERE import_id = $1 AND row_no <= $2",
            id,
            processed,
        )
        .await;
        assert_eq!(
            refused, failed,
            "import {id}: refused rows with their errors"
        );
        let imported: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM contacts WHERE workspace_id = $1 AND last_name = $2",
        )
        .bind(acme)
        .bind(&expected.last_name)
        .fetch_one(&mut *conn)
        .await
        .expect("imported contacts");
        assert_eq!(imported, added, "import {id}: contacts added");
        if status == "done" {
            let whole = |value: u64| i64::try_from(value).expect("a count");
            assert_eq!(
                (total, counts),
                (
                    whole(expected.total),
                    (
                        whole(expected.total),
                        whole(expected.added),
                        0,
                        0,
                        whole(expected.failed)
                    )
                ),
                "import {id} of {name} finished with its file's numbers"
            );
        } else {
            running = Some((processed, total));
        }
    }
    running
}

async fn count(conn: &mut AnyConnection, sql: &str, id: i64, up_to: i64) -> i64 {
    sqlx::query_scalar(sql)
        .bind(id)
        .bind(up_to)
        .fetch_one(&mut *conn)
        .await
        .expect("count")
}

/// SQLite's own checks of the file: pages, indexes (the search index
/// against the contacts too) and foreign keys, on a new connection that reads
/// the file as a restarted server does (a pooled connection keeps the search
/// index's structure from before the kill and reports it as malformed).
async fn sqlite_file_is_sound(url: &str) {
    let mut conn = AnyConnection::connect(url).await.expect("open the file");
    let integrity: Vec<String> = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_all(&mut conn)
        .await
        .expect("integrity check");
    assert_eq!(integrity, ["ok"], "SQLite integrity check");
    let broken_keys = sqlx::query("PRAGMA foreign_key_check")
        .fetch_all(&mut conn)
        .await
        .expect("foreign key check");
    assert!(
        broken_keys.is_empty(),
        "SQLite foreign key check: {} rows",
        broken_keys.len()
    );
}
