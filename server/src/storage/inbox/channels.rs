//! The workspace's channels and their ingress tokens.

use super::rows::parse_kind;
use crate::ingress::IngressChannel;
use crate::storage::{Context, Store};
use app::error::{AppError, Missing};
use app::settings::model::ChannelSettings;
use app::ssr::ChannelsPort;
use async_trait::async_trait;
use rand::distributions::Alphanumeric;
use rand::Rng;

/// A new random channel token.
fn new_token() -> String {
    rand::thread_rng()
        .sample_iter(&Alphanumeric)
        .take(40)
        .map(char::from)
        .collect()
}

/// The channel messages are posted to, if it exists.
#[tracing::instrument(skip(store), err)]
pub(super) async fn ingress_channel(
    store: &Store,
    channel_id: i64,
) -> Result<Option<IngressChannel>, AppError> {
    let row: Option<(i64, String, String)> =
        sqlx::query_as("SELECT workspace_id, kind, token FROM channels WHERE id = $1")
            .bind(channel_id)
            .fetch_optional(&store.pool)
            .await
            .context("ingress_channel: reading channels")?;
    Ok(row.and_then(|(workspace_id, kind, token)| {
        parse_kind(&kind).map(|kind| IngressChannel {
            id: channel_id,
            workspace_id,
            kind,
            token,
        })
    }))
}

#[async_trait]
impl ChannelsPort for Store {
    #[tracing::instrument(skip(self), err)]
    async fn channels(&self, workspace_id: i64) -> Result<Vec<ChannelSettings>, AppError> {
        let rows: Vec<(i64, String, String, String)> = sqlx::query_as(
            "SELECT id, kind, name, token FROM channels WHERE workspace_id = $1 ORDER BY id",
        )
        .bind(workspace_id)
        .fetch_all(&self.pool)
        .await
        .context("channels: reading channels")?;
        Ok(rows
            .into_iter()
            .filter_map(|(id, kind, name, token)| {
                parse_kind(&kind).map(|kind| ChannelSettings {
                    id,
                    kind,
                    name,
                    token,
                })
            })
            .collect())
    }

    #[tracing::instrument(skip(self), err)]
    async fn rotate_token(&self, workspace_id: i64, channel_id: i64) -> Result<String, AppError> {
        let token = new_token();
        let updated =
            sqlx::query("UPDATE channels SET token = $1 WHERE id = $2 AND workspace_id = $3")
                .bind(&token)
                .bind(channel_id)
                .bind(workspace_id)
                .execute(&self.pool)
                .await
                .context("rotate_token: updating channels")?;
        if updated.rows_affected() == 0 {
            return Err(AppError::not_found(Missing::Channel));
        }
        Ok(token)
    }
}
