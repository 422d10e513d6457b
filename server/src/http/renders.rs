//! Page renders run to their end, even when the browser goes away.
//!
//! Leptos frees a page's reactive tree (its owners, signals and resources,
//! which refer to each other) only when the response's last chunk has been
//! sent. A render dropped half-way, because the browser navigated on or
//! the connection closed, kept that tree for the life of the process:
//! tens of kilobytes per interrupted page. Each page is therefore rendered
//! in a task of its own that finishes and is read whole, whether or not
//! anyone still waits for it.

use super::security::is_page_request;
use axum::body::{to_bytes, Body};
use axum::extract::Request;
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// Renders pages to the end in their own task; other requests pass through.
pub async fn finish_page_renders(request: Request, next: Next) -> Response {
    if !is_page_request(&request) {
        return next.run(request).await;
    }
    let render = tokio::spawn(async move {
        let (parts, body) = next.run(request).await.into_parts();
        match to_bytes(body, usize::MAX).await {
            Ok(html) => Response::from_parts(parts, Body::from(html)),
            Err(error) => {
                tracing::error!(%error, "rendering a page failed");
                StatusCode::INTERNAL_SERVER_ERROR.into_response()
            }
        }
    });
    render.await.unwrap_or_else(|error| {
        tracing::error!(%error, "the task rendering a page failed");
        StatusCode::INTERNAL_SERVER_ERROR.into_response()
    })
}
