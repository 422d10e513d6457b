//! Live updates in the browser: the Inbox listens to the workspace's
//! server-sent events (`/api/inbox/events`) and refetches what it shows.

use leptos::prelude::*;

/// The address of the workspace's Inbox event stream.
pub const EVENTS_PATH: &str = "/api/inbox/events";

/// Counts events (and reconnections after a drop) in `changes`, so resources keyed on it
/// refetch; `connected` tells whether the stream is open. Closes the stream
/// when the page goes away. Does nothing on the server.
pub fn listen(changes: RwSignal<u64>, connected: RwSignal<bool>) {
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        use send_wrapper::SendWrapper;
        use wasm_bindgen::closure::Closure;
        use wasm_bindgen::JsCast;

        let Ok(source) = web_sys::EventSource::new(EVENTS_PATH) else {
            return;
        };
        // A reopened stream may have missed events: refetch then too. Not on
        // the first open, which may come while the page is still hydrating.
        let dropped = std::rc::Rc::new(std::cell::Cell::new(false));
        let on_open = Closure::<dyn FnMut(web_sys::Event)>::new({
            let dropped = dropped.clone();
            move |_| {
                connected.set(true);
                if dropped.replace(false) {
                    changes.update(|n| *n += 1);
                }
            }
        });
        let on_message = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |_| {
            changes.update(|n| *n += 1);
        });
        let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |_| {
            connected.set(false);
            dropped.set(true);
        });
        source.set_onopen(Some(on_open.as_ref().unchecked_ref()));
        source.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        source.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        let held = SendWrapper::new((source, on_open, on_message, on_error));
        on_cleanup(move || held.0.close());
    });
    #[cfg(not(feature = "hydrate"))]
    let _ = (changes, connected);
}
