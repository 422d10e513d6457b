use crate::auth::Viewer;
use crate::details::ContactDrawer;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use shared::permissions::Module;

/// The Contacts page; `?contact=<id>` opens that contact's drawer (R2).
#[component]
pub fn ContactsPage() -> impl IntoView {
    let viewer = expect_context::<Viewer>();
    let query = use_query_map();
    let open = Memo::new(move |_| {
        query
            .read()
            .get("contact")
            .and_then(|id| id.parse::<i64>().ok())
    });
    view! {
        <Title text="Contacts · Contacts"/>
        <h1>"Contacts"</h1>
        <p class="muted">"Everyone who has written to your workspace."</p>
        <p>"Workspace: " {viewer.workspace.name}</p>
        {move || open.get().map(|contact_id| view! {
            <ContactDrawer contact_id module=Module::Contacts close_href="/contacts"/>
        })}
    }
}
