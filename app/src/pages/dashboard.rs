use crate::auth::Viewer;
use leptos::prelude::*;
use leptos_meta::Title;

/// The Dashboard page.
#[component]
pub fn DashboardPage() -> impl IntoView {
    let viewer = expect_context::<Viewer>();
    view! {
        <Title text="Dashboard · Contacts"/>
        <h1>"Dashboard"</h1>
        <p class="muted">"Your workspace at a glance."</p>
        <p>"Workspace: " {viewer.workspace.name}</p>
        <crate::merge::MergeSuggestions/>
    }
}
