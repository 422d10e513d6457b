//! Server functions of the sign-in flow. Each reads the session on the server;
//! nothing the browser claims about itself is trusted.

use super::model::{Credentials, Viewer};
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::error::Refusal;
use leptos::prelude::*;
use server_fn::codec::{Json, PostUrl};

#[cfg(feature = "ssr")]
use crate::ssr::{
    accounts, client_address, current_auth, device, redirect_plain_form, SessionAuth, SignInClient,
};

/// Checks the credentials and starts a session in the user's first workspace.
///
/// URL-encoded: the sign-in form posts here as a plain HTML form when
/// JavaScript is off.
#[server(endpoint = "log_in", input = PostUrl)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn log_in(credentials: Credentials) -> Result<Viewer, AppError> {
    let client = SignInClient {
        address: client_address().await,
        device_token: device::device_token(),
    };
    let signed_in = accounts()?
        .sign_in(&credentials.email, &credentials.password, &client)
        .await?;
    if let Some(token) = &signed_in.new_device_token {
        device::remember_device(token);
    }
    let auth = SessionAuth {
        user_id: signed_in.user_id,
        workspace_id: signed_in.workspace_id,
    };
    crate::ssr::start_session(auth).await?;
    let viewer = accounts()?
        .viewer(auth.user_id, auth.workspace_id)
        .await?
        .ok_or(AppError::Unauthorized)?;
    redirect_plain_form("/");
    Ok(viewer)
}

/// Ends the session.
///
/// URL-encoded: the "Sign out" form posts here as a plain HTML form when
/// JavaScript is off.
#[server(endpoint = "log_out", input = PostUrl)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn log_out() -> Result<(), AppError> {
    crate::ssr::end_session().await?;
    redirect_plain_form("/login");
    Ok(())
}

/// The signed-in user in their current workspace.
#[server(endpoint = "current_viewer", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn current_viewer() -> Result<Viewer, AppError> {
    crate::ssr::require_viewer().await
}

/// Moves the session to another workspace the user belongs to.
///
/// URL-encoded: the workspace switcher posts here as a plain HTML form when
/// JavaScript is off.
#[server(endpoint = "switch_workspace", input = PostUrl)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn switch_workspace(workspace_id: i64) -> Result<Viewer, AppError> {
    let auth = current_auth().await?;
    let viewer = accounts()?
        .viewer(auth.user_id, workspace_id)
        .await?
        .ok_or_else(|| AppError::from(Refusal::NotMember))?;
    crate::ssr::start_session(SessionAuth {
        user_id: auth.user_id,
        workspace_id,
    })
    .await?;
    redirect_plain_form("/");
    Ok(viewer)
}

/// Stores the interface language the signed-in user chose; the next page
/// renders in it, in any browser.
///
/// URL-encoded: the "Language" form of the side navigation posts here as a
/// plain HTML form when JavaScript is off.
#[server(endpoint = "set_language", input = PostUrl)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn set_language(language: String) -> Result<(), AppError> {
    let auth = current_auth().await?;
    let language = shared::UiLanguage::parse(&language).map_err(AppError::input)?;
    accounts()?.set_language(auth.user_id, language).await?;
    redirect_plain_form("/");
    Ok(())
}
