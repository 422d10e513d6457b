//! The Leptos application: routes, pages, components and the server
//! functions they call. Built twice: with `ssr` into the server, with
//! `hydrate` into the browser's WebAssembly.
// The drawer's and the contacts table's views nest deeply; release builds
// need more room to lay out their types.
#![recursion_limit = "256"]

pub mod auth;
pub mod contacts;
pub mod details;
pub mod error;
pub mod icons;
pub mod imports;
pub mod inbox;
pub mod layout;
pub mod lazy_checks;
pub mod merge;
pub mod pages;
pub mod settings;
#[cfg(feature = "ssr")]
pub mod ssr;

pub use layout::{shell, App};

/// Entry point of the browser build: attaches to the server-rendered page.
/// Pages load their code lazily, so hydration finishes once the page's code
/// has arrived; then `body[data-hydrated]` tells tests (and styles) that the
/// page is interactive.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    let Some(body) = leptos::prelude::document().body() else {
        return;
    };
    wasm_bindgen_futures::spawn_local(async move {
        leptos::mount::hydrate_from_async(body.clone(), App)
            .await
            .forget();
        let _ = body.set_attribute("data-hydrated", "true");
    });
}
