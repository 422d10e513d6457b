//! The conversation list and the open conversation.

use super::rows::{
    channel_availability, message_view, parse_kind, parse_status, reachable, MessageRow,
    MESSAGE_COLUMNS,
};
use crate::storage::sql::{storable_time, Flag};
use crate::storage::{Context, Dialect, Store};
use app::error::{AppError, Missing};
use app::inbox::model::{
    ConversationCursor, ConversationListRequest, ConversationPage, ConversationRequest,
    ConversationSummary, ConversationView, MessageCursor, MessagePage, OlderMessagesRequest,
    WorkflowRun, WorkflowStatus, CONVERSATION_PAGE_SIZE, MESSAGE_PAGE_SIZE, SINCE_LIMIT,
};
use shared::fields::ConversationStatus;
use shared::name::contact_name;

type SummaryRow = (
    i64,
    i64,
    String,
    Option<String>,
    Option<i64>,
    String,
    String,
    String,
    Option<String>,
    Flag,
    Option<String>,
    Option<String>,
    Option<String>,
);

type ContactRow = (
    String,
    String,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<i64>,
);

/// id, name, status, started at, stopped at, stop reason.
type WorkflowRow = (i64, String, String, i64, Option<i64>, Option<String>);

/// A page of the workspace's conversations, newest activity first. The
/// assignee is the contact's (R18); unread means an incoming message
/// newer than the newest one the viewer has opened.
#[tracing::instrument(skip(store), err)]
pub(super) async fn conversations(
    store: &Store,
    workspace_id: i64,
    viewer_id: i64,
    request: ConversationListRequest,
) -> Result<ConversationPage, AppError> {
    let (before, since, limit) = bounds(request.before, request.since, CONVERSATION_PAGE_SIZE);
    let rows: Vec<SummaryRow> = sqlx::query_as(&store.dialect.sql(
        "SELECT cv.id, cv.contact_id, cv.status, u.name, unix_seconds(cv.last_message_at),
                c.first_name, c.last_name, c.profile_name,
                (SELECT m.body FROM messages m WHERE m.conversation_id = cv.id AND NOT m.hidden
                  ORDER BY m.sent_at DESC, m.id DESC LIMIT 1),
                EXISTS (SELECT 1 FROM messages m
                         WHERE m.conversation_id = cv.id AND NOT m.hidden AND m.direction = 'in'
                           AND m.id > COALESCE((SELECT r.last_read_message_id FROM conversation_reads r
                                                 WHERE r.conversation_id = cv.id AND r.user_id = $2), 0)),
                (SELECT ch.kind FROM messages m JOIN channels ch ON ch.id = m.channel_id
                  WHERE m.conversation_id = cv.id AND NOT m.hidden
                  ORDER BY m.sent_at DESC, m.id DESC LIMIT 1),
                c.phone, c.email
           FROM conversations cv
           JOIN contacts c ON c.id = cv.contact_id
           LEFT JOIN users u ON u.id = c.assignee_id
          WHERE cv.workspace_id = $1 AND c.merged_into IS NULL
            AND (coalesce(cv.last_message_at, to_timestamp(-1)), cv.id) < (to_timestamp($4), $5)
            AND (coalesce(cv.last_message_at, to_timestamp(-1)), cv.id) >= (to_timestamp($6), $7)
            AND ($3 = 'all' OR ($3 = 'mine' AND c.assignee_id = $2)
                 OR ($3 = 'unassigned' AND c.assignee_id IS NULL))
          ORDER BY coalesce(cv.last_message_at, to_timestamp(-1)) DESC, cv.id DESC
          LIMIT $8",
    ))
    .bind(workspace_id)
    .bind(viewer_id)
    .bind(request.filter.key())
    .bind(storable_time(before.activity))
    .bind(before.id)
    .bind(storable_time(since.activity))
    .bind(since.id)
    .bind(limit as i64 + 1)
    .fetch_all(&store.pool)
    .await
    .context("conversations: reading messages")?;
    let mut rows = rows
        .into_iter()
        .map(|row| {
            let (
                id,
                contact_id,
                status,
                assignee,
                last,
                first,
                last_name,
                profile,
                preview,
                Flag(unread),
                channel,
                phone,
                email,
            ) = row;
            Ok(ConversationSummary {
                conversation_id: id,
                contact_id,
                contact_name: contact_name(&first, &last_name, &profile, contact_id),
                status: parse_status(&status)?,
                assignee_name: assignee,
                last_message_at: last,
                preview,
                unread,
                channel: channel.as_deref().and_then(parse_kind),
                reached_at: phone.or(email),
            })
        })
        .collect::<Result<Vec<_>, AppError>>()?;
    let more = rows.len() > limit;
    rows.truncate(limit);
    let older = more
        .then(|| rows.last())
        .flatten()
        .map(|row| ConversationCursor {
            activity: row.last_message_at.unwrap_or(-1),
            id: row.conversation_id,
        });
    Ok(ConversationPage { rows, older })
}

