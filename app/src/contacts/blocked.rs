//! The module's two views (R28): all contacts, and "Blocked contacts",
//! where a blocked contact is picked to unblock it from its drawer. Plain
//! links (the router still navigates in place): `<A>` would mark both tabs
//! current, as they share the path.

use super::model::{thousands, ContactPage, ContactQuery, PageCursor, View};
use super::selection::TableState;
use super::url;
use leptos::prelude::*;

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
                <a href=href aria-current=(current == view).then_some("page") class="view-tab">
                    {format!("{label} ({})", thousands(count))}
                </a>
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
