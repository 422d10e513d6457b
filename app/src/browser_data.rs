//! Data a page loads in the browser once it is interactive.
//!
//! The pages under the signed-in frame are built more than once while the
//! server renders them, and their `Suspense`-wrapped resources hydrate
//! unreliably there (a hydration panic in about half the page loads).
//! Until the frame builds its page once, pages with live data render their
//! frame, headings and labels on the server and load the data here.

use leptos::prelude::*;
use std::future::Future;

/// Runs `fetch` in the browser after hydration, and again whenever a
/// signal it reads (before its first `.await`) changes; the newest answer
/// wins. `None` until the first answer, on the server and while hydrating.
pub fn load_in_browser<T, Fut>(fetch: impl Fn() -> Fut + 'static) -> ReadSignal<Option<T>>
where
    T: Send + Sync + 'static,
    Fut: Future<Output = T> + 'static,
{
    let (data, set_data) = signal(None::<T>);
    let generation = StoredValue::new(0_u64);
    Effect::new(move |_| {
        let pending = fetch();
        generation.update_value(|n| *n += 1);
        let mine = generation.get_value();
        leptos::task::spawn_local(async move {
            let value = pending.await;
            if generation.try_get_value() == Some(mine) {
                set_data.set(Some(value));
            }
        });
    });
    data
}
