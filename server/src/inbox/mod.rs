//! The Inbox service: storage plus live updates plus outbound delivery,
//! behind the app's [`Inbox`] port. Its own storage port is
//! [`InboxStorage`].

pub mod live;
pub mod merge_events;
pub mod outbound;

use app::error::{AppError, Refusal};
use app::inbox::model::{
    ConversationListRequest, ConversationPage, ConversationRequest, ConversationView,
    InboxEventKind, MessagePage, MessageView, OlderMessagesRequest, SendMessageInput,
};
use app::ssr::InboxPort;
use async_trait::async_trait;
use live::LiveUpdates;
use outbound::{Delivery, OutboundChannel};
use shared::channel::ChannelKind;
use std::sync::Arc;

/// An outgoing message as stored, with who it goes to on its channel.
#[derive(Debug, Clone)]
pub struct SentMessage {
    pub message: MessageView,
    pub channel_id: i64,
    pub kind: ChannelKind,
    /// The contact's id on the channel (phone number, address, …).
    pub recipient: String,
}

/// What the Inbox stores and reads; the app's [`Inbox`] port without the
/// live updates and the delivery.
#[async_trait]
pub trait InboxStorage: Send + Sync {
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

    /// One contact's conversation; marks it read for the viewer.
    async fn conversation(
        &self,
        workspace_id: i64,
        viewer_id: i64,
        request: ConversationRequest,
    ) -> Result<ConversationView, AppError>;

    /// Stores an outgoing message by `sender_id` on a channel the contact
    /// can be reached on now, connecting an inactive channel first (R8), and
    /// reopens a closed conversation.
    async fn store_outgoing(
        &self,
        workspace_id: i64,
        sender_id: i64,
        input: &SendMessageInput,
        now: i64,
    ) -> Result<SentMessage, AppError>;

    /// R27: closes and blocks the contact's conversation, stops its
    /// workflows and records who blocked it.
    async fn block_contact(
        &self,
        workspace_id: i64,
        contact_id: i64,
        by_user: i64,
        now: i64,
    ) -> Result<(), AppError>;

    /// R28, for each named contact still blocked, in one transaction:
    /// reopens what blocking closed, as closed, and shows the hidden messages
    /// again. Returns how many were unblocked.
    async fn unblock_contacts(
        &self,
        workspace_id: i64,
        contact_ids: &[i64],
        by_user: i64,
        now: i64,
    ) -> Result<u64, AppError>;
}

/// The Inbox as server functions see it.
#[derive(Clone)]
pub struct InboxService {
    store: Arc<dyn InboxStorage>,
    live: LiveUpdates,
    outbound: Arc<dyn OutboundChannel>,
}

impl InboxService {
    /// The service over a store, publishing to `live`, delivering through
    /// `outbound`.
    pub fn new(
        store: Arc<dyn InboxStorage>,
        live: LiveUpdates,
        outbound: Arc<dyn OutboundChannel>,
    ) -> Self {
        Self {
            store,
            live,
            outbound,
        }
    }
}

#[async_trait]
impl InboxPort for InboxService {
    #[tracing::instrument(skip_all, err(level = "info"))]
    async fn conversations(
        &self,
        workspace_id: i64,
        viewer_id: i64,
        request: ConversationListRequest,
    ) -> Result<ConversationPage, AppError> {
        self.store
            .conversations(workspace_id, viewer_id, request)
            .await
    }

    #[tracing::instrument(skip_all, err(level = "info"))]
    async fn older_messages(
        &self,
        workspace_id: i64,
        request: OlderMessagesRequest,
    ) -> Result<MessagePage, AppError> {
        self.store.older_messages(workspace_id, request).await
    }

    #[tracing::instrument(skip_all, err(level = "info"))]
    async fn conversation(
        &self,
        workspace_id: i64,
        viewer_id: i64,
        request: ConversationRequest,
    ) -> Result<ConversationView, AppError> {
        self.store
            .conversation(workspace_id, viewer_id, request)
            .await
    }

    #[tracing::instrument(skip(self, input), err)]
    async fn send_message(
        &self,
        workspace_id: i64,
        sender_id: i64,
        input: &SendMessageInput,
        now: i64,
    ) -> Result<MessageView, AppError> {
        let sent = self
            .store
            .store_outgoing(workspace_id, sender_id, input, now)
            .await?;
        let delivery = Delivery {
            channel_id: sent.channel_id,
            kind: sent.kind,
            recipient: sent.recipient,
            body: sent.message.body.clone(),
        };
        if let Err(error) = self.outbound.deliver(&delivery).await {
            // The message stays stored; a failed hand-over is logged.
            tracing::warn!(%error, sender_id, "outgoing message not delivered");
        }
        self.live
            .publish(workspace_id, input.contact_id, InboxEventKind::Message)
            .await;
        Ok(sent.message)
    }

    #[tracing::instrument(skip(self), err)]
    async fn block_contact(
        &self,
        workspace_id: i64,
        contact_id: i64,
        by_user: i64,
        now: i64,
    ) -> Result<(), AppError> {
        self.store
            .block_contact(workspace_id, contact_id, by_user, now)
            .await?;
        self.live
            .publish(workspace_id, contact_id, InboxEventKind::Status)
            .await;
        Ok(())
    }

    #[tracing::instrument(skip(self), err)]
    async fn unblock_contact(
        &self,
        workspace_id: i64,
        contact_id: i64,
        by_user: i64,
        now: i64,
    ) -> Result<(), AppError> {
        let unblocked = self
            .unblock_contacts(workspace_id, &[contact_id], by_user, now)
            .await?;
        if unblocked == 0 {
            return Err(Refusal::NotBlocked.into());
        }
        Ok(())
    }

    #[tracing::instrument(skip(self), err)]
    async fn unblock_contacts(
        &self,
        workspace_id: i64,
        contact_ids: &[i64],
        by_user: i64,
        now: i64,
    ) -> Result<u64, AppError> {
        let unblocked = self
            .store
            .unblock_contacts(workspace_id, contact_ids, by_user, now)
            .await?;
        for &contact_id in contact_ids {
            self.live
                .publish(workspace_id, contact_id, InboxEventKind::Status)
                .await;
        }
        Ok(unblocked)
    }
}
