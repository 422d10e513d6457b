//! What blocking (R27) and unblocking (R28) a contact do. Each
//! runs in one transaction.

use super::rows::{conversation_of, set_status};
use super::usage::record_activity;
use crate::storage::sql::Flag;
use crate::storage::{Context, Dialect, Store, WriteScope};
use app::error::{AppError, Missing, Refusal};
use shared::fields::ConversationStatus;
use shared::usage::BillingPeriod;
use sqlx::AnyConnection;

/// The reason recorded on workflow runs stopped by blocking.
pub const STOPPED_BY_BLOCKING: &str = "contact blocked";

/// The contact's `blocked_at`, or 404 when it is not in the workspace.
async fn blocked_at(
    conn: &mut AnyConnection,
    workspace_id: i64,
    contact_id: i64,
) -> Result<Option<i64>, AppError> {
    let row: Option<(Option<i64>,)> = sqlx::query_as(&Dialect::of(conn).sql(
        "SELECT unix_seconds(blocked_at) FROM contacts
          WHERE id = $1 AND workspace_id = $2 AND merged_into IS NULL",
    ))
    .bind(contact_id)
    .bind(workspace_id)
    .fetch_optional(&mut *conn)
    .await
    .context("blocked_at: reading contacts")?;
    row.map(|(blocked_at,)| blocked_at)
        .ok_or_else(|| AppError::not_found(Missing::Contact))
}

async fn record_block_event(
    conn: &mut AnyConnection,
    contact_id: i64,
    action: &str,
    by_user: i64,
    now: i64,
) -> Result<(), AppError> {
    sqlx::query(&Dialect::of(conn).sql(
        "INSERT INTO contact_block_events (contact_id, action, by_user, at)
          VALUES ($1, $2, $3, to_timestamp($4))",
    ))
    .bind(contact_id)
    .bind(action)
    .bind(by_user)
    .bind(now)
    .execute(&mut *conn)
    .await
    .context("record_block_event: adding to contact_block_events")?;
    Ok(())
}

/// R27: closes the contact's conversation, then blocks it; stops every
/// running workflow for the contact ("contact blocked"); records who
/// blocked it and when. From then on its messages are kept hidden.
#[tracing::instrument(skip(store), err)]
pub(super) async fn block_contact(
    store: &Store,
    workspace_id: i64,
    contact_id: i64,
    by_user: i64,
    now: i64,
) -> Result<(), AppError> {
    let mut tx = store
        .begin_write(WriteScope::Workspace(workspace_id))
        .await
        .context("block_contact: starting a write transaction")?;
    if blocked_at(&mut tx, workspace_id, contact_id)
        .await?
        .is_some()
    {
        return Err(Refusal::AlreadyBlocked.into());
    }
    let (conversation_id, status) =
        conversation_of(&mut tx, workspace_id, contact_id, ConversationStatus::Open).await?;
    if status != ConversationStatus::Closed {
        set_status(
            &mut tx,
            conversation_id,
            ConversationStatus::Closed,
            Some(by_user),
            now,
        )
        .await?;
    }
    set_status(
        &mut tx,
        conversation_id,
        ConversationStatus::Blocked,
        Some(by_user),
        now,
    )
    .await?;
    sqlx::query(&store.dialect.sql(
        "UPDATE workflow_runs
          SET status = 'stopped', stopped_at = to_timestamp($1), stop_reason = $2
          WHERE contact_id = $3 AND status = 'running'",
    ))
    .bind(now)
    .bind(STOPPED_BY_BLOCKING)
    .bind(contact_id)
    .execute(&mut *tx)
    .await
    .context("block_contact: updating workflow_runs")?;
    sqlx::query(&store.dialect.sql(
        "UPDATE contacts
          SET blocked_at = to_timestamp($1), blocked_by = $2, updated_at = to_timestamp($3),
          version = version + 1
          WHERE id = $4",
    ))
    .bind(now)
    .bind(by_user)
    .bind(now)
    .bind(contact_id)
    .execute(&mut *tx)
    .await
    .context("block_contact: updating contacts")?;
    record_block_event(&mut tx, contact_id, "block", by_user, now).await?;
    Ok(tx.commit().await.context("block_contact: committing")?)
}

/// R28, for each named contact that is still blocked: the conversation goes
/// back to closed (not open); messages that arrived while blocked are shown
/// again, still marked; the contact counts toward usage again from the
/// current period. One transaction for all; a contact that is not blocked
/// (any more) is left as it is; returns how many were unblocked.
#[tracing::instrument(skip(store), err)]
pub(super) async fn unblock_contacts(
    store: &Store,
    workspace_id: i64,
    contact_ids: &[i64],
    by_user: i64,
    now: i64,
) -> Result<u64, AppError> {
    let mut tx = store
        .begin_write(WriteScope::Workspace(workspace_id))
        .await
        .context("unblock_contacts: starting a write transaction")?;
    let mut unblocked = 0;
    for &contact_id in contact_ids {
        if blocked_at(&mut tx, workspace_id, contact_id)
            .await?
            .is_some()
        {
            unblock_in(&mut tx, workspace_id, contact_id, by_user, now).await?;
            unblocked += 1;
        }
    }
    tx.commit().await.context("unblock_contacts: committing")?;
    Ok(unblocked)
}

async fn unblock_in(
    conn: &mut AnyConnection,
    workspace_id: i64,
    contact_id: i64,
    by_user: i64,
    now: i64,
) -> Result<(), AppError> {
    let (conversation_id, _) = conversation_of(
        &mut *conn,
        workspace_id,
        contact_id,
        ConversationStatus::Closed,
    )
    .await?;
    set_status(
        &mut *conn,
        conversation_id,
        ConversationStatus::Closed,
        Some(by_user),
        now,
    )
    .await?;
    sqlx::query("UPDATE messages SET hidden = FALSE WHERE conversation_id = $1 AND hidden")
        .bind(conversation_id)
        .execute(&mut *conn)
        .await
        .context("unblock_contact: updating messages")?;
    let (Flag(in_current_period),): (Flag,) = sqlx::query_as(&Dialect::of(conn).sql(
        "SELECT EXISTS (SELECT 1 FROM messages WHERE conversation_id = $1 AND while_blocked
                         AND sent_at >= to_timestamp($2))",
    ))
    .bind(conversation_id)
    .bind(BillingPeriod::containing(now).start())
    .fetch_one(&mut *conn)
    .await
    .context("unblock_contact: reading messages")?;
    if in_current_period {
        record_activity(&mut *conn, workspace_id, contact_id, now).await?;
    }
    sqlx::query(&Dialect::of(conn).sql(
        "UPDATE contacts SET blocked_at = NULL, blocked_by = NULL, updated_at = to_timestamp($1),
                             version = version + 1
          WHERE id = $2",
    ))
    .bind(now)
    .bind(contact_id)
    .execute(&mut *conn)
    .await
    .context("unblock_contact: updating contacts")?;
    record_block_event(&mut *conn, contact_id, "unblock", by_user, now).await
}