/// The visible messages of a contact's conversation sent before a
/// cursor, oldest first.
#[tracing::instrument(skip(store), err)]
pub(super) async fn older_messages(
    store: &Store,
    workspace_id: i64,
    request: OlderMessagesRequest,
) -> Result<MessagePage, AppError> {
    let mut conn = store
        .pool
        .acquire()
        .await
        .context("older_messages: taking a connection")?;
    let conversation: Option<(i64,)> = sqlx::query_as(
        "SELECT cv.id FROM conversations cv JOIN contacts c ON c.id = cv.contact_id
          WHERE cv.contact_id = $1 AND c.workspace_id = $2 AND c.merged_into IS NULL",
    )
    .bind(request.contact_id)
    .bind(workspace_id)
    .fetch_optional(&mut *conn)
    .await
    .context("older_messages: reading conversations")?;
    let (conversation_id,) =
        conversation.ok_or_else(|| AppError::not_found(Missing::Conversation))?;
    message_page(&mut conn, conversation_id, Some(request.before), None).await
}

/// One contact's conversation: visible messages (oldest first), the
/// channels it can be reached on now and its workflow runs. Marks the
/// conversation read for the viewer.
#[tracing::instrument(skip(store), err)]
pub(super) async fn conversation(
    store: &Store,
    workspace_id: i64,
    viewer_id: i64,
    request: ConversationRequest,
) -> Result<ConversationView, AppError> {
    let ConversationRequest { contact_id, since } = request;
    let mut conn = store
        .pool
        .acquire()
        .await
        .context("conversation: taking a connection")?;
    let contact: Option<ContactRow> = sqlx::query_as(&Dialect::of(&conn).sql(
        "SELECT first_name, last_name, profile_name, avatar_url, phone, email,
                unix_seconds(blocked_at)
           FROM contacts WHERE id = $1 AND workspace_id = $2 AND merged_into IS NULL",
    ))
    .bind(contact_id)
    .bind(workspace_id)
    .fetch_optional(&mut *conn)
    .await
    .context("conversation: reading contacts")?;
    let (first, last, profile, avatar_url, phone, email, blocked_at) =
        contact.ok_or_else(|| AppError::not_found(Missing::Contact))?;
    let conversation: Option<(i64, String)> =
        sqlx::query_as("SELECT id, status FROM conversations WHERE contact_id = $1")
            .bind(contact_id)
            .fetch_optional(&mut *conn)
            .await
            .context("conversation: reading conversations")?;
    let mut page = MessagePage {
        messages: Vec::new(),
        older: None,
    };
    if let Some((conversation_id, _)) = &conversation {
        page = message_page(&mut conn, *conversation_id, None, since).await?;
        if let Some(newest) = page.messages.iter().map(|message| message.id).max() {
            sqlx::query(
                "INSERT INTO conversation_reads (conversation_id, user_id, last_read_message_id)
                 VALUES ($1, $2, $3)
                 ON CONFLICT (conversation_id, user_id) DO UPDATE
                    SET last_read_message_id = CASE
                        WHEN conversation_reads.last_read_message_id > excluded.last_read_message_id
                        THEN conversation_reads.last_read_message_id
                        ELSE excluded.last_read_message_id END",
            )
            .bind(conversation_id)
            .bind(viewer_id)
            .bind(newest)
            .execute(&mut *conn)
            .await
            .context("conversation: adding to conversation_reads")?;
        }
    }
    let status = match &conversation {
        Some((_, status)) => parse_status(status)?,
        None => ConversationStatus::Open,
    };
    let channels = channel_availability(
        &mut conn,
        workspace_id,
        contact_id,
        phone.is_some(),
        email.is_some(),
    )
    .await?;
    Ok(ConversationView {
        contact_id,
        conversation_id: conversation.map(|(id, _)| id),
        contact_name: contact_name(&first, &last, &profile, contact_id),
        avatar_url,
        status,
        blocked: blocked_at.is_some(),
        messages: page.messages,
        older_messages: page.older,
        channels: reachable(channels),
        workflows: workflow_runs(&mut conn, contact_id).await?,
    })
}

