//! Live updates between servers: on PostgreSQL every server publishes
//! workspace events with `NOTIFY` and keeps one `LISTEN` connection that
//! hands them to its own open Inboxes. On SQLite there is one server, and
//! events stay in its memory.

use super::{Context, Dialect, StorageError, Store, StoreError};
use crate::inbox::live::{Delivery, LiveFeed, LiveUpdates, LocalChannels};
use app::inbox::model::InboxEvent;
use async_trait::async_trait;
use serde::{Deserialize, Serialize};
use sqlx::postgres::PgListener;
use std::sync::Arc;
use std::time::Duration;

/// The notification channel every server listens to.
const CHANNEL: &str = "contacts_inbox_events";
/// How long the listener waits before connecting again after a failure.
const RECONNECT_PAUSE: Duration = Duration::from_secs(1);

/// One notification's payload.
#[derive(Serialize, Deserialize)]
struct Notice {
    workspace_id: i64,
    event: InboxEvent,
}

struct NotifyFeed {
    store: Store,
}

#[async_trait]
impl LiveFeed for NotifyFeed {
    async fn publish(&self, workspace_id: i64, event: InboxEvent) -> Result<(), StoreError> {
        let payload = serde_json::to_string(&Notice {
            workspace_id,
            event,
        })
        .unwrap_or_default();
        sqlx::query("SELECT pg_notify($1, $2)")
            .bind(CHANNEL)
            .bind(payload)
            .execute(&self.store.pool)
            .await
            .context("publish: notifying the other servers")?;
        Ok(())
    }
}

impl Store {
    /// Live updates for this server: in memory on SQLite; on PostgreSQL
    /// through `NOTIFY`, with a listener started on the current runtime.
    pub async fn live_updates(&self) -> Result<LiveUpdates, StorageError> {
        if self.dialect == Dialect::Sqlite {
            return Ok(LiveUpdates::default());
        }
        let local = LocalChannels::default();
        let listener = connect(&self.url).await.map_err(StorageError::Open)?;
        tokio::spawn(listen(self.url.clone(), listener, local.clone()));
        Ok(LiveUpdates::shared(
            Arc::new(NotifyFeed {
                store: self.clone(),
            }),
            local,
        ))
    }
}

/// Hands notifications to this server's open Inboxes. After a lost
/// connection (`PgListener` reconnects by itself before it says so) or a
/// failure (a new listener is connected), events may have been missed, so
/// every open Inbox refetches.
async fn listen(url: String, mut listener: PgListener, local: LocalChannels) {
    loop {
        match listener.try_recv().await {
            Ok(Some(notification)) => {
                match serde_json::from_str::<Notice>(notification.payload()) {
                    Ok(notice) => local.deliver(notice.workspace_id, Delivery::Event(notice.event)),
                    Err(error) => tracing::warn!(%error, "unreadable live update"),
                }
            }
            Ok(None) => {
                tracing::warn!("live updates: the connection was lost and is back");
                local.refetch_all();
            }
            Err(error) => {
                tracing::warn!(%error, "live updates: listening failed, reconnecting");
                listener = reconnect(&url).await;
                local.refetch_all();
            }
        }
    }
}

async fn reconnect(url: &str) -> PgListener {
    loop {
        tokio::time::sleep(RECONNECT_PAUSE).await;
        match connect(url).await {
            Ok(listener) => return listener,
            Err(error) => tracing::warn!(%error, "live updates: cannot reach the database"),
        }
    }
}

async fn connect(url: &str) -> Result<PgListener, sqlx::Error> {
    let mut listener = PgListener::connect(url).await?;
    listener.listen(CHANNEL).await?;
    Ok(listener)
}
