//! Channel ingress: `POST /api/ingress/{channel_id}` receives a channel's
//! incoming messages (JSON, see [`payload`] and the README), authenticated
//! by the channel's secret token (`Authorization: Bearer <token>`).

mod payload;

pub use payload::{IncomingMessage, IngressPayload, PayloadError, SenderPayload};

use crate::inbox::live::LiveUpdates;
use app::inbox::model::InboxEventKind;
use app::ssr::Clock;
use async_trait::async_trait;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{DefaultBodyLimit, Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Json, Router};
use serde_json::json;
use shared::channel::ChannelKind;
use shared::text::{excerpt, EXCERPT_CHARS};
use std::sync::Arc;
use subtle::ConstantTimeEq;

/// The largest body accepted, in bytes.
pub const MAX_BODY_BYTES: usize = 64 * 1024;

/// What ingress needs to know about a channel.
#[derive(Debug, Clone)]
pub struct IngressChannel {
    pub id: i64,
    pub workspace_id: i64,
    pub kind: ChannelKind,
    pub token: String,
}

/// What storing an incoming message did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Received {
    pub contact_id: i64,
    pub message_id: i64,
    /// The sender was unknown on this channel and became a new contact.
    pub new_contact: bool,
    /// The same channel message id was stored before; nothing changed.
    pub duplicate: bool,
    /// The contact is blocked: the message is kept but not shown (R27).
    pub hidden: bool,
}

/// What ingress reads and stores.
#[async_trait]
pub trait IngressStorage: Send + Sync {
    /// The channel messages are posted to, if it exists.
    async fn channel(
        &self,
        channel_id: i64,
    ) -> Result<Option<IngressChannel>, app::error::AppError>;

    /// Stores one incoming message: an unknown sender becomes a contact, a
    /// blocked contact's message is kept hidden (R27), and the same
    /// `(channel, message id)` is stored once.
    async fn receive_message(
        &self,
        channel: &IngressChannel,
        message: &IncomingMessage,
        now: i64,
    ) -> Result<Received, app::error::AppError>;
}

/// What the ingress handler needs.
#[derive(Clone)]
pub struct IngressState {
    pub store: Arc<dyn IngressStorage>,
    pub live: LiveUpdates,
    /// The time a message is received at.
    pub clock: Arc<dyn Clock>,
}

/// The ingress routes, with their body limit.
pub fn routes(state: IngressState) -> Router {
    Router::new()
        .route("/api/ingress/{channel_id}", post(receive))
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .with_state(state)
}

/// An error answer: `{"error": "...", "field": "..."}`.
fn refuse(status: StatusCode, field: Option<&str>, message: impl Into<String>) -> Response {
    let message = message.into();
    (status, Json(json!({ "error": message, "field": field }))).into_response()
}

fn bearer_token(headers: &HeaderMap) -> Option<&str> {
    headers
        .get(header::AUTHORIZATION)?
        .to_str()
        .ok()?
        .strip_prefix("Bearer ")
        .map(str::trim)
}

/// Receives one incoming message. Answers 201 when stored, 200 when the
/// same message id was stored before, 401 for a wrong channel or token,
/// 400 for unreadable JSON, 413 for a body over [`MAX_BODY_BYTES`] and 422
/// naming the field that is wrong. Nothing is stored unless all is well.
pub async fn receive(
    State(state): State<IngressState>,
    Path(channel_id): Path<String>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let channel = match channel_id.parse::<i64>() {
        Ok(id) => match state.store.channel(id).await {
            Ok(channel) => channel,
            Err(_) => {
                return refuse(StatusCode::INTERNAL_SERVER_ERROR, None, "Storage failed.");
            }
        },
        Err(_) => None,
    };
    let authentic = match (&channel, bearer_token(&headers)) {
        (Some(channel), Some(token)) => {
            bool::from(channel.token.as_bytes().ct_eq(token.as_bytes()))
        }
        _ => false,
    };
    let Some(channel) = channel.filter(|_| authentic) else {
        return refuse(
            StatusCode::UNAUTHORIZED,
            Some("Authorization"),
            "Unknown channel or wrong token.",
        );
    };
    let body = match body {
        Ok(body) => body,
        Err(rejection) if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE => {
            return refuse(
                StatusCode::PAYLOAD_TOO_LARGE,
                None,
                format!("The body is larger than {MAX_BODY_BYTES} bytes."),
            );
        }
        Err(rejection) => return refuse(rejection.status(), None, rejection.body_text()),
    };
    let payload: IngressPayload = match serde_json::from_slice(&body) {
        Ok(payload) => payload,
        Err(error) => {
            return refuse(
                StatusCode::BAD_REQUEST,
                None,
                format!(
                    "The body is not a valid message: {}.",
                    excerpt(&error.to_string(), EXCERPT_CHARS * 2)
                ),
            );
        }
    };
    let now = state.clock.now();
    let message = match IncomingMessage::try_from(payload) {
        Ok(message) => message.sent_no_later_than(now),
        Err(PayloadError { field, message }) => {
            return refuse(
                StatusCode::UNPROCESSABLE_ENTITY,
                Some(field),
                format!("{field}: {message}"),
            );
        }
    };
    match state.store.receive_message(&channel, &message, now).await {
        Ok(received) => {
            if !received.duplicate && !received.hidden {
                state
                    .live
                    .publish(
                        channel.workspace_id,
                        received.contact_id,
                        InboxEventKind::Message,
                    )
                    .await;
            }
            let (status, outcome) = if received.duplicate {
                (StatusCode::OK, "duplicate")
            } else {
                (StatusCode::CREATED, "stored")
            };
            (
                status,
                Json(json!({
                    "status": outcome,
                    "contact_id": received.contact_id,
                    "message_id": received.message_id,
                    "new_contact": received.new_contact,
                })),
            )
                .into_response()
        }
        Err(_) => refuse(StatusCode::INTERNAL_SERVER_ERROR, None, "Storage failed."),
    }
}
