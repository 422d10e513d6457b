//! Live updates in the browser: the Inbox listens to the workspace's
//! server-sent events (`/api/inbox/events`) and refetches what it shows.

#[cfg(feature = "hydrate")]
use super::model::InboxEvent;
use leptos::prelude::*;

/// The address of the workspace's Inbox event stream.
pub const EVENTS_PATH: &str = "/api/inbox/events";

/// Calls `on_change` with the contact an event names (or `None` after a
/// reconnection, when events may have been missed, or for an event it
/// cannot read); `connected` tells whether the stream is open. Closes the
/// stream when the page goes away. Does nothing on the server.
pub fn listen(
    on_change: impl Fn(Option<i64>) + Copy + Send + Sync + 'static,
    connected: RwSignal<bool>,
) {
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
                    on_change(None);
                }
            }
        });
        let on_message = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(
            move |event: web_sys::MessageEvent| {
                let named = event
                    .data()
                    .as_string()
                    .and_then(|data| serde_json::from_str::<InboxEvent>(&data).ok())
                    .map(|event| event.contact_id);
                on_change(named);
            },
        );
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
    let _ = (on_change, connected);
}
