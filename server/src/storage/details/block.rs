//! Blocking, unblocking (R25–R28) and deleting (R29, R30) a contact.

use super::super::{internal, now, SqliteStore};
use super::{contact_not_found, next_version};
use app::error::AppError;

/// R27: blocks the contact with everything blocking does (see
/// [`SqliteStore::block_contact`]) and moves its version on, so an open
/// drawer elsewhere learns of the change.
pub async fn block(
    store: &SqliteStore,
    workspace_id: i64,
    contact_id: i64,
    by_user: i64,
) -> Result<(), AppError> {
    store
        .block_contact(workspace_id, contact_id, by_user, now())
        .await?;
    bump_version(store, workspace_id, contact_id).await
}

/// R28: unblocks the contact (see [`SqliteStore::unblock_contact`]); the
/// conversation stays closed.
pub async fn unblock(
    store: &SqliteStore,
    workspace_id: i64,
    contact_id: i64,
    by_user: i64,
) -> Result<(), AppError> {
    store
        .unblock_contact(workspace_id, contact_id, by_user, now())
        .await?;
    bump_version(store, workspace_id, contact_id).await
}

async fn bump_version(
    store: &SqliteStore,
    workspace_id: i64,
    contact_id: i64,
) -> Result<(), AppError> {
    let mut tx = store.pool.begin().await.map_err(internal)?;
    next_version(&mut tx, workspace_id, contact_id, None).await?;
    tx.commit().await.map_err(internal)
}

/// R29, R30: deletes the contact; its conversation, messages, links, tags
/// and values go with it.
pub async fn delete(
    store: &SqliteStore,
    workspace_id: i64,
    contact_id: i64,
) -> Result<(), AppError> {
    let deleted = sqlx::query(
        "DELETE FROM contacts WHERE id = ? AND workspace_id = ? AND merged_into IS NULL",
    )
    .bind(contact_id)
    .bind(workspace_id)
    .execute(&store.pool)
    .await
    .map_err(internal)?;
    if deleted.rows_affected() == 0 {
        return Err(contact_not_found());
    }
    Ok(())
}
