//! The cookie that marks a browser the user signed in with before: sign-ins
//! from it are slowed down only by its own failures, so a stranger typing
//! wrong passwords elsewhere cannot keep the real user out.

use axum::http::{header, request::Parts, HeaderValue};
use leptos::prelude::*;
use tower_sessions::cookie::time::Duration;
use tower_sessions::cookie::{Cookie, SameSite};

/// Name of the cookie.
pub const DEVICE_COOKIE: &str = "contacts_device";

/// How long a browser stays known without signing in again.
const DEVICE_COOKIE_DAYS: i64 = 365;

/// Whether cookies are sent over HTTPS only; the server provides it as
/// context with its configuration.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SecureCookies(pub bool);

/// The token this request's browser keeps, if it sent one.
pub fn device_token() -> Option<String> {
    let parts = use_context::<Parts>()?;
    parts
        .headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(Cookie::split_parse)
        .filter_map(Result::ok)
        .find(|cookie| cookie.name() == DEVICE_COOKIE)
        .map(|cookie| cookie.value().to_owned())
}

/// Asks the browser to keep `token` as its device cookie.
pub fn remember_device(token: &str) {
    let Some(response) = use_context::<leptos_axum::ResponseOptions>() else {
        return;
    };
    let secure = use_context::<SecureCookies>().is_some_and(|SecureCookies(secure)| secure);
    let cookie = Cookie::build((DEVICE_COOKIE, token.to_owned()))
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(secure)
        .max_age(Duration::days(DEVICE_COOKIE_DAYS))
        .build();
    if let Ok(value) = HeaderValue::from_str(&cookie.to_string()) {
        response.append_header(header::SET_COOKIE, value);
    }
}
