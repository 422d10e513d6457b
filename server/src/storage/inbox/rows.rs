//! Reading Inbox rows: stored keys back into domain values, shared by the
//! Inbox storage files.

use crate::storage::sql::Flag;
use crate::storage::{Context, Dialect};
use app::error::AppError;
use app::inbox::model::{ChannelOption, Direction, MessageView};
use shared::channel::{classify, Availability, ChannelKind, ChannelLink, WorkspaceChannel};
use shared::fields::ConversationStatus;
use sqlx::AnyConnection;

/// A stored conversation status.
pub(crate) fn parse_status(status: &str) -> Result<ConversationStatus, AppError> {
    match status {
        "open" => Ok(ConversationStatus::Open),
        "closed" => Ok(ConversationStatus::Closed),
        "blocked" => Ok(ConversationStatus::Blocked),
        other => {
            tracing::error!(status = other, "unknown conversation status stored");
            Err(AppError::Internal)
        }
    }
}

/// A stored channel kind; `None` (logged) for a kind this build does not know.
pub(crate) fn parse_kind(kind: &str) -> Option<ChannelKind> {
    let parsed = kind.parse().ok();
    if parsed.is_none() {
        tracing::warn!(kind, "unknown channel kind stored");
    }
    parsed
}

/// A message row: id, direction, channel id, channel kind, channel name,
/// body, sent at, while blocked.
pub(crate) type MessageRow = (
    i64,
    String,
    Option<i64>,
    Option<String>,
    Option<String>,
    String,
    i64,
    Flag,
);

/// The columns of [`MessageRow`], from `messages m LEFT JOIN channels ch`.
pub(crate) const MESSAGE_COLUMNS: &str =
    "m.id, m.direction, m.channel_id, ch.kind, ch.name, m.body, unix_seconds(m.sent_at), m.while_blocked";

/// A message row as the Inbox shows it.
pub(crate) fn message_view(row: MessageRow) -> MessageView {
    let (id, direction, channel_id, kind, channel_name, body, sent_at, Flag(while_blocked)) = row;
    MessageView {
        id,
        direction: if direction == "out" {
            Direction::Out
        } else {
            Direction::In
        },
        channel_id,
        channel_kind: kind.as_deref().and_then(parse_kind),
        channel_name,
        body,
        sent_at,
        while_blocked,
    }
}

/// R5–R9 for one contact: every workspace channel with how it stands.
pub(crate) async fn channel_availability(
    conn: &mut AnyConnection,
    workspace_id: i64,
    contact_id: i64,
    has_phone: bool,
    has_email: bool,
) -> Result<Vec<(WorkspaceChannel, Availability)>, AppError> {
    let channels: Vec<(i64, String, String)> =
        sqlx::query_as("SELECT id, kind, name FROM channels WHERE workspace_id = $1 ORDER BY id")
            .bind(workspace_id)
            .fetch_all(&mut *conn)
            .await
            .context("channel_availability: reading channels")?;
    let links: Vec<(i64, i64, Flag)> = sqlx::query_as(&Dialect::of(conn).sql(
        "SELECT cc.channel_id, unix_seconds(cc.connected_at),
                EXISTS (SELECT 1 FROM messages m JOIN conversations cv ON cv.id = m.conversation_id
                         WHERE cv.contact_id = cc.contact_id AND m.channel_id = cc.channel_id)
           FROM contact_channels cc WHERE cc.contact_id = $1",
    ))
    .bind(contact_id)
    .fetch_all(&mut *conn)
    .await
    .context("channel_availability: reading messages")?;
    let channels: Vec<WorkspaceChannel> = channels
        .into_iter()
        .filter_map(|(id, kind, name)| {
            parse_kind(&kind).map(|kind| WorkspaceChannel { id, kind, name })
        })
        .collect();
    let links: Vec<ChannelLink> = links
        .into_iter()
        .map(
            |(channel_id, connected_at, Flag(has_interactions))| ChannelLink {
                channel_id,
                connected_at,
                has_interactions,
            },
        )
        .collect();
    Ok(classify(&channels, &links, has_phone, has_email)
        .into_iter()
        .map(|status| (status.channel, status.availability))
        .collect())
}

/// The channels the message bar offers: Active and Inactive ones.
pub(crate) fn reachable(channels: Vec<(WorkspaceChannel, Availability)>) -> Vec<ChannelOption> {
    channels
        .into_iter()
        .filter(|(_, availability)| *availability != Availability::Unavailable)
        .map(|(channel, availability)| ChannelOption {
            channel_id: channel.id,
            kind: channel.kind,
            name: channel.name,
            active: matches!(availability, Availability::Active { .. }),
        })
        .collect()
}

/// Records a conversation's new status and when, and by whom, it changed.
pub(crate) async fn set_status(
    conn: &mut AnyConnection,
    conversation_id: i64,
    status: ConversationStatus,
    by_user: Option<i64>,
    now: i64,
) -> Result<(), AppError> {
    sqlx::query("UPDATE conversations SET status = $1 WHERE id = $2")
        .bind(status.key())
        .bind(conversation_id)
        .execute(&mut *conn)
        .await
        .context("set_status: updating conversations")?;
    sqlx::query(&Dialect::of(conn).sql(
        "INSERT INTO conversation_status_changes (conversation_id, status, changed_by, changed_at)
         VALUES ($1, $2, $3, to_timestamp($4))",
    ))
    .bind(conversation_id)
    .bind(status.key())
    .bind(by_user)
    .bind(now)
    .execute(&mut *conn)
    .await
    .context("set_status: adding to conversation_status_changes")?;
    Ok(())
}

/// The contact's conversation, created (with `status`) when it has none.
pub(crate) async fn conversation_of(
    conn: &mut AnyConnection,
    workspace_id: i64,
    contact_id: i64,
    status: ConversationStatus,
) -> Result<(i64, ConversationStatus), AppError> {
    let existing: Option<(i64, String)> =
        sqlx::query_as("SELECT id, status FROM conversations WHERE contact_id = $1")
            .bind(contact_id)
            .fetch_optional(&mut *conn)
            .await
            .context("conversation_of: reading conversations")?;
    if let Some((id, stored)) = existing {
        return Ok((id, parse_status(&stored)?));
    }
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO conversations (workspace_id, contact_id, status, assignee_id)
         SELECT workspace_id, id, $1, assignee_id FROM contacts WHERE id = $2 AND workspace_id = $3
         RETURNING id",
    )
    .bind(status.key())
    .bind(contact_id)
    .bind(workspace_id)
    .fetch_one(&mut *conn)
    .await
    .context("conversation_of: adding to conversations")?;
    Ok((id, status))
}
