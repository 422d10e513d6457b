//! R16: "Not a duplicate": pairs of contacts never suggested again, and the
//! condition that keeps a duplicate group out of the suggestions once every
//! pair of its members is dismissed.

use super::rows;
use crate::storage::{Context, Store, WriteScope};
use app::error::AppError;
use app::ssr::Actor;

/// Records every pair of `contact_ids` (smaller id first) as not a
/// duplicate; pairs dismissed before stay as they were.
pub(super) async fn dismiss(
    store: &Store,
    workspace_id: i64,
    actor: &Actor,
    contact_ids: &[i64],
) -> Result<(), AppError> {
    shared::merge::check_contacts(contact_ids).map_err(AppError::input)?;
    let mut tx = store
        .begin_write(WriteScope::Workspace(workspace_id))
        .await
        .context("dismiss: starting a write transaction")?;
    rows::contacts(&mut tx, workspace_id, contact_ids).await?;
    let at = store.now();
    for (index, &first) in contact_ids.iter().enumerate() {
        for &second in &contact_ids[index + 1..] {
            sqlx::query(
                "INSERT INTO merge_dismissals
                        (workspace_id, contact_a, contact_b, dismissed_by, dismissed_at)
                 VALUES ($1, $2, $3, $4, $5) ON CONFLICT (contact_a, contact_b) DO NOTHING",
            )
            .bind(workspace_id)
            .bind(first.min(second))
            .bind(first.max(second))
            .bind(actor.user_id)
            .bind(at)
            .execute(&mut *tx)
            .await
            .context("dismiss: writing merge_dismissals")?;
        }
    }
    tx.commit().await.context("dismiss: committing")?;
    Ok(())
}

/// SQL condition on a `duplicate_groups` row `g`: some pair of its members
/// (suggestable contacts sharing the key) is not dismissed. A group of `n`
/// members has `n (n - 1) / 2` pairs.
pub(super) const UNDISMISSED_PAIR: &str = "
    g.members * (g.members - 1) / 2 > CASE g.kind
        WHEN 'phone' THEN (
            SELECT COUNT(*) FROM contacts x
              JOIN merge_dismissals d ON d.contact_a = x.id
              JOIN contacts y ON y.id = d.contact_b
             WHERE x.workspace_id = g.workspace_id AND x.phone = g.value AND y.phone = g.value
               AND x.blocked_at IS NULL AND x.merged_into IS NULL
               AND y.blocked_at IS NULL AND y.merged_into IS NULL)
        ELSE (
            SELECT COUNT(*) FROM contacts x
              JOIN merge_dismissals d ON d.contact_a = x.id
              JOIN contacts y ON y.id = d.contact_b
             WHERE x.workspace_id = g.workspace_id AND x.email_key = g.value
               AND y.email_key = g.value
               AND x.blocked_at IS NULL AND x.merged_into IS NULL
               AND y.blocked_at IS NULL AND y.merged_into IS NULL)
    END";
