//! Reading and writing the session of the current request.

use super::services::accounts;
use crate::auth::Viewer;
use crate::error::AppError;
use serde::{Deserialize, Serialize};
use shared::permissions::{check, Action, Context, Module};
use tower_sessions::Session;

const AUTH_KEY: &str = "auth";

/// What the session remembers: who, and in which workspace.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionAuth {
    pub user_id: i64,
    pub workspace_id: i64,
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
/// no longer a member. The rest of the answer is worded in the viewer's
/// chosen language.
pub async fn require_viewer() -> Result<Viewer, AppError> {
    let viewer = if let Some(viewer) = viewer_of_page() {
        viewer
    } else {
        let auth = current_auth().await?;
        accounts()?
            .viewer(auth.user_id, auth.workspace_id)
            .await?
            .ok_or(AppError::Unauthorized)?
    };
    if let Some(language) = viewer.language {
        leptos::prelude::provide_context(crate::layout::ChosenLanguage(language));
    }
    Ok(viewer)
}

/// The viewer the page's own session check loaded for this request (see
/// `require_session_for_pages` in the server), so the server functions a
/// page render calls do not each read it again.
fn viewer_of_page() -> Option<Viewer> {
    leptos::prelude::use_context::<axum::http::request::Parts>()?
        .extensions
        .get::<Viewer>()
        .cloned()
}

/// The signed-in viewer, refused (403 with the permission matrix's reason)
/// unless their role may do `action` in `module`.
pub async fn viewer_may(action: Action, module: Module) -> Result<Viewer, AppError> {
    let viewer = require_viewer().await?;
    authorize(&viewer, action, module)?;
    Ok(viewer)
}

/// Refuses (403 with the permission matrix's reason) unless the viewer's
/// role may do `action` in `module`.
pub fn authorize(viewer: &Viewer, action: Action, module: Module) -> Result<(), AppError> {
    Ok(check(viewer.role(), action, &Context::new(module))?)
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

/// The user and workspace of a session, for plain axum handlers (such as
/// the CSV download and the Inbox's event stream) that run outside the
/// Leptos context.
pub async fn session_auth(session: &Session) -> Option<SessionAuth> {
    session.get::<SessionAuth>(AUTH_KEY).await.ok().flatten()
}
