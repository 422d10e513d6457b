//! Storing an outgoing message (the message bar's "Send").

use super::rows::{
    channel_availability, conversation_of, message_view, set_status, MessageRow, MESSAGE_COLUMNS,
};
use super::usage::record_activity;
use crate::inbox::SentMessage;
use crate::storage::{Context, Store, WriteScope};
use app::error::{AppError, Missing, Refusal};
use app::inbox::model::SendMessageInput;
use shared::channel::{Availability, ChannelKind};
use shared::fields::ConversationStatus;

/// Stores an outgoing message on a channel the contact can be reached on
/// now (Active, or Inactive and allowed to start, R8). An inactive
/// channel is connected to the contact first (its phone number or
/// e-mail address becoming its id there), so it turns active.
#[tracing::instrument(skip(store, input), err)]
pub(super) async fn store_outgoing(
    store: &Store,
    workspace_id: i64,
    sender_id: i64,
    input: &SendMessageInput,
    now: i64,
) -> Result<SentMessage, AppError> {
    let body = shared::message::parse_message_text(&input.body).map_err(AppError::input)?;
    // The write lock is taken at once: a transaction that reads first and
    // writes later fails on SQLite when another write lands in between.
    let mut tx = store
        .begin_write(WriteScope::Workspace(workspace_id))
        .await
        .context("store_outgoing: starting a write transaction")?;
    let contact: Option<(Option<String>, Option<String>, Option<i64>)> =
        sqlx::query_as(&store.dialect.sql(
            "SELECT phone, email_key, unix_seconds(blocked_at) FROM contacts
          WHERE id = $1 AND workspace_id = $2 AND merged_into IS NULL",
        ))
        .bind(input.contact_id)
        .bind(workspace_id)
        .fetch_optional(&mut *tx)
        .await
        .context("store_outgoing: reading contacts")?;
    let (phone, email, blocked_at) =
        contact.ok_or_else(|| AppError::not_found(Missing::Contact))?;
    if blocked_at.is_some() {
        return Err(Refusal::SendToBlocked.into());
    }
    let channels = channel_availability(
        &mut tx,
        workspace_id,
        input.contact_id,
        phone.is_some(),
        email.is_some(),
    )
    .await?;
    let (channel, availability) = channels
        .into_iter()
        .find(|(channel, _)| channel.id == input.channel_id)
        .ok_or_else(|| AppError::not_found(Missing::Channel))?;
    if availability == Availability::Unavailable {
        return Err(Refusal::Unreachable.into());
    }
    let linked: Option<(String,)> = sqlx::query_as(
        "SELECT external_id FROM contact_channels WHERE contact_id = $1 AND channel_id = $2",
    )
    .bind(input.contact_id)
    .bind(channel.id)
    .fetch_optional(&mut *tx)
    .await
    .context("store_outgoing: reading contact_channels")?;
    let recipient = if let Some((external_id,)) = linked {
        external_id
    } else {
        let address = match channel.kind {
            ChannelKind::Email => email,
            _ => phone,
        }
        .ok_or_else(|| AppError::from(Refusal::NoAddress))?;
        let connected = sqlx::query(&store.dialect.sql(
            "INSERT INTO contact_channels (contact_id, channel_id, external_id, connected_at)
             VALUES ($1, $2, $3, to_timestamp($4)) ON CONFLICT DO NOTHING",
        ))
        .bind(input.contact_id)
        .bind(channel.id)
        .bind(&address)
        .bind(now)
        .execute(&mut *tx)
        .await
        .context("store_outgoing: adding to contact_channels")?;
        if connected.rows_affected() == 0 {
            return Err(Refusal::AddressTaken.into());
        }
        address
    };
    let (conversation_id, status) = conversation_of(
        &mut tx,
        workspace_id,
        input.contact_id,
        ConversationStatus::Open,
    )
    .await?;
    let (message_id,): (i64,) = sqlx::query_as(&store.dialect.sql(
        "INSERT INTO messages (conversation_id, channel_id, direction, body, sent_at)
         VALUES ($1, $2, 'out', $3, to_timestamp($4)) RETURNING id",
    ))
    .bind(conversation_id)
    .bind(channel.id)
    .bind(body)
    .bind(now)
    .fetch_one(&mut *tx)
    .await
    .context("store_outgoing: adding to messages")?;
    // Replying to a closed conversation reopens it, as in every inbox.
    if status == ConversationStatus::Closed {
        set_status(
            &mut tx,
            conversation_id,
            ConversationStatus::Open,
            Some(sender_id),
            now,
        )
        .await?;
    }
    sqlx::query(
        &store
            .dialect
            .sql("UPDATE conversations SET last_message_at = to_timestamp($1) WHERE id = $2"),
    )
    .bind(now)
    .bind(conversation_id)
    .execute(&mut *tx)
    .await
    .context("store_outgoing: updating conversations")?;
    sqlx::query(
        &store
            .dialect
            .sql("UPDATE contacts SET last_message_at = to_timestamp($1) WHERE id = $2"),
    )
    .bind(now)
    .bind(input.contact_id)
    .execute(&mut *tx)
    .await
    .context("store_outgoing: updating contacts")?;
    record_activity(&mut tx, workspace_id, input.contact_id, now).await?;
    let row: MessageRow = sqlx::query_as(&store.dialect.sql(&format!(
        "SELECT {MESSAGE_COLUMNS} FROM messages m LEFT JOIN channels ch ON ch.id = m.channel_id
          WHERE m.id = $1"
    )))
    .bind(message_id)
    .fetch_one(&mut *tx)
    .await
    .context("store_outgoing: reading messages")?;
    tx.commit().await.context("store_outgoing: committing")?;
    Ok(SentMessage {
        message: message_view(row),
        channel_id: channel.id,
        kind: channel.kind,
        recipient,
    })
}
