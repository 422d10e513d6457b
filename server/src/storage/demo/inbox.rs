//! Demo data for the Inbox: workflow runs per contact and the monthly
//! active contacts of the seeded messages.

use crate::storage::inbox::usage::record_activity;
use crate::storage::{Context, Dialect, StoreError};
use sqlx::{Any, Transaction};

/// Seeds workflow runs (running, finished, and stopped for blocked
/// contacts) and counts the seeded messages toward usage.
pub(super) async fn seed(tx: &mut Transaction<'_, Any>) -> Result<(), StoreError> {
    sqlx::query(&Dialect::of(tx).sql(
        "INSERT INTO workflow_runs (contact_id, name, status, started_at, stopped_at, stop_reason)
         SELECT id, 'Welcome series',
                CASE WHEN blocked_at IS NOT NULL THEN 'stopped'
                     WHEN id % 3 = 0 THEN 'finished' ELSE 'running' END,
                created_at,
                CASE WHEN blocked_at IS NOT NULL THEN blocked_at
                     WHEN id % 3 = 0 THEN to_timestamp(unix_seconds(created_at) + 7 * 86400) END,
                CASE WHEN blocked_at IS NOT NULL THEN 'contact blocked' END
           FROM contacts WHERE id % 2 = 0 OR blocked_at IS NOT NULL",
    ))
    .execute(&mut **tx)
    .await
    .context("seeding workflow runs")?;
    sqlx::query(
        "INSERT INTO workflow_runs (contact_id, name, status, started_at)
         SELECT id, 'Order follow-up', 'running', COALESCE(last_message_at, created_at)
           FROM contacts WHERE id % 5 = 0 AND blocked_at IS NULL",
    )
    .execute(&mut **tx)
    .await
    .context("seeding workflow runs")?;
    let messages: Vec<(i64, i64, i64)> = sqlx::query_as(&Dialect::of(tx).sql(
        "SELECT cv.workspace_id, cv.contact_id, unix_seconds(m.sent_at)
           FROM messages m JOIN conversations cv ON cv.id = m.conversation_id",
    ))
    .fetch_all(&mut **tx)
    .await
    .context("reading the seeded messages")?;
    for (workspace_id, contact_id, sent_at) in messages {
        record_activity(tx, workspace_id, contact_id, sent_at).await?;
    }
    Ok(())
}
