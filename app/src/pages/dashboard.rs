use crate::auth::Viewer;
use crate::i18n::{t_string, use_i18n};
use crate::layout::PageTitle;
use leptos::prelude::*;

/// The Dashboard page.
#[component]
pub fn DashboardPage() -> impl IntoView {
    let viewer = expect_context::<Viewer>();
    let i18n = use_i18n();
    view! {
        <PageTitle text=t_string!(i18n, nav.dashboard)/>
        <h1>{t_string!(i18n, nav.dashboard)}</h1>
        <p class="muted">{t_string!(i18n, nav.dashboard_intro)}</p>
        <p>{t_string!(i18n, nav.workspace_line)} {viewer.workspace.name}</p>
        <crate::merge::MergeSuggestions/>
    }
}
