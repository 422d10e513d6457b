//! The module's two views (R28): all contacts, and "Blocked contacts",
//! where a blocked contact is picked to unblock it from its drawer. Plain
//! links (the router still navigates in place): `<A>` would mark both tabs
//! current, as they share the path.

use super::model::{thousands, ContactPage, ContactQuery, PageCursor, View};
use super::selection::TableState;
use super::url;
use crate::i18n::{t_string, use_i18n};
use leptos::prelude::*;

/// Links between the views, with how many contacts each holds.
#[component]
pub fn ViewTabs(page: ContactPage) -> impl IntoView {
    let i18n = use_i18n();
    let state = expect_context::<TableState>();
    let current = state.query.get_untracked().view;
    let tab = move |view: View, label: String| {
        let query = ContactQuery {
            view,
            ..ContactQuery::default()
        };
        let href = url::href(&query, &PageCursor::First, None);
        view! {
            <li>
                <a href=href aria-current=(current == view).then_some("page") class="view-tab">
                    {label}
                </a>
            </li>
        }
    };
    view! {
        <nav class="view-tabs" aria-label=t_string!(i18n, contacts.views.label)>
            <ul>
                {tab(View::All, t_string!(i18n, contacts.views.all, count = thousands(page.active_count)).to_string())}
                {tab(View::Blocked, t_string!(i18n, contacts.views.blocked, count = thousands(page.blocked_count)).to_string())}
            </ul>
        </nav>
    }
}