/// A contact's automation runs, newest first, read on the connection the
/// caller holds: taking a second one from the pool while holding the first
/// lets as many simultaneous requests as the pool has connections wait for
/// each other until the pool's timeout.
#[tracing::instrument(skip(conn), err)]
pub(super) async fn workflow_runs(
    conn: &mut sqlx::AnyConnection,
    contact_id: i64,
) -> Result<Vec<WorkflowRun>, AppError> {
    let rows: Vec<WorkflowRow> = sqlx::query_as(&Dialect::of(conn).sql(
        "SELECT id, name, status, unix_seconds(started_at), unix_seconds(stopped_at), stop_reason
           FROM workflow_runs WHERE contact_id = $1 ORDER BY started_at DESC, id DESC",
    ))
    .bind(contact_id)
    .fetch_all(&mut *conn)
    .await
    .context("workflow_runs: reading workflow_runs")?;
    Ok(rows
        .into_iter()
        .map(
            |(id, name, status, started_at, stopped_at, stop_reason)| WorkflowRun {
                id,
                name,
                status: match status.as_str() {
                    "running" => WorkflowStatus::Running,
                    "finished" => WorkflowStatus::Finished,
                    _ => WorkflowStatus::Stopped,
                },
                started_at,
                stopped_at,
                stop_reason,
            },
        )
        .collect())
}

/// A page of a conversation's visible messages, newest first in the query
/// and oldest first in the page: the newest ones, or those before a cursor.
async fn message_page(
    conn: &mut sqlx::AnyConnection,
    conversation_id: i64,
    before: Option<MessageCursor>,
    since: Option<MessageCursor>,
) -> Result<MessagePage, AppError> {
    let (before, since, limit) = bounds(before, since, MESSAGE_PAGE_SIZE);
    let rows: Vec<MessageRow> = sqlx::query_as(&Dialect::of(conn).sql(&format!(
        "SELECT {MESSAGE_COLUMNS} FROM messages m LEFT JOIN channels ch ON ch.id = m.channel_id
          WHERE m.conversation_id = $1 AND NOT m.hidden
            AND (m.sent_at, m.id) < (to_timestamp($2), $3)
            AND (m.sent_at, m.id) >= (to_timestamp($4), $5)
          ORDER BY m.sent_at DESC, m.id DESC LIMIT $6"
    )))
    .bind(conversation_id)
    .bind(storable_time(before.sent_at))
    .bind(before.id)
    .bind(storable_time(since.sent_at))
    .bind(since.id)
    .bind(limit as i64 + 1)
    .fetch_all(conn)
    .await
    .context("message_page: reading messages")?;
    let more = rows.len() > limit;
    let mut messages: Vec<_> = rows.into_iter().take(limit).map(message_view).collect();
    messages.reverse();
    let older = more
        .then(|| messages.first())
        .flatten()
        .map(|oldest| MessageCursor {
            sent_at: oldest.sent_at,
            id: oldest.id,
        });
    Ok(MessagePage { messages, older })
}

/// A (sort key, id) position in a newest-first list.
trait Position: Copy {
    fn at(key: i64, id: i64) -> Self;
}

impl Position for ConversationCursor {
    fn at(activity: i64, id: i64) -> Self {
        ConversationCursor { activity, id }
    }
}

impl Position for MessageCursor {
    fn at(sent_at: i64, id: i64) -> Self {
        MessageCursor { sent_at, id }
    }
}

/// The range and row limit of a read: rows before `before` (else from the
/// newest), down to `since` with the larger limit (else one page).
fn bounds<P: Position>(before: Option<P>, since: Option<P>, page: usize) -> (P, P, usize) {
    let newest = before.unwrap_or(P::at(i64::MAX, i64::MAX));
    match since {
        Some(since) => (newest, since, SINCE_LIMIT),
        None => (newest, P::at(i64::MIN, i64::MIN), page),
    }
}
