//! R14: undoing a merge restores every row of its contacts from the
//! snapshot; messages that arrived after the merge go back to the contact
//! whose channel they came in on.

use super::snapshot;
use crate::storage::sql::ids_json;
use crate::storage::sql::Flag;
use crate::storage::{Context, Dialect, Store, WriteScope};
use app::error::{AppError, Missing};
use app::layout::reader_language;
use app::ssr::Actor;
use shared::merge::{undo_refusal, MergeState};
use sqlx::AnyConnection;
use std::collections::BTreeMap;

/// A stored merge: its contacts and when it happened.
#[derive(Debug, sqlx::FromRow)]
pub(super) struct StoredMerge {
    pub id: i64,
    pub survivor_id: i64,
    pub merged_at: i64,
    pub undone_at: Option<i64>,
}

/// The contact ids of a merge.
pub(super) async fn members(conn: &mut AnyConnection, merge_id: i64) -> Result<Vec<i64>, AppError> {
    let rows: Vec<(i64,)> = sqlx::query_as(
        "SELECT contact_id FROM merge_members WHERE merge_id = $1 ORDER BY contact_id",
    )
    .bind(merge_id)
    .fetch_all(&mut *conn)
    .await
    .context("members: reading merge_members")?;
    Ok(rows.into_iter().map(|(id,)| id).collect())
}

/// What happened to the merge's contacts since (R14).
pub(super) async fn state(
    conn: &mut AnyConnection,
    merge: &StoredMerge,
) -> Result<MergeState, AppError> {
    let members = members(conn, merge.id).await?;
    let ids = ids_json(&members);
    let (present, blocked_survivor): (i64, i64) = sqlx::query_as(
        "SELECT COUNT(*), COUNT(CASE WHEN id = $2 AND blocked_at IS NOT NULL THEN 1 END)
           FROM contacts WHERE id IN (SELECT value FROM json_each($1))",
    )
    .bind(&ids)
    .bind(merge.survivor_id)
    .fetch_one(&mut *conn)
    .await
    .context("state: reading contacts")?;
    let (Flag(merged_again),): (Flag,) = sqlx::query_as(
        "SELECT EXISTS (SELECT 1 FROM merge_members mm JOIN merges m ON m.id = mm.merge_id
                         WHERE mm.contact_id IN (SELECT value FROM json_each($1))
                           AND m.id > $2 AND m.undone_at IS NULL)",
    )
    .bind(&ids)
    .bind(merge.id)
    .fetch_one(&mut *conn)
    .await
    .context("state: reading merge_members")?;
    Ok(MergeState {
        undone: merge.undone_at.is_some(),
        contact_deleted: usize::try_from(present).unwrap_or(0) < members.len(),
        merged_again,
        blocked: blocked_survivor > 0,
    })
}

/// Undoes the merge; returns its contacts.
pub(super) async fn undo(
    store: &Store,
    workspace_id: i64,
    actor: &Actor,
    merge_id: i64,
) -> Result<Vec<i64>, AppError> {
    let mut tx = store
        .begin_write(WriteScope::Workspace(workspace_id))
        .await
        .context("undo: starting a write transaction")?;
    let merge: StoredMerge = sqlx::query_as(&store.dialect.sql(
        "SELECT id, survivor_id, unix_seconds(merged_at) AS merged_at,
                unix_seconds(undone_at) AS undone_at
           FROM merges WHERE id = $1 AND workspace_id = $2",
    ))
    .bind(merge_id)
    .bind(workspace_id)
    .fetch_optional(&mut *tx)
    .await
    .context("undo: reading merges")?
    .ok_or_else(|| AppError::not_found(Missing::Merge))?;
    let at = store.now();
    if let Some(refusal) = undo_refusal(merge.merged_at, at, state(&mut tx, &merge).await?) {
        return Err(AppError::Conflict(refusal.reason(reader_language()).into()));
    }
    let (stored,): (String,) =
        sqlx::query_as("SELECT CAST(snapshot AS text) FROM merges WHERE id = $1")
            .bind(merge.id)
            .fetch_one(&mut *tx)
            .await
            .context("undo: reading merges")?;
    let snapshot: serde_json::Value = serde_json::from_str(&stored).map_err(|error| {
        tracing::error!(%error, merge_id, "stored merge snapshot is not JSON");
        AppError::Internal
    })?;
    let contact_ids = members(&mut tx, merge.id).await?;
    snapshot::restore(&mut tx, &contact_ids, &snapshot).await?;
    return_new_messages(&mut tx, &contact_ids, merge.survivor_id, &snapshot).await?;
    sqlx::query(&store.dialect.sql(
        "UPDATE merges SET undone_by = $1, undone_by_name = $2, undone_at = to_timestamp($3)
          WHERE id = $4",
    ))
    .bind(actor.user_id)
    .bind(&actor.name)
    .bind(at)
    .bind(merge.id)
    .execute(&mut *tx)
    .await
    .context("undo: updating merges")?;
    tx.commit().await.context("undo: committing")?;
    tracing::info!(merge_id, ?contact_ids, "merge undone");
    Ok(contact_ids)
}

