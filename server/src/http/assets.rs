//! The site's static files: served from files compressed at build time
//! when the browser accepts them, with cache headers by name.

use axum::extract::Request;
use axum::http::{header, HeaderValue};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use leptos::config::LeptosOptions;
use std::path::Path;
use tower_http::services::ServeDir;

/// Length of the build's content hashes: an MD5 in unpadded base64url.
const HASH_LEN: usize = 22;

/// Whether a file name carries a content hash, so its content never changes
/// under that name: `name.<hash>.ext` as the site build names every file,
/// the long hexadecimal or decimal number the code splitter gives its
/// chunks, or the phone-check module's hexadecimal hash
/// (`phone_check_bg.0123456789abcdef.wasm`).
fn is_hashed(file_name: &str) -> bool {
    let base64url = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_';
    let build_hash = file_name
        .split('.')
        .any(|part| part.len() == HASH_LEN && part.chars().all(base64url));
    build_hash
        || file_name
            .split(['.', '-', '_'])
            .any(|part| part.len() >= 8 && part.chars().all(|c| c.is_ascii_hexdigit()))
}

/// The site's `pkg` folder as a service: a file's `.br` or `.gz` twin
/// (written by `scripts/precompress.js` after the build) goes to browsers
/// that accept it; other files are compressed on the fly by the router's
/// compression layer.
pub fn pkg_files(options: &LeptosOptions) -> ServeDir {
    let folder = Path::new(options.site_root.as_ref()).join(options.site_pkg_dir.as_ref());
    ServeDir::new(folder)
        .precompressed_br()
        .precompressed_gzip()
}

/// The channel marks' sprite ([`app::icons::channel_sprite`]); its path
/// names its content, so browsers keep it for a year.
pub async fn channel_sprite() -> Response {
    (
        [
            (header::CONTENT_TYPE, "image/svg+xml"),
            (header::CACHE_CONTROL, "public, max-age=31536000, immutable"),
        ],
        app::icons::channel_sprite(),
    )
        .into_response()
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
        assert!(super::is_hashed("contacts.Xk_3-9aZbQ0p1LmNoPqRsT.wasm"));
        assert!(super::is_hashed("__wasm_split.Xk_3-9aZbQ0p1LmNoPqRsT.js"));
        assert!(super::is_hashed("chunk-0123abcd.js"));
        assert!(super::is_hashed("phone_check_bg.0123456789abcdef.wasm"));
        assert!(!super::is_hashed("phone-check.json"));
        assert!(!super::is_hashed("contacts.wasm"));
        assert!(!super::is_hashed("contacts.css"));
    }
}
