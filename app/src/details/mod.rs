//! The contact-details drawer: opens beside the Inbox and the Contacts
//! table for one contact.

pub mod api;
pub mod model;

use leptos::prelude::*;
use shared::permissions::Module;

/// The drawer for one contact, beside the page that opened it. `close_href`
/// is the address of the page without the drawer.
#[component]
pub fn ContactDrawer(
    contact_id: i64,
    module: Module,
    #[prop(into)] close_href: String,
) -> impl IntoView {
    let _ = module;
    view! {
        <aside class="drawer" aria-label="Contact details">
            <p>"ID: " {contact_id}</p>
            <a href=close_href>"Close"</a>
        </aside>
    }
}
