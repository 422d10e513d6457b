//! The Inbox seam: conversations, messages and blocking.

use crate::error::AppError;
use crate::inbox::model::{
    ConversationListRequest, ConversationPage, ConversationRequest, ConversationView, MessagePage,
    MessageView, OlderMessagesRequest, SendMessageInput,
};
use async_trait::async_trait;

/// Conversations, messages and what blocking a contact does (R1, R8, R27,
/// R28). Every call names the workspace; nothing crosses workspaces. `now`
/// is passed in (unix seconds) so tests can move the clock.
#[async_trait]
pub trait InboxPort: Send + Sync {
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

    /// R28 for a selection of the "Blocked contacts" view, in one
    /// transaction; contacts no longer blocked are left as they are.
    /// Returns how many were unblocked.
    async fn unblock_contacts(
        &self,
        workspace_id: i64,
        contact_ids: &[i64],
        by_user: i64,
        now: i64,
    ) -> Result<u64, AppError>;
}
