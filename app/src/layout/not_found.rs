use super::PageTitle;
use crate::i18n::{t_string, use_i18n};
use leptos::prelude::*;

/// The page for unknown addresses; answers 404 on the server.
#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(axum::http::StatusCode::NOT_FOUND);
    }
    let i18n = use_i18n();
    view! {
        <PageTitle text=t_string!(i18n, nav.not_found.title)/>
        <main id="main" class="page not-found">
            <h1>{t_string!(i18n, nav.not_found.title)}</h1>
            <p>{t_string!(i18n, nav.not_found.text)}</p>
            <a href="/">{t_string!(i18n, nav.not_found.to_dashboard)}</a>
        </main>
    }
}
