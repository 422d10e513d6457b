use crate::auth::Viewer;
use crate::i18n::{t_string, use_i18n};
use crate::layout::PageTitle;
use leptos::prelude::*;
use leptos_router::components::A;

/// The Settings page.
#[component]
pub fn SettingsPage() -> impl IntoView {
    let viewer = expect_context::<Viewer>();
    let i18n = use_i18n();
    view! {
        <PageTitle text=t_string!(i18n, settings.title)/>
        <h1>{t_string!(i18n, settings.title)}</h1>
        <p class="muted">{t_string!(i18n, settings.intro)}</p>
        <p>{t_string!(i18n, settings.workspace, name = viewer.workspace.name)}</p>
        <ul class="settings-links">
            <li><A href="/settings/fields">{t_string!(i18n, settings.fields.title)}</A></li>
            <li><A href="/settings/channels">{t_string!(i18n, settings.channels.title)}</A></li>
            <li><A href="/settings/usage">{t_string!(i18n, settings.usage.title)}</A></li>
        </ul>
    }
}
