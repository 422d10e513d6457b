//! Blocking, unblocking (R25–R28) and deleting (R29, R30) a contact.

use super::super::{internal, now, SqliteStore};
use super::{contact_not_found, next_version};
use app::error::AppError;

/// R27: marks the contact blocked; its conversation is closed, then blocked.
pub async fn block(
    store: &SqliteStore,
    workspace_id: i64,
    contact_id: i64,
    by_user: i64,
) -> Result<(), AppError> {
    let mut tx = store.pool.begin().await.map_err(internal)?;
    next_version(&mut tx, workspace_id, contact_id, None).await?;
    sqlx::query("UPDATE contacts SET blocked_at = ?, blocked_by = ? WHERE id = ?")
        .bind(now())
        .bind(by_user)
        .bind(contact_id)
        .execute(&mut *tx)
        .await
        .map_err(internal)?;
    for status in ["closed", "blocked"] {
        sqlx::query("UPDATE conversations SET status = ? WHERE contact_id = ?")
            .bind(status)
            .bind(contact_id)
            .execute(&mut *tx)
            .await
            .map_err(internal)?;
    }
    tx.commit().await.map_err(internal)
}

/// R28: clears the block; the conversation stays closed.
pub async fn unblock(
    store: &SqliteStore,
    workspace_id: i64,
    contact_id: i64,
) -> Result<(), AppError> {
    let mut tx = store.pool.begin().await.map_err(internal)?;
    next_version(&mut tx, workspace_id, contact_id, None).await?;
    sqlx::query("UPDATE contacts SET blocked_at = NULL, blocked_by = NULL WHERE id = ?")
        .bind(contact_id)
        .execute(&mut *tx)
        .await
        .map_err(internal)?;
    sqlx::query("UPDATE conversations SET status = 'closed' WHERE contact_id = ?")
        .bind(contact_id)
        .execute(&mut *tx)
        .await
        .map_err(internal)?;
    tx.commit().await.map_err(internal)
}

/// R29, R30: deletes the contact; its conversation, messages, links, tags
/// and values go with it.
pub async fn delete(
    store: &SqliteStore,
    workspace_id: i64,
    contact_id: i64,
) -> Result<(), AppError> {
    let deleted = sqlx::query("DELETE FROM contacts WHERE id = ? AND workspace_id = ?")
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
