//! Settings → "Channels": the workspace's channels with the endpoint that
//! receives their incoming messages; owners see and rotate the tokens.

#[cfg(feature = "ssr")]
use crate::auth::Viewer;
use crate::error::AppError;
use leptos::prelude::*;
use leptos_meta::Title;
use serde::{Deserialize, Serialize};
use shared::channel::ChannelKind;
use shared::permissions::Role;

/// A channel as the storage knows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChannelSettings {
    pub id: i64,
    pub kind: ChannelKind,
    pub name: String,
    pub token: String,
}

/// A channel as the settings page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChannelRow {
    pub id: i64,
    pub kind: ChannelKind,
    pub name: String,
    /// Where the channel's incoming messages are posted.
    pub endpoint_url: String,
    /// The secret token; only owners get it.
    pub token: Option<String>,
}

/// Who may see and rotate ingress tokens: owners only.
pub fn may_manage_channel_tokens(role: Role) -> bool {
    role == Role::Owner
}

/// The ingress path of a channel (see the README for the JSON it takes).
pub fn ingress_path(channel_id: i64) -> String {
    format!("/api/ingress/{channel_id}")
}

#[cfg(feature = "ssr")]
fn require_owner(viewer: &Viewer) -> Result<(), AppError> {
    if may_manage_channel_tokens(viewer.role()) {
        Ok(())
    } else {
        Err(AppError::Forbidden(
            "Only owners can manage channel tokens.".into(),
        ))
    }
}

/// The workspace's channels; tokens only for owners.
#[server(endpoint = "channels_list")]
#[cfg_attr(feature = "ssr", tracing::instrument(err))]
pub async fn channels_list() -> Result<Vec<ChannelRow>, AppError> {
    let viewer = crate::ssr::require_viewer().await?;
    let show_tokens = may_manage_channel_tokens(viewer.role());
    let origin = request_origin();
    let channels = crate::ssr::workspace_channels()?
        .channels(viewer.workspace.id)
        .await?;
    Ok(channels
        .into_iter()
        .map(|channel| ChannelRow {
            id: channel.id,
            kind: channel.kind,
            name: channel.name,
            endpoint_url: format!("{origin}{}", ingress_path(channel.id)),
            token: show_tokens.then_some(channel.token),
        })
        .collect())
}

/// Replaces a channel's token (owners only); the old one stops working.
#[server(endpoint = "channels_rotate_token")]
#[cfg_attr(feature = "ssr", tracing::instrument(err))]
pub async fn channels_rotate_token(channel_id: i64) -> Result<(), AppError> {
    let viewer = crate::ssr::require_viewer().await?;
    require_owner(&viewer)?;
    crate::ssr::workspace_channels()?
        .rotate_token(viewer.workspace.id, channel_id)
        .await
        .map(|_| ())
}

/// The channels page.
#[component]
pub fn ChannelsPage() -> impl IntoView {
    let rotate = ServerAction::<ChannelsRotateToken>::new();
    let channels = Resource::new(move || rotate.version().get(), |_| channels_list());
    let rotate_error = move || {
        rotate
            .value()
            .get()
            .and_then(Result::err)
            .map(|error| error.to_string())
    };
    view! {
        <Title text="Channels · Settings · Contacts"/>
        <h1>"Channels"</h1>
        <p class="muted">
            "Each channel posts its incoming messages as JSON to its endpoint, with its token "
            "in the header " <code>"Authorization: Bearer <token>"</code> "."
        </p>
        <p class="form-error" role="alert">{rotate_error}</p>
        <Transition fallback=|| view! { <p class="loading">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match channels.await {
                    Ok(rows) => view! {
                        <ul class="channel-settings" aria-label="Channels">
                            {rows.into_iter().map(|row| view! { <ChannelCard row rotate/> }).collect_view()}
                        </ul>
                    }
                    .into_any(),
                    Err(error) => view! { <p role="alert">{error.to_string()}</p> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn ChannelCard(row: ChannelRow, rotate: ServerAction<ChannelsRotateToken>) -> impl IntoView {
    let token_label = format!("Token of {}", row.name);
    let token_id = format!("channel-token-{}", row.id);
    view! {
        <li class="channel-setting">
            <h2>{row.name.clone()}</h2>
            <p class="muted">{row.kind.label()}</p>
            <p>"Endpoint: " <code>{row.endpoint_url.clone()}</code></p>
            {row.token.map(|token| view! {
                <label for=token_id.clone()>{token_label.clone()}</label>
                <input id=token_id.clone() class="token" readonly value=token/>
                <ActionForm action=rotate>
                    <input type="hidden" name="channel_id" value=row.id.to_string()/>
                    <button type="submit" class="button">
                        "Rotate token"
                        <span class="visually-hidden">" of " {row.name.clone()}</span>
                    </button>
                </ActionForm>
            })}
        </li>
    }
}

/// This site's origin as the request names it (`http://host:port`), so the
/// endpoint shown is a full URL; `https` when a proxy says so.
#[cfg(feature = "ssr")]
fn request_origin() -> String {
    let Some(parts) = use_context::<axum::http::request::Parts>() else {
        return String::new();
    };
    let header = |name: &str| {
        parts
            .headers
            .get(name)
            .and_then(|value| value.to_str().ok())
            .map(str::to_owned)
    };
    let scheme = header("x-forwarded-proto").unwrap_or_else(|| "http".into());
    header("host")
        .map(|host| format!("{scheme}://{host}"))
        .unwrap_or_default()
}
