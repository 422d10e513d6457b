//! The Inbox's storage: conversations and messages, sending, blocking,
//! ingress from channels, monthly usage and the channel settings.

mod blocking;
mod channels;
mod conversations;
mod ingress;
pub(crate) mod rows;
mod send;
pub(crate) mod usage;

pub use blocking::STOPPED_BY_BLOCKING;

use super::Store;
use crate::inbox::{InboxStorage, SentMessage};
use crate::ingress::{IncomingMessage, IngressChannel, IngressStorage, Received};
use app::error::AppError;
use app::inbox::model::{
    ConversationListRequest, ConversationPage, ConversationRequest, ConversationView, MessagePage,
    OlderMessagesRequest, SendMessageInput,
};
use async_trait::async_trait;

#[async_trait]
impl InboxStorage for Store {
    async fn conversations(
        &self,
        workspace_id: i64,
        viewer_id: i64,
        request: ConversationListRequest,
    ) -> Result<ConversationPage, AppError> {
        conversations::conversations(self, workspace_id, viewer_id, request).await
    }

    async fn older_messages(
        &self,
        workspace_id: i64,
        request: OlderMessagesRequest,
    ) -> Result<MessagePage, AppError> {
        conversations::older_messages(self, workspace_id, request).await
    }

    async fn conversation(
        &self,
        workspace_id: i64,
        viewer_id: i64,
        request: ConversationRequest,
    ) -> Result<ConversationView, AppError> {
        conversations::conversation(self, workspace_id, viewer_id, request).await
    }

    async fn store_outgoing(
        &self,
        workspace_id: i64,
        sender_id: i64,
        input: &SendMessageInput,
        now: i64,
    ) -> Result<SentMessage, AppError> {
        send::store_outgoing(self, workspace_id, sender_id, input, now).await
    }

    async fn block_contact(
        &self,
        workspace_id: i64,
        contact_id: i64,
        by_user: i64,
        now: i64,
    ) -> Result<(), AppError> {
        blocking::block_contact(self, workspace_id, contact_id, by_user, now).await
    }

    async fn unblock_contacts(
        &self,
        workspace_id: i64,
        contact_ids: &[i64],
        by_user: i64,
        now: i64,
    ) -> Result<u64, AppError> {
        blocking::unblock_contacts(self, workspace_id, contact_ids, by_user, now).await
    }
}

#[async_trait]
impl IngressStorage for Store {
    async fn channel(&self, channel_id: i64) -> Result<Option<IngressChannel>, AppError> {
        channels::ingress_channel(self, channel_id).await
    }

    async fn receive_message(
        &self,
        channel: &IngressChannel,
        message: &IncomingMessage,
        now: i64,
    ) -> Result<Received, AppError> {
        ingress::receive_message(self, channel, message, now).await
    }
}
