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
            sqlx::query(&store.dialect.sql(
                "INSERT INTO merge_dismissals
                        (workspace_id, contact_a, contact_b, dismissed_by, dismissed_at)
                 VALUES ($1, $2, $3, $4, to_timestamp($5))
                 ON CONFLICT (contact_a, contact_b) DO NOTHING",
            ))
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

/// SQL: the common table `dismissed`: the workspace `$1`'s duplicate keys
/// (`kind`, `value`) with how many pairs of their suggestable members are
/// marked "Not a duplicate" (`pairs`). It starts from the workspace's
/// dismissals, so its cost follows how many there are, not how many groups
/// exist; a group of `n` members is suggested while `n (n - 1) / 2` is more
/// than its dismissed pairs (see [`SUGGESTED_GROUPS`]).
pub(super) const WITH_DISMISSED_PAIRS: &str = "
    WITH dismissed AS (
        SELECT kind, value, COUNT(*) AS pairs FROM (
            SELECT 'phone' AS kind, x.phone AS value FROM merge_dismissals d
              JOIN contacts x ON x.id = d.contact_a
              JOIN contacts y ON y.id = d.contact_b
             WHERE d.workspace_id = $1 AND x.phone = y.phone
               AND x.blocked_at IS NULL AND x.merged_into IS NULL
               AND y.blocked_at IS NULL AND y.merged_into IS NULL
            UNION ALL
            SELECT 'email', x.email_key FROM merge_dismissals d
              JOIN contacts x ON x.id = d.contact_a
              JOIN contacts y ON y.id = d.contact_b
             WHERE d.workspace_id = $1 AND x.email_key = y.email_key
               AND x.blocked_at IS NULL AND x.merged_into IS NULL
               AND y.blocked_at IS NULL AND y.merged_into IS NULL
        ) AS pair GROUP BY kind, value)";

/// SQL, after [`WITH_DISMISSED_PAIRS`]: the workspace `$1`'s duplicate
/// groups `g` that are suggested, those with two members or more of which
/// some pair is not dismissed.
pub(super) const SUGGESTED_GROUPS: &str = "
    duplicate_groups g LEFT JOIN dismissed k ON k.kind = g.kind AND k.value = g.value
    WHERE g.workspace_id = $1 AND g.members >= 2
      AND g.members * (g.members - 1) / 2 > COALESCE(k.pairs, 0)";
