//! Live updates for open Inboxes, sent to browsers as server-sent events.
//!
//! Each server keeps a broadcast channel per workspace for the event streams
//! it serves. With one server, published events go straight into those
//! channels. With several, they go through a [`LiveFeed`] that every server
//! listens to (PostgreSQL's `LISTEN`/`NOTIFY`), and each server's listener
//! delivers them into its own channels; when the listener lost its
//! connection, every open Inbox is told to refetch.

use crate::storage::StoreError;
use app::error::AppError;
use app::inbox::model::{InboxEvent, InboxEventKind};
use app::ssr::AccountsPort;
use async_trait::async_trait;
use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use futures::stream::{self, Stream};
use std::collections::HashMap;
use std::convert::Infallible;
use std::sync::{Arc, Mutex};
use tokio::sync::broadcast;
use tower_sessions::Session;

/// Events a slow browser may fall behind by before it is told to refetch.
const BUFFER: usize = 64;

/// What an open Inbox is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Delivery {
    /// Something changed for a contact.
    Event(InboxEvent),
    /// Events may have been missed: refetch everything shown.
    Refetch,
}

/// Carries published events to every server's open Inboxes.
#[async_trait]
pub trait LiveFeed: Send + Sync {
    async fn publish(&self, workspace_id: i64, event: InboxEvent) -> Result<(), StoreError>;
}

/// This server's per-workspace broadcast channels.
#[derive(Clone, Default)]
pub struct LocalChannels {
    channels: Arc<Mutex<HashMap<i64, broadcast::Sender<Delivery>>>>,
}

impl LocalChannels {
    fn channels(&self) -> std::sync::MutexGuard<'_, HashMap<i64, broadcast::Sender<Delivery>>> {
        self.channels
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Sends to the open Inboxes of one workspace on this server.
    pub fn deliver(&self, workspace_id: i64, delivery: Delivery) {
        let mut channels = self.channels();
        if let Some(sender) = channels.get(&workspace_id) {
            if sender.send(delivery).is_err() {
                // Nobody listens any more.
                channels.remove(&workspace_id);
            }
        }
    }

    /// Tells every open Inbox on this server to refetch.
    pub fn refetch_all(&self) {
        self.channels()
            .retain(|_, sender| sender.send(Delivery::Refetch).is_ok());
    }

    fn subscribe(&self, workspace_id: i64) -> broadcast::Receiver<Delivery> {
        self.channels()
            .entry(workspace_id)
            .or_insert_with(|| broadcast::channel(BUFFER).0)
            .subscribe()
    }
}

/// Publishing and listening to workspace events.
#[derive(Clone, Default)]
pub struct LiveUpdates {
    local: LocalChannels,
    /// `None`: this server is the only one, events stay in its memory.
    feed: Option<Arc<dyn LiveFeed>>,
}

impl LiveUpdates {
    /// Events shared through `feed`, whose listener delivers into `local`.
    pub fn shared(feed: Arc<dyn LiveFeed>, local: LocalChannels) -> Self {
        LiveUpdates {
            local,
            feed: Some(feed),
        }
    }

    /// Tells every open Inbox of the workspace, on every server, that
    /// something of `kind` changed for a contact. The change itself is
    /// already stored; an event that cannot be sent is logged.
    pub async fn publish(&self, workspace_id: i64, contact_id: i64, kind: InboxEventKind) {
        let event = InboxEvent { contact_id, kind };
        match &self.feed {
            None => self.local.deliver(workspace_id, Delivery::Event(event)),
            Some(feed) => {
                if let Err(error) = feed.publish(workspace_id, event).await {
                    tracing::warn!(%error, workspace_id, "live update not sent");
                }
            }
        }
    }

    /// Starts listening to a workspace's events on this server.
    pub fn subscribe(&self, workspace_id: i64) -> broadcast::Receiver<Delivery> {
        self.local.subscribe(workspace_id)
    }
}

/// What the event-stream handler needs.
#[derive(Clone)]
pub struct LiveState {
    pub live: LiveUpdates,
    pub accounts: Arc<dyn AccountsPort>,
}

/// `GET /api/inbox/events`: the signed-in user's workspace events as
/// server-sent events (`data: {"contact_id":1,"kind":"message"}`).
pub async fn inbox_events(State(state): State<LiveState>, session: Session) -> Response {
    let Some(auth) = app::ssr::session_auth(&session).await else {
        return unauthorized();
    };
    match state.accounts.viewer(auth.user_id, auth.workspace_id).await {
        Ok(Some(_)) => {}
        Ok(None) => return unauthorized(),
        Err(error) => {
            return (StatusCode::INTERNAL_SERVER_ERROR, error.to_string()).into_response();
        }
    }
    let receiver = state.live.subscribe(auth.workspace_id);
    Sse::new(events(receiver))
        .keep_alive(KeepAlive::default())
        .into_response()
}

fn unauthorized() -> Response {
    (
        StatusCode::UNAUTHORIZED,
        [(header::CONTENT_TYPE, "application/json")],
        serde_json::to_string(&AppError::Unauthorized).unwrap_or_default(),
    )
        .into_response()
}

/// The receiver's events; a refetch, or a browser that fell behind, gets
/// an event that names no contact, which makes the Inbox refetch.
fn events(
    receiver: broadcast::Receiver<Delivery>,
) -> impl Stream<Item = Result<Event, Infallible>> {
    stream::unfold(receiver, |mut receiver| async move {
        let event = match receiver.recv().await {
            Ok(Delivery::Event(event)) => {
                Event::default().data(serde_json::to_string(&event).unwrap_or_default())
            }
            Ok(Delivery::Refetch) | Err(broadcast::error::RecvError::Lagged(_)) => {
                Event::default().data("{}")
            }
            Err(broadcast::error::RecvError::Closed) => return None,
        };
        Some((Ok(event), receiver))
    })
}
