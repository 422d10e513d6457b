use crate::auth::Viewer;
use leptos::prelude::*;
use leptos_meta::Title;

/// The Settings page.
#[component]
pub fn SettingsPage() -> impl IntoView {
    let viewer = expect_context::<Viewer>();
    view! {
        <Title text="Settings · Contacts"/>
        <h1>"Settings"</h1>
        <p class="muted">"How your workspace works."</p>
        <p>"Workspace: " {viewer.workspace.name}</p>
        <ul class="settings-links">
            <li><a href="/settings/fields">"Contact fields"</a></li>
        </ul>
    }
}
