//! Cache headers for the site's static files.

use axum::extract::Request;
use axum::http::{header, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;

/// Whether a file name carries a content hash (`name.<hex>.ext` or
/// `name-<hex>.ext`), so its content never changes under that name.
fn is_hashed(file_name: &str) -> bool {
    file_name
        .split(['.', '-', '_'])
        .any(|part| part.len() >= 8 && part.chars().all(|c| c.is_ascii_hexdigit()))
}

/// Hashed files are cached for a year; the others are revalidated on each
/// use (they carry Last-Modified, so that is a cheap 304).
pub async fn cache_static_files(request: Request, next: Next) -> Response {
    let path = request.uri().path().to_string();
    let mut response = next.run(request).await;
    if !path.starts_with("/pkg/") || !response.status().is_success() {
        return response;
    }
    let file_name = path.rsplit('/').next().unwrap_or_default();
    let policy = if is_hashed(file_name) {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static(policy));
    response
}

#[cfg(test)]
mod tests {
    #[test]
    fn hashed_names_are_recognised() {
        assert!(super::is_hashed("contacts.3f9a1c2b7d.wasm"));
        assert!(super::is_hashed("chunk-0123abcd.js"));
        assert!(!super::is_hashed("contacts.wasm"));
        assert!(!super::is_hashed("contacts.css"));
    }
}
