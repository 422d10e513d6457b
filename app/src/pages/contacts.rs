use crate::auth::Viewer;
use leptos::prelude::*;
use leptos_meta::Title;

/// The Contacts page.
#[component]
pub fn ContactsPage() -> impl IntoView {
    let viewer = expect_context::<Viewer>();
    view! {
        <Title text="Contacts · Contacts"/>
        <h1>"Contacts"</h1>
        <p class="muted">"Everyone who has written to your workspace."</p>
        <p>"Workspace: " {viewer.workspace.name}</p>
    }
}