/// Messages the snapshot does not know arrived after the merge: each goes
/// to the contact that was linked on its channel (the survivor when both
/// were, or when none was), and its conversation's times follow.
async fn return_new_messages(
    conn: &mut AnyConnection,
    contact_ids: &[i64],
    survivor_id: i64,
    snapshot: &serde_json::Value,
) -> Result<(), AppError> {
    let ids = ids_json(contact_ids);
    let known = snapshot::message_ids(snapshot);
    let owners = channel_owners(snapshot, survivor_id);
    let linked: Vec<i64> = owners.keys().copied().collect();
    // Messages on channels nobody was linked on go to the survivor first;
    // then each linked channel's messages go to the contact linked on it.
    let moves = std::iter::once((None, survivor_id)).chain(
        owners
            .into_iter()
            .map(|(channel, owner)| (Some(channel), owner)),
    );
    for (channel, owner) in moves {
        sqlx::query(
            "UPDATE messages SET conversation_id = coalesce(
                 (SELECT v.id FROM conversations v WHERE v.contact_id = $3), conversation_id)
              WHERE conversation_id IN (SELECT id FROM conversations
                                         WHERE contact_id IN (SELECT value FROM json_each($1)))
                AND id NOT IN (SELECT value FROM json_each($2))
                AND CASE WHEN $4 IS NULL
                         THEN channel_id IS NULL OR channel_id NOT IN (SELECT value FROM json_each($5))
                         ELSE channel_id = $4 END",
        )
        .bind(&ids)
        .bind(&known)
        .bind(owner)
        .bind(channel)
        .bind(ids_json(&linked))
        .execute(&mut *conn)
        .await
        .context("return_new_messages: updating messages")?;
    }
    for sql in [
        "UPDATE conversations SET last_message_at = (
                SELECT CASE WHEN max(m.sent_at) > coalesce(conversations.last_message_at, to_timestamp(0))
                            THEN max(m.sent_at)
                            ELSE coalesce(conversations.last_message_at, to_timestamp(0)) END
                  FROM messages m WHERE m.conversation_id = conversations.id)
          WHERE contact_id IN (SELECT value FROM json_each($1))
            AND EXISTS (SELECT 1 FROM messages WHERE conversation_id = conversations.id
                          AND id NOT IN (SELECT value FROM json_each($2)))",
        "UPDATE contacts SET last_message_at = (SELECT last_message_at FROM conversations
                                                 WHERE contact_id = contacts.id)
          WHERE id IN (SELECT value FROM json_each($1))
            AND EXISTS (SELECT 1 FROM messages m JOIN conversations v ON v.id = m.conversation_id
                         WHERE v.contact_id = contacts.id
                           AND m.id NOT IN (SELECT value FROM json_each($2)))",
    ] {
        sqlx::query(&Dialect::of(conn).sql(sql))
            .bind(&ids)
            .bind(&known)
            .execute(&mut *conn)
            .await
            .context("return_new_messages")?;
    }
    Ok(())
}

/// Per channel, the contact the snapshot had linked on it: the survivor
/// when both were.
fn channel_owners(snapshot: &serde_json::Value, survivor_id: i64) -> BTreeMap<i64, i64> {
    let mut owners = BTreeMap::new();
    let links = snapshot
        .get("contact_channels")
        .and_then(serde_json::Value::as_array)
        .into_iter()
        .flatten();
    for link in links {
        let field = |name: &str| link.get(name).and_then(serde_json::Value::as_i64);
        if let (Some(channel), Some(contact)) = (field("channel_id"), field("contact_id")) {
            let owner = owners.entry(channel).or_insert(contact);
            if contact == survivor_id {
                *owner = contact;
            }
        }
    }
    owners
}
