//! The seams of the Inbox, the usage page and the channel settings: traits
//! the server implements and hands to server functions as context.

use crate::error::AppError;
use crate::inbox::model::{
    ConversationListRequest, ConversationPage, ConversationRequest, ConversationView, MessagePage,
    MessageView, OlderMessagesRequest, SendMessageInput,
};
use crate::settings::channels::ChannelSettings;
use crate::settings::usage::UsagePeriod;
use async_trait::async_trait;

/// Conversations, messages and what blocking a contact does (R1, R8, R27,
/// R28). Every call names the workspace; nothing crosses workspaces. `now`
/// is passed in (unix seconds) so tests can move the clock.
#[async_trait]
pub trait Inbox: Send + Sync {
    /// A page of the workspace's conversations, newest activity first.
    async fn conversations(
        &self,
        workspace_id: i64,
        viewer_id: i64,
        request: ConversationListRequest,
    ) -> Result<ConversationPage, AppError>;

    /// A page of a contact's visible messages sent before a cursor.
    async fn older_messages(
        &self,
        workspace_id: i64,
        request: OlderMessagesRequest,
    ) -> Result<MessagePage, AppError>;

    /// One contact's conversation (empty when it has none yet); marks it
    /// read for the viewer.
    async fn conversation(
        &self,
        workspace_id: i64,
        viewer_id: i64,
        request: ConversationRequest,
    ) -> Result<ConversationView, AppError>;

    /// Stores an outgoing message on a channel the contact can be reached
    /// on, connects the channel if it was inactive, and hands the message to
    /// the channel for delivery.
    async fn send_message(
        &self,
        workspace_id: i64,
        sender_id: i64,
        input: &SendMessageInput,
        now: i64,
    ) -> Result<MessageView, AppError>;

    /// R27: closes, then blocks the contact's conversation, stops its
    /// running workflows ("contact blocked") and records who blocked it and
    /// when. Later messages from the contact are kept but hidden.
    async fn block_contact(
        &self,
        workspace_id: i64,
        contact_id: i64,
        by_user: i64,
        now: i64,
    ) -> Result<(), AppError>;

    /// R28: the conversation goes back to closed, messages that arrived
    /// while blocked are shown again (marked), and the contact counts toward
    /// usage again from the current period.
    async fn unblock_contact(
        &self,
        workspace_id: i64,
        contact_id: i64,
        by_user: i64,
        now: i64,
    ) -> Result<(), AppError>;
}

/// Monthly active contacts per billing period.
#[async_trait]
pub trait Usage: Send + Sync {
    /// The current period and the `count - 1` before it, newest first.
    async fn monthly_active_contacts(
        &self,
        workspace_id: i64,
        now: i64,
        count: usize,
    ) -> Result<Vec<UsagePeriod>, AppError>;
}

/// The workspace's channels and their ingress tokens.
#[async_trait]
pub trait WorkspaceChannels: Send + Sync {
    /// Every channel of the workspace, with its token.
    async fn channels(&self, workspace_id: i64) -> Result<Vec<ChannelSettings>, AppError>;

    /// Replaces a channel's token with a new random one and returns it.
    async fn rotate_token(&self, workspace_id: i64, channel_id: i64) -> Result<String, AppError>;
}

/// The current time in unix seconds, for server functions.
pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|elapsed| elapsed.as_secs() as i64)
        .unwrap_or_default()
}
