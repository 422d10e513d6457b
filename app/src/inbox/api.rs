//! Server functions of the Inbox. Thin: read the session, check the rule
//! in `shared`, call the Inbox service.

use super::model::{
    ConversationListRequest, ConversationPage, ConversationRequest, ConversationView, MessagePage,
    MessageView, OlderMessagesRequest, SendMessageInput,
};
use crate::error::AppError;
use leptos::prelude::*;
use server_fn::codec::{Json, PostUrl};

#[cfg(feature = "ssr")]
use shared::permissions::{Action, Module};

/// A page of the conversation list: newest activity first, filtered.
#[server(endpoint = "inbox_conversations", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn inbox_conversations(
    request: ConversationListRequest,
) -> Result<ConversationPage, AppError> {
    let viewer = crate::ssr::require_viewer().await?;
    crate::ssr::inbox()?
        .conversations(viewer.workspace.id, viewer.user_id, request)
        .await
}

/// One contact's conversation (R1); opening it marks it read.
#[server(endpoint = "inbox_conversation", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn inbox_conversation(
    request: ConversationRequest,
) -> Result<ConversationView, AppError> {
    let viewer = crate::ssr::viewer_may(Action::ViewContact, Module::Inbox).await?;
    crate::ssr::inbox()?
        .conversation(viewer.workspace.id, viewer.user_id, request)
        .await
}

/// Older messages of a contact's conversation ("Show older messages").
#[server(endpoint = "inbox_older_messages", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn inbox_older_messages(request: OlderMessagesRequest) -> Result<MessagePage, AppError> {
    let viewer = crate::ssr::viewer_may(Action::ViewContact, Module::Inbox).await?;
    crate::ssr::inbox()?
        .older_messages(viewer.workspace.id, request)
        .await
}

/// Sends a message on the chosen channel (R8: an inactive channel that
/// may be started becomes active).
///
/// URL-encoded: the message form posts here as a plain HTML form when
/// JavaScript is off.
#[server(endpoint = "inbox_send_message", input = PostUrl)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn inbox_send_message(input: SendMessageInput) -> Result<MessageView, AppError> {
    let viewer = crate::ssr::viewer_may(Action::SendFirstMessage, Module::Inbox).await?;
    shared::message::parse_message_text(&input.body).map_err(AppError::input)?;
    crate::ssr::inbox()?
        .send_message(
            viewer.workspace.id,
            viewer.user_id,
            &input,
            crate::ssr::now()?,
        )
        .await
}
