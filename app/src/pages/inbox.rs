use crate::auth::Viewer;
use leptos::prelude::*;
use leptos_meta::Title;

/// The Inbox page.
#[component]
pub fn InboxPage() -> impl IntoView {
    let viewer = expect_context::<Viewer>();
    view! {
        <Title text="Inbox · Contacts"/>
        <h1>"Inbox"</h1>
        <p class="muted">"Conversations with your contacts across every channel."</p>
        <p>"Workspace: " {viewer.workspace.name}</p>
    }
}
