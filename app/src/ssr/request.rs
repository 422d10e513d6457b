//! What the current request says about its client: its address, its
//! language, and whether it is a plain HTML form post.

use axum::extract::ConnectInfo;
use axum::http::{header, HeaderMap};
use leptos::prelude::use_context;
use shared::UiLanguage;
use std::net::SocketAddr;

/// The interface language of a request: the user's choice, else what the
/// browser asks for (`Accept-Language`), else English.
pub fn language_from_headers(headers: &HeaderMap, chosen: Option<UiLanguage>) -> UiLanguage {
    chosen.unwrap_or_else(|| {
        headers
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|value| value.to_str().ok())
            .map(UiLanguage::from_accept_language)
            .unwrap_or_default()
    })
}

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
