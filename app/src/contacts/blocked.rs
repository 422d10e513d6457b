//! The module's two views (R28): all contacts, and "Blocked contacts",
//! where a blocked contact is picked to unblock it from its drawer.

use super::model::{thousands, ContactPage, ContactQuery, PageCursor, View};
use super::selection::TableState;
use super::url;
use leptos::prelude::*;
use leptos_router::components::A;

/// Links between the views, with how many contacts each holds.
#[component]
pub fn ViewTabs(page: ContactPage) -> impl IntoView {
    let state = expect_context::<TableState>();
    let current = state.query.get_untracked().view;
    let tab = move |view: View, label: &'static str, count: u64| {
        let query = ContactQuery {
            view,
            ..ContactQuery::default()
        };
        let href = url::href(&query, &PageCursor::First, None);
        view! {
            <li>
                <A href=href attr:aria-current=(current == view).then_some("page") attr:class="view-tab">
                    {format!("{label} ({})", thousands(count))}
                </A>
            </li>
        }
    };
    view! {
        <nav class="view-tabs" aria-label="Contact views">
            <ul>
                {tab(View::All, "All contacts", page.active_count)}
                {tab(View::Blocked, "Blocked contacts", page.blocked_count)}
            </ul>
        </nav>
    }
}
