//! Toasts: a short line confirming what just happened ("Contact saved"),
//! announced by screen readers through one polite live region and gone after
//! a few seconds. Every signed-in page has the region; actions anywhere
//! below the frame add to it with [`Toasts::show`].

use leptos::prelude::*;
use std::time::Duration;

/// How long a toast stays.
const SHOWN_FOR: Duration = Duration::from_secs(6);

/// The page's toasts (context of every signed-in page).
#[derive(Debug, Clone, Copy)]
pub struct Toasts {
    shown: RwSignal<Vec<(u64, String)>>,
    next_id: StoredValue<u64>,
}

impl Toasts {
    /// The frame's toasts.
    pub fn get() -> Toasts {
        expect_context()
    }

    /// Shows `text` for a few seconds.
    pub fn show(self, text: impl Into<String>) {
        let id = self.next_id.get_value();
        self.next_id.set_value(id + 1);
        self.shown.update(|shown| shown.push((id, text.into())));
        set_timeout(
            move || {
                self.shown
                    .try_update(|shown| shown.retain(|(shown_id, _)| *shown_id != id));
            },
            SHOWN_FOR,
        );
    }
}

/// Provides the toasts to `children` and renders their live region after
/// them (present from the first render, so screen readers announce what is
/// added later).
#[component]
pub fn ToastRegion(children: Children) -> impl IntoView {
    let toasts = Toasts {
        shown: RwSignal::new(Vec::new()),
        next_id: StoredValue::new(0),
    };
    provide_context(toasts);
    view! {
        {children()}
        <div class="toasts" role="status" aria-live="polite">
            <For each=move || toasts.shown.get() key=|(id, _)| *id let:toast>
                <p class="toast">{toast.1}</p>
            </For>
        </div>
    }
}
