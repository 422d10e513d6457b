//! Deleting a contact (R29, R30).

use super::super::{Context, Store};
use super::contact_not_found;
use app::error::AppError;

/// R29, R30: deletes the contact; its conversation, messages, links, tags
/// and values go with it.
pub async fn delete(store: &Store, workspace_id: i64, contact_id: i64) -> Result<(), AppError> {
    let deleted = sqlx::query(
        "DELETE FROM contacts WHERE id = $1 AND workspace_id = $2 AND merged_into IS NULL",
    )
    .bind(contact_id)
    .bind(workspace_id)
    .execute(&store.pool)
    .await
    .context("delete: deleting from contacts")?;
    if deleted.rows_affected() == 0 {
        return Err(contact_not_found());
    }
    Ok(())
}
