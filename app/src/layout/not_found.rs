use leptos::prelude::*;
use leptos_meta::Title;

/// The page for unknown addresses; answers 404 on the server.
#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(axum::http::StatusCode::NOT_FOUND);
    }
    view! {
        <Title text="Page not found · Contacts"/>
        <main id="main" class="page not-found">
            <h1>"Page not found"</h1>
            <p>"There is nothing at this address."</p>
            <a href="/">"Go to the dashboard"</a>
        </main>
    }
}
