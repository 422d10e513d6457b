use crate::auth::Viewer;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

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
            <li><A href="/settings/fields">"Contact fields"</A></li>
            <li><A href="/settings/channels">"Channels"</A></li>
            <li><A href="/settings/usage">"Usage"</A></li>
        </ul>
    }
}
