//! Handing outgoing messages to their channel. Delivery to the real
//! networks (WhatsApp, SMS, e-mail…) is not built yet: an adapter per
//! network implements [`OutboundChannel`].

use async_trait::async_trait;
use shared::channel::ChannelKind;

/// One outgoing message for a channel to deliver.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Delivery {
    pub channel_id: i64,
    pub kind: ChannelKind,
    /// The contact's id on the channel (phone number, address, user id…).
    pub recipient: String,
    pub body: String,
}

/// The channel refused or could not take the message.
#[derive(Debug, thiserror::Error)]
#[error("delivery failed: {0}")]
pub struct DeliveryError(pub String);

/// Delivers messages to a messaging network.
#[async_trait]
pub trait OutboundChannel: Send + Sync {
    /// Hands one message to the network.
    async fn deliver(&self, delivery: &Delivery) -> Result<(), DeliveryError>;
}

/// Delivers nothing: logs what would be sent. The message is stored either
/// way; this stands in until real adapters exist.
#[derive(Debug, Default, Clone, Copy)]
pub struct LogOnlyOutbound;

#[async_trait]
impl OutboundChannel for LogOnlyOutbound {
    async fn deliver(&self, delivery: &Delivery) -> Result<(), DeliveryError> {
        tracing::info!(
            channel = delivery.channel_id,
            kind = %delivery.kind,
            chars = delivery.body.chars().count(),
            "outgoing message recorded (no network adapter configured)"
        );
        Ok(())
    }
}
