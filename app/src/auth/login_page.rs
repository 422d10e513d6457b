use super::api::LogIn;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The sign-in page. Works as a plain form without JavaScript; once
/// hydrated it signs in without leaving the page and then loads the app.
#[component]
pub fn LoginPage() -> impl IntoView {
    let log_in = ServerAction::<LogIn>::new();
    let query = use_query_map();
    let next = move || {
        query
            .read()
            .get("next")
            .filter(|path| path.starts_with('/') && !path.starts_with("//"))
            .unwrap_or_else(|| "/".to_string())
    };

    Effect::new(move || {
        if let Some(Ok(_)) = log_in.value().get() {
            // A full load, so every page renders with the new session.
            let _ = window().location().set_href(&next());
        }
    });

    let error = move || {
        log_in
            .value()
            .get()
            .and_then(Result::err)
            .map(|error| error.to_string())
    };

    view! {
        <Title text="Log in · Contacts"/>
        <main class="login" id="main">
            <section class="login-card" aria-labelledby="login-title">
                <p class="login-brand">"Contacts"<span class="muted">" · customer messaging workspace"</span></p>
                <h1 id="login-title">"Log in"</h1>
                <p class="muted">"Sign in to your workspace."</p>
                <ActionForm action=log_in attr:class="form" attr:novalidate=true>
                    <label for="login-email">"Email"</label>
                    <input
                        id="login-email"
                        type="email"
                        name="credentials[email]"
                        autocomplete="username"
                        required
                    />
                    <label for="login-password">"Password"</label>
                    <input
                        id="login-password"
                        type="password"
                        name="credentials[password]"
                        autocomplete="current-password"
                        required
                    />
                    <p class="form-error" role="alert">{error}</p>
                    <button type="submit" class="button primary" disabled=move || log_in.pending().get()>
                        "Log in"
                    </button>
                </ActionForm>
                // A disclosure, so it works without the page's code too.
                <details class="forgot-password">
                    <summary>"Forgot password?"</summary>
                    <p>
                        "This product sends no e-mail, so a password cannot be reset from here. "
                        "Ask an owner of your workspace to have it reset by whoever runs your server."
                    </p>
                </details>
            </section>
        </main>
    }
}
