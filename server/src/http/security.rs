//! Request checks that protect signed-in users: pages need a session, and
//! state-changing requests must come from this site.

use app::auth::Viewer;
use app::error::{AppError, Refusal};
use app::ssr::AccountsPort;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use percent_encoding::{utf8_percent_encode, AsciiSet};
use std::sync::Arc;
use tower_sessions::Session;

/// Whether a path is an app page (not an API call or a static file).
fn is_page(path: &str) -> bool {
    let last_segment = path.rsplit('/').next().unwrap_or_default();
    !path.starts_with("/api/") && !path.starts_with("/pkg/") && !last_segment.contains('.')
}

/// Whether a request asks for an app page, which Leptos renders.
pub fn is_page_request(request: &Request) -> bool {
    matches!(*request.method(), Method::GET | Method::HEAD) && is_page(request.uri().path())
}

/// The signed-in member behind a request's session, if any.
async fn session_viewer(accounts: &dyn AccountsPort, session: Option<Session>) -> Option<Viewer> {
    let auth = app::ssr::session_auth(&session?).await?;
    accounts
        .viewer(auth.user_id, auth.workspace_id)
        .await
        .ok()
        .flatten()
}

/// Sends signed-out visitors of any page but the sign-in page to it,
/// remembering where they wanted to go. For signed-in members it loads the
/// viewer once and hands it to the page render (request extensions), so the
/// signed-in frame renders without waiting on a resource. Every page also
/// gets its interface language there: the user's choice, else the
/// browser's.
pub async fn require_session_for_pages(
    State(accounts): State<Arc<dyn AccountsPort>>,
    mut request: Request,
    next: Next,
) -> Response {
    if !is_page_request(&request) {
        return next.run(request).await;
    }
    let browser_language = app::ssr::language_from_headers(request.headers(), None);
    request.extensions_mut().insert(browser_language);
    let mut language = browser_language;
    if request.uri().path() != "/login" {
        let session = request.extensions().get::<Session>().cloned();
        let viewer = session_viewer(accounts.as_ref(), session).await;
        if let Some(viewer) = viewer {
            if let Some(chosen) = viewer.language {
                language = chosen;
                request.extensions_mut().insert(chosen);
            }
            request.extensions_mut().insert(viewer);
        } else {
            let target = request
                .uri()
                .path_and_query()
                .map_or("/", axum::http::uri::PathAndQuery::as_str);
            let login = if target == "/" {
                "/login".to_string()
            } else {
                format!("/login?next={}", utf8_percent_encode(target, NEXT_VALUE))
            };
            return Redirect::to(&login).into_response();
        }
    }
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_LANGUAGE,
        HeaderValue::from_static(language.code()),
    );
    headers.append(header::VARY, HeaderValue::from_static("Accept-Language"));
    response
}

/// Answers a request handled outside Leptos (file uploads and downloads)
/// in its reader's language: the signed-in user's choice, else the
/// browser's.
pub async fn answer_in_readers_language(
    State(accounts): State<Arc<dyn AccountsPort>>,
    request: Request,
    next: Next,
) -> Response {
    let session = request.extensions().get::<Session>().cloned();
    let chosen = session_viewer(accounts.as_ref(), session)
        .await
        .and_then(|viewer| viewer.language);
    let language = app::ssr::language_from_headers(request.headers(), chosen);
    app::layout::answer_in(language, next.run(request)).await
}

/// How the page asked for travels in `next=`: escaped as a query value,
/// slashes kept readable.
const NEXT_VALUE: &AsciiSet = &app::contacts::url::QUERY_VALUE.remove(b'/');

/// The origin (`scheme://host[:port]`) a request says it came from.
fn request_origin(headers: &HeaderMap) -> Option<String> {
    if let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) {
        return Some(origin.to_string());
    }
    let referer = headers.get(header::REFERER)?.to_str().ok()?;
    let (scheme, rest) = referer.split_once("://")?;
    let host = rest.split('/').next()?;
    Some(format!("{scheme}://{host}"))
}

/// Paths that other systems post to, authenticated by their own token
/// instead of a session cookie (channel ingress).
const TOKEN_AUTHENTICATED_PREFIX: &str = "/api/ingress/";

/// How the site is served, for comparing a request's origin with it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SiteScheme {
    /// Served over HTTPS (behind a proxy that terminates TLS, or directly).
    pub https: bool,
}

impl SiteScheme {
    fn as_str(self) -> &'static str {
        if self.https {
            "https"
        } else {
            "http"
        }
    }

    /// Whether `origin` (`scheme://host[:port]`) is this site, reached as
    /// `host`: the same scheme and the same host and port.
    fn is_same_site(self, origin: &str, host: &str) -> bool {
        origin
            .split_once("://")
            .is_some_and(|(scheme, origin_host)| {
                scheme.eq_ignore_ascii_case(self.as_str()) && origin_host.eq_ignore_ascii_case(host)
            })
    }
}

/// Refuses state-changing requests whose Origin (or Referer) is not this
/// site, so another site cannot act for a signed-in user.
pub async fn refuse_cross_site(
    State(site): State<SiteScheme>,
    request: Request,
    next: Next,
) -> Response {
    let safe = matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    ) || request.uri().path().starts_with(TOKEN_AUTHENTICATED_PREFIX);
    if safe {
        return next.run(request).await;
    }
    let host = request
        .headers()
        .get(header::HOST)
        .and_then(|v| v.to_str().ok());
    let same_site = match (request_origin(request.headers()), host) {
        (Some(origin), Some(host)) => site.is_same_site(&origin, host),
        _ => false,
    };
    if same_site {
        next.run(request).await
    } else {
        AppError::from(Refusal::CrossSite).into_response()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_are_everything_but_api_and_files() {
        assert!(is_page("/"));
        assert!(is_page("/contacts"));
        assert!(!is_page("/api/log_in"));
        assert!(!is_page("/pkg/contacts.js"));
        assert!(!is_page("/favicon.ico"));
    }

    #[test]
    fn the_same_site_has_the_same_scheme_host_and_port() {
        let http = SiteScheme { https: false };
        let https = SiteScheme { https: true };
        assert!(http.is_same_site("http://127.0.0.1:3000", "127.0.0.1:3000"));
        assert!(!http.is_same_site("https://127.0.0.1:3000", "127.0.0.1:3000"));
        assert!(https.is_same_site("https://contacts.example", "contacts.example"));
        assert!(!https.is_same_site("http://contacts.example", "contacts.example"));
        assert!(!http.is_same_site("http://127.0.0.1:3001", "127.0.0.1:3000"));
        assert!(!http.is_same_site("null", "127.0.0.1:3000"));
    }

    #[test]
    fn origin_falls_back_to_the_referer() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::REFERER,
            "http://127.0.0.1:3000/login?x=1".parse().unwrap(),
        );
        assert_eq!(
            request_origin(&headers).as_deref(),
            Some("http://127.0.0.1:3000")
        );
        headers.insert(header::ORIGIN, "https://evil.test".parse().unwrap());
        assert_eq!(
            request_origin(&headers).as_deref(),
            Some("https://evil.test")
        );
    }
}
