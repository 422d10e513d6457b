//! The signed-in viewer travels with the page: the server puts it in the
//! request (see the server's page guard) and writes it into the frame; the
//! browser reads it back when hydrating.

use crate::auth::Viewer;

/// Id of the element whose `data-viewer` attribute holds the viewer as JSON.
pub const VIEWER_DATA_ID: &str = "viewer-data";

/// The viewer this page was rendered for, if signed in.
#[cfg(feature = "ssr")]
pub fn initial_viewer() -> Option<Viewer> {
    leptos::prelude::use_context::<axum::http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<Viewer>().cloned())
}

/// The viewer this page was rendered for, if signed in.
#[cfg(not(feature = "ssr"))]
pub fn initial_viewer() -> Option<Viewer> {
    let json = leptos::prelude::document()
        .get_element_by_id(VIEWER_DATA_ID)?
        .get_attribute("data-viewer")?;
    serde_json::from_str(&json).ok()
}
