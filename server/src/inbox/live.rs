//! Live updates for open Inboxes: a broadcast channel per workspace, sent
//! to browsers as server-sent events.
//!
//! The channels live in this server's memory, which is right for one
//! server. Several servers behind a load balancer would each see only their
//! own events; they would need a shared feed (PostgreSQL LISTEN/NOTIFY or a
//! message broker) that every server forwards into its local channels.

use app::error::AppError;
use app::inbox::model::InboxEvent;
use app::ssr::Accounts;
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

/// The per-workspace broadcast channels.
#[derive(Clone, Default)]
pub struct LiveUpdates {
    channels: Arc<Mutex<HashMap<i64, broadcast::Sender<InboxEvent>>>>,
}

impl LiveUpdates {
    fn channels(&self) -> std::sync::MutexGuard<'_, HashMap<i64, broadcast::Sender<InboxEvent>>> {
        self.channels
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Tells every open Inbox of the workspace that something changed.
    pub fn publish(&self, workspace_id: i64, event: InboxEvent) {
        let mut channels = self.channels();
        if let Some(sender) = channels.get(&workspace_id) {
            if sender.send(event).is_err() {
                // Nobody listens any more.
                channels.remove(&workspace_id);
            }
        }
    }

    /// Starts listening to a workspace's events.
    pub fn subscribe(&self, workspace_id: i64) -> broadcast::Receiver<InboxEvent> {
        self.channels()
            .entry(workspace_id)
            .or_insert_with(|| broadcast::channel(BUFFER).0)
            .subscribe()
    }
}

/// What the event-stream handler needs.
#[derive(Clone)]
pub struct LiveState {
    pub live: LiveUpdates,
    pub accounts: Arc<dyn Accounts>,
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

/// The receiver's events; a browser that fell behind gets one event
/// without data, which also makes it refetch.
fn events(
    receiver: broadcast::Receiver<InboxEvent>,
) -> impl Stream<Item = Result<Event, Infallible>> {
    stream::unfold(receiver, |mut receiver| async move {
        let event = match receiver.recv().await {
            Ok(event) => Event::default().data(serde_json::to_string(&event).unwrap_or_default()),
            Err(broadcast::error::RecvError::Lagged(_)) => Event::default().data("{}"),
            Err(broadcast::error::RecvError::Closed) => return None,
        };
        Some((Ok(event), receiver))
    })
}
