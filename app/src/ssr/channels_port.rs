//! The channels seam: the workspace's channels and their ingress tokens.

use crate::error::AppError;
use crate::settings::model::ChannelSettings;
use async_trait::async_trait;

/// The workspace's channels and their ingress tokens.
#[async_trait]
pub trait ChannelsPort: Send + Sync {
    /// Every channel of the workspace, with its token.
    async fn channels(&self, workspace_id: i64) -> Result<Vec<ChannelSettings>, AppError>;

    /// Replaces a channel's token with a new random one and returns it.
    async fn rotate_token(&self, workspace_id: i64, channel_id: i64) -> Result<String, AppError>;
}
