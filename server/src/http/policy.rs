//! The Content-Security-Policy of every response, decided in one place by
//! what the response is: an HTML document gets the page policy with a nonce
//! of its own, everything else (server-function answers, files, streams,
//! redirects) the policy that allows nothing.
//!
//! Deciding it here, after the response exists, means no code path can
//! serve a page with the wrong policy: the page render only reads the nonce
//! this layer chose for the request.

use axum::extract::Request;
use axum::http::{header, HeaderValue, Response};
use axum::middleware::Next;
use axum::response::Response as AxumResponse;
use leptos::nonce::Nonce;
use leptos::prelude::{provide_context, use_context};

/// For anything that is not a page: nothing may load or run.
const NOTHING_ALLOWED: &str = "default-src 'none'; frame-ancestors 'none'";

/// For pages: scripts from this origin or carrying the response's nonce
/// (the inline hydration script does), styles and data from this origin.
fn page_policy(nonce: &Nonce) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self'; img-src 'self' data:; connect-src 'self'; \
         object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
    )
}

fn is_html<B>(response: &Response<B>) -> bool {
    response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.starts_with("text/html"))
}

/// Gives each request a fresh nonce (handed to the page render through the
/// request's extensions) and sets the policy that fits the response.
pub async fn content_security_policy(mut request: Request, next: Next) -> AxumResponse {
    let nonce = Nonce::new();
    request.extensions_mut().insert(nonce.clone());
    let mut response = next.run(request).await;
    let page = is_html(&response)
        .then(|| HeaderValue::from_str(&page_policy(&nonce)).ok())
        .flatten();
    response.headers_mut().insert(
        header::CONTENT_SECURITY_POLICY,
        page.unwrap_or(HeaderValue::from_static(NOTHING_ALLOWED)),
    );
    response
}

/// Makes the request's nonce the one the page render puts on its scripts.
/// Runs in the Leptos context of each request.
pub fn provide_request_nonce() {
    let nonce = use_context::<axum::http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<Nonce>().cloned());
    if let Some(nonce) = nonce {
        provide_context(nonce);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_html_documents_are_pages() {
        let html = Response::builder()
            .header(header::CONTENT_TYPE, "text/html; charset=utf-8")
            .body(())
            .expect("response");
        let json = Response::builder()
            .header(header::CONTENT_TYPE, "application/json")
            .body(())
            .expect("response");
        let redirect = Response::builder().status(302).body(()).expect("response");
        assert!(is_html(&html));
        assert!(!is_html(&json));
        assert!(!is_html(&redirect));
    }

    #[test]
    fn the_page_policy_names_the_nonce() {
        let nonce = Nonce::new();
        assert!(page_policy(&nonce).contains(&format!("'nonce-{nonce}'")));
    }
}
