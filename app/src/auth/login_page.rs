use super::api::LogIn;
use super::model::Credentials;
use crate::i18n::{t_string, use_i18n};
use crate::layout::{FormFields, PageTitle, ServerForm};
use leptos::prelude::*;
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

    let read = |fields: &FormFields| {
        Some(LogIn {
            credentials: Credentials {
                email: fields.text("credentials[email]"),
                password: fields.text("credentials[password]"),
            },
        })
    };

    let i18n = use_i18n();
    view! {
        <PageTitle text=t_string!(i18n, auth.log_in)/>
        <main class="login" id="main">
            <section class="login-card" aria-labelledby="login-title">
                <p class="login-brand">{t_string!(i18n, nav.contacts)}<span class="muted">" · "{t_string!(i18n, auth.tagline)}</span></p>
                <h1 id="login-title">{t_string!(i18n, auth.log_in)}</h1>
                <p class="muted">{t_string!(i18n, auth.intro)}</p>
                <ServerForm action=log_in read class="form" novalidate=true>
                    <label for="login-email">{t_string!(i18n, auth.email)}</label>
                    <input
                        id="login-email"
                        type="email"
                        name="credentials[email]"
                        autocomplete="username"
                        required
                    />
                    <label for="login-password">{t_string!(i18n, auth.password)}</label>
                    <input
                        id="login-password"
                        type="password"
                        name="credentials[password]"
                        autocomplete="current-password"
                        required
                    />
                    <p class="form-error" role="alert">{error}</p>
                    <button type="submit" class="button primary" disabled=move || log_in.pending().get()>
                        {t_string!(i18n, auth.log_in)}
                    </button>
                </ServerForm>
                // A disclosure, so it works without the page's code too.
                <details class="forgot-password">
                    <summary>{t_string!(i18n, auth.forgot_password)}</summary>
                    <p>{t_string!(i18n, auth.no_password_reset)}</p>
                </details>
            </section>
        </main>
    }
}
