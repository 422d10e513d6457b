use crate::auth::Viewer;
use crate::details::ContactDrawer;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use shared::permissions::Module;

/// The Inbox page; `?contact=<id>` opens that contact's drawer beside the
/// conversation (R1).
#[component]
pub fn InboxPage() -> impl IntoView {
    let viewer = expect_context::<Viewer>();
    let query = use_query_map();
    let open = Memo::new(move |_| {
        query
            .read()
            .get("contact")
            .and_then(|id| id.parse::<i64>().ok())
    });
    let channel = Memo::new(move |_| query.read().get("channel"));
    view! {
        <Title text="Inbox · Contacts"/>
        <h1>"Inbox"</h1>
        <p class="muted">"Conversations with your contacts across every channel."</p>
        <p>"Workspace: " {viewer.workspace.name}</p>
        {move || channel.get().map(|id| view! {
            <p data-testid="chosen-channel">"Channel chosen for the message bar: " {id}</p>
        })}
        {move || open.get().map(|contact_id| view! {
            <ContactDrawer contact_id module=Module::Inbox close_href="/inbox"/>
        })}
    }
}
