//! The Channels tab (R5–R10): every workspace channel classified for one
//! contact, and removing a contact's connection.

use super::super::sql::Flag;
use super::super::{Context, Store};
use super::unlink;
use app::details::model::ChannelCard;
use app::error::{AppError, Missing};
use shared::channel::{classify, ChannelKind, ChannelLink, WorkspaceChannel};

/// R5–R9: the cards, in the order the channels were connected to the
/// workspace.
pub async fn cards(
    store: &Store,
    workspace_id: i64,
    contact_id: i64,
    has_phone: bool,
    has_email: bool,
) -> Result<Vec<ChannelCard>, AppError> {
    let rows: Vec<(i64, String, String, Option<String>)> = sqlx::query_as(
        "SELECT id, kind, name, page_url FROM channels WHERE workspace_id = $1 ORDER BY id",
    )
    .bind(workspace_id)
    .fetch_all(&store.pool)
    .await
    .context("cards: reading channels")?;
    let links: Vec<(i64, i64, Flag, String)> = sqlx::query_as(&store.dialect.sql(
        "SELECT l.channel_id, unix_seconds(l.connected_at),
                EXISTS (SELECT 1 FROM messages m JOIN conversations v ON v.id = m.conversation_id
                         WHERE v.contact_id = l.contact_id AND m.channel_id = l.channel_id),
                l.external_id
           FROM contact_channels l WHERE l.contact_id = $1",
    ))
    .bind(contact_id)
    .fetch_all(&store.pool)
    .await
    .context("cards: reading messages")?;
    let channels: Vec<WorkspaceChannel> = rows
        .iter()
        .filter_map(|(id, kind, name, _)| {
            Some(WorkspaceChannel {
                id: *id,
                kind: kind.parse::<ChannelKind>().ok()?,
                name: name.clone(),
            })
        })
        .collect();
    let channel_links: Vec<ChannelLink> = links
        .iter()
        .map(
            |(channel_id, connected_at, has_interactions, _)| ChannelLink {
                channel_id: *channel_id,
                connected_at: *connected_at,
                has_interactions: has_interactions.0,
            },
        )
        .collect();
    Ok(classify(&channels, &channel_links, has_phone, has_email)
        .into_iter()
        .map(|status| {
            let facebook_url = status
                .shows_facebook_link()
                .then(|| {
                    let page = rows
                        .iter()
                        .find(|(id, ..)| *id == status.channel.id)
                        .and_then(|(.., page_url)| page_url.clone())?;
                    let thread = links
                        .iter()
                        .find(|(channel_id, ..)| *channel_id == status.channel.id)
                        .map(|(.., external_id)| external_id.as_str())?;
                    Some(facebook_conversation_url(&page, thread))
                })
                .flatten();
            ChannelCard {
                status,
                facebook_url,
            }
        })
        .collect())
}

/// R7: the address of the conversation on the Facebook page.
fn facebook_conversation_url(page_url: &str, thread: &str) -> String {
    let thread: String = thread
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        .collect();
    format!(
        "{}/inbox/?selected_item_id={thread}",
        page_url.trim_end_matches('/')
    )
}

/// R10: disconnects the channel from the contact. Messages keep their
/// channel, so the conversation history stays.
pub async fn remove(
    store: &Store,
    workspace_id: i64,
    contact_id: i64,
    channel_id: i64,
) -> Result<(), AppError> {
    unlink(
        store,
        contact_id,
        workspace_id,
        "DELETE FROM contact_channels WHERE contact_id = $1
            AND channel_id IN (SELECT id FROM channels WHERE id = $2 AND workspace_id = $3)",
        channel_id,
        Missing::ChannelLink,
    )
    .await
}
