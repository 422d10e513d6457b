//! Reading and writing the session of the current request.

use super::contacts_port::ContactsPort;
use super::details_port::DetailsPort;
use super::ports::{Accounts, Services};
use crate::auth::Viewer;
use crate::error::AppError;
use axum::extract::ConnectInfo;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use std::net::SocketAddr;
use std::sync::Arc;
use tower_sessions::Session;

const AUTH_KEY: &str = "auth";

/// What the session remembers: who, and in which workspace.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionAuth {
    pub user_id: i64,
    pub workspace_id: i64,
}

fn services() -> Result<Services, AppError> {
    use_context::<Services>().ok_or_else(|| {
        tracing::error!("services missing from the Leptos context");
        AppError::Internal
    })
}

/// The accounts service.
pub fn accounts() -> Result<Arc<dyn Accounts>, AppError> {
    Ok(services()?.accounts)
}

/// The Contacts module's storage.
pub fn contacts() -> Result<Arc<dyn ContactsPort>, AppError> {
    Ok(services()?.contacts)
}

/// The contact-details service.
pub fn details() -> Result<Arc<dyn DetailsPort>, AppError> {
    Ok(services()?.details)
}

/// The merge service.
pub fn merges() -> Result<Arc<dyn super::MergePort>, AppError> {
    Ok(services()?.merges)
}

/// CSV imports and workspace exports.
pub fn imports() -> Result<Arc<dyn super::ImportsPort>, AppError> {
    Ok(services()?.imports)
}

/// The Inbox service.
pub fn inbox() -> Result<Arc<dyn super::Inbox>, AppError> {
    Ok(services()?.inbox)
}

/// The usage service.
pub fn usage() -> Result<Arc<dyn super::Usage>, AppError> {
    Ok(services()?.usage)
}

/// The workspace-channels service.
pub fn workspace_channels() -> Result<Arc<dyn super::WorkspaceChannels>, AppError> {
    Ok(services()?.channels)
}

async fn session() -> Result<Session, AppError> {
    leptos_axum::extract::<Session>().await.map_err(|error| {
        tracing::error!(%error, "session layer missing");
        AppError::Internal
    })
}

fn session_error(error: tower_sessions::session::Error) -> AppError {
    tracing::error!(%error, "session store failed");
    AppError::Internal
}

/// The session's user and workspace; 401 without a session.
pub async fn current_auth() -> Result<SessionAuth, AppError> {
    session()
        .await?
        .get::<SessionAuth>(AUTH_KEY)
        .await
        .map_err(session_error)?
        .ok_or(AppError::Unauthorized)
}

/// The signed-in viewer in the session's workspace; 401 when signed out or
/// no longer a member.
pub async fn require_viewer() -> Result<Viewer, AppError> {
    let auth = current_auth().await?;
    accounts()?
        .viewer(auth.user_id, auth.workspace_id)
        .await?
        .ok_or(AppError::Unauthorized)
}

/// Starts a fresh session (a new id, so a session fixed before sign-in is
/// worthless) for the given user and workspace.
pub async fn start_session(auth: SessionAuth) -> Result<(), AppError> {
    let session = session().await?;
    session.cycle_id().await.map_err(session_error)?;
    session.insert(AUTH_KEY, auth).await.map_err(session_error)
}

/// Ends the session and forgets it in the store.
pub async fn end_session() -> Result<(), AppError> {
    session().await?.flush().await.map_err(session_error)
}

/// The client's address, for slowing down repeated failed sign-ins.
pub async fn client_address() -> String {
    leptos_axum::extract::<ConnectInfo<SocketAddr>>()
        .await
        .map(|ConnectInfo(address)| address.ip().to_string())
        .unwrap_or_else(|_| "unknown".to_string())
}

/// For a plain HTML form post (no JavaScript), answer with a redirect;
/// calls from the hydrated app handle the result themselves.
pub fn redirect_plain_form(path: &str) {
    let accepts_html = use_context::<axum::http::request::Parts>()
        .and_then(|parts| {
            parts
                .headers
                .get(axum::http::header::ACCEPT)
                .and_then(|value| value.to_str().ok())
                .map(|value| value.contains("text/html"))
        })
        .unwrap_or(false);
    if accepts_html {
        leptos_axum::redirect(path);
    }
}

/// The user and workspace of a session, for plain axum handlers (such as
/// the CSV download and the Inbox's event stream) that run outside the
/// Leptos context.
pub async fn session_auth(session: &Session) -> Option<SessionAuth> {
    session.get::<SessionAuth>(AUTH_KEY).await.ok().flatten()
}
