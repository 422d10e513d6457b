//! What the current request says about its client: its address, and
//! whether it is a plain HTML form post.

use axum::extract::ConnectInfo;
use leptos::prelude::use_context;
use std::net::SocketAddr;

/// The client's address, for slowing down repeated failed sign-ins.
pub async fn client_address() -> String {
    leptos_axum::extract::<ConnectInfo<SocketAddr>>()
        .await
        .map_or_else(
            |_| "unknown".to_string(),
            |ConnectInfo(address)| address.ip().to_string(),
        )
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
