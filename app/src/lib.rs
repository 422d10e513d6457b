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
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(App);
    // Lets tests (and styles) know the page is interactive now.
    if let Some(body) = leptos::prelude::document().body() {
        let _ = body.set_attribute("data-hydrated", "true");
    }
}
