//! Storing an incoming message from a channel: unknown senders
//! become contacts, known ones get the message in their conversation, a
//! blocked contact's message is kept hidden (R27). All in one transaction.

use super::rows::{conversation_of, set_status};
use super::usage::record_activity;
use crate::ingress::{IncomingMessage, IngressChannel, Received};
use crate::storage::{Context, Dialect, Store, WriteScope};
use app::error::AppError;
use shared::fields::ConversationStatus;
use shared::usage::counts_toward_usage;
use sqlx::AnyConnection;

/// Stores one incoming message; the same `(channel, message id)` is
/// stored once.
#[tracing::instrument(skip(store, message), fields(channel = channel.id), err)]
pub(super) async fn receive_message(
    store: &Store,
    channel: &IngressChannel,
    message: &IncomingMessage,
    now: i64,
) -> Result<Received, AppError> {
    let mut tx = store
        .begin_write(WriteScope::Workspace(channel.workspace_id))
        .await
        .context("receive_message: starting a write transaction")?;
    let stored: Option<(i64, i64)> = sqlx::query_as(
        "SELECT m.id, cv.contact_id FROM messages m JOIN conversations cv ON cv.id = m.conversation_id
          WHERE m.channel_id = $1 AND m.external_id = $2",
    )
    .bind(channel.id)
    .bind(&message.message_id)
    .fetch_optional(&mut *tx)
    .await
    .context("receive_message: reading messages")?;
    if let Some((message_id, contact_id)) = stored {
        return Ok(Received {
            contact_id,
            message_id,
            new_contact: false,
            duplicate: true,
            hidden: false,
        });
    }
    // A link left on a contact merged into another leads to the contact
    // it was merged into (R13).
    let known: Option<(i64,)> = sqlx::query_as(
        "WITH RECURSIVE owner(id, merged_into) AS (
             SELECT c.id, c.merged_into FROM contact_channels l JOIN contacts c ON c.id = l.contact_id
              WHERE l.channel_id = $1 AND l.external_id = $2
             UNION ALL
             SELECT c.id, c.merged_into FROM contacts c JOIN owner o ON c.id = o.merged_into)
         SELECT id FROM owner WHERE merged_into IS NULL",
    )
    .bind(channel.id)
    .bind(&message.sender_id)
    .fetch_optional(&mut *tx)
    .await
    .context("receive_message: reading contact_channels")?;
    let (contact_id, new_contact) = match known {
        Some((contact_id,)) => (contact_id, false),
        None => (create_contact(&mut tx, channel, message, now).await?, true),
    };
    let (blocked_at,): (Option<i64>,) = sqlx::query_as(
        &Dialect::of(&tx).sql("SELECT unix_seconds(blocked_at) FROM contacts WHERE id = $1"),
    )
    .bind(contact_id)
    .fetch_one(&mut *tx)
    .await
    .context("receive_message: reading contacts")?;
    let hidden = blocked_at.is_some();
    let initial = if hidden {
        ConversationStatus::Blocked
    } else {
        ConversationStatus::Open
    };
    let (conversation_id, status) =
        conversation_of(&mut tx, channel.workspace_id, contact_id, initial).await?;
    let (message_id,): (i64,) = sqlx::query_as(&Dialect::of(&tx).sql(
        "INSERT INTO messages (conversation_id, channel_id, direction, body, external_id, sent_at,
                               while_blocked, hidden)
         VALUES ($1, $2, 'in', $3, $4, to_timestamp($5), $6, $7) RETURNING id",
    ))
    .bind(conversation_id)
    .bind(channel.id)
    .bind(&message.text)
    .bind(&message.message_id)
    .bind(message.sent_at)
    .bind(hidden)
    .bind(hidden)
    .fetch_one(&mut *tx)
    .await
    .context("receive_message: adding to messages")?;
    if !hidden {
        if status == ConversationStatus::Closed {
            set_status(
                &mut tx,
                conversation_id,
                ConversationStatus::Open,
                None,
                now,
            )
            .await?;
        }
        sqlx::query(&Dialect::of(&tx).sql(
            "UPDATE conversations
              SET last_message_at = CASE WHEN last_message_at > to_timestamp($1) THEN last_message_at
                                                  ELSE to_timestamp($1) END
              WHERE id = $2",
        ))
        .bind(message.sent_at)
        .bind(conversation_id)
        .execute(&mut *tx)
        .await
        .context("receive_message: updating conversations")?;
        sqlx::query(&Dialect::of(&tx).sql(
            "UPDATE contacts
              SET last_message_at = CASE WHEN last_message_at > to_timestamp($1) THEN last_message_at
                                             ELSE to_timestamp($1) END
              WHERE id = $2",
        ))
        .bind(message.sent_at)
        .bind(contact_id)
        .execute(&mut *tx)
        .await
        .context("receive_message: updating contacts")?;
    }
    if counts_toward_usage(message.sent_at, blocked_at) {
        record_activity(&mut tx, channel.workspace_id, contact_id, message.sent_at).await?;
    }
    tx.commit().await.context("receive_message: committing")?;
    Ok(Received {
        contact_id,
        message_id,
        new_contact,
        duplicate: false,
        hidden,
    })
}

/// A new contact from a channel: display name, picture and language from
/// the channel, phone (with its country) and e-mail when given, and its
/// link to the channel. Two channels naming the same phone or e-mail make
/// two contacts that show up as a merge suggestion (R11).
async fn create_contact(
    conn: &mut AnyConnection,
    channel: &IngressChannel,
    message: &IncomingMessage,
    now: i64,
) -> Result<i64, AppError> {
    let (contact_id,): (i64,) = sqlx::query_as(&Dialect::of(conn).sql(
        "INSERT INTO contacts (workspace_id, profile_name, avatar_url, email, email_key, phone,
                               country, language, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, to_timestamp($9), to_timestamp($10)) RETURNING id",
    ))
    .bind(channel.workspace_id)
    .bind(&message.name)
    .bind(&message.avatar_url)
    .bind(message.email.as_ref().map(shared::Email::as_str))
    .bind(message.email.as_ref().map(shared::Email::key))
    .bind(message.phone.as_ref().map(shared::PhoneNumber::e164))
    .bind(
        message
            .phone
            .as_ref()
            .and_then(shared::PhoneNumber::country)
            .map(shared::Country::code),
    )
    .bind(message.language.map(shared::Language::tag))
    .bind(now)
    .bind(now)
    .fetch_one(&mut *conn)
    .await
    .context("create_contact: adding to contacts")?;
    sqlx::query(&Dialect::of(conn).sql(
        "INSERT INTO contact_channels (contact_id, channel_id, external_id, connected_at)
         VALUES ($1, $2, $3, to_timestamp($4))",
    ))
    .bind(contact_id)
    .bind(channel.id)
    .bind(&message.sender_id)
    .bind(now)
    .execute(&mut *conn)
    .await
    .context("create_contact: adding to contact_channels")?;
    Ok(contact_id)
}
