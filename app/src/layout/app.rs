use super::language::{page_language, provide_page_language};
use super::lazy_pages::{
    ChannelsRoute, ContactFieldsRoute, ContactsRoute, DashboardRoute, InboxRoute,
    MergeHistoryRoute, MergeReviewRoute, SettingsRoute, UsageRoute,
};
use super::nav::SideNav;
use super::not_found::NotFound;
use super::page_code::PageCode;
use super::toast::ToastRegion;
use super::viewer_data::{initial_viewer, VIEWER_DATA_ID};
use crate::auth::{LoginPage, Viewer};
use crate::error::AppError;
use crate::i18n::{t_string, use_i18n};
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, HashedStylesheet, MetaTags, Title};
use leptos_router::components::{Outlet, ParentRoute, Route, Router, Routes};
use leptos_router::{path, Lazy, SsrMode};

/// The HTML document around the app, rendered on the server only.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    super::preloads::provide_named_files();
    view! {
        <!DOCTYPE html>
        <html lang=page_language().code()>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                <HashedStylesheet options=options.clone() id="leptos"/>
                // Without scripts, controls that need the page's code are
                // hidden rather than left dead; with scripts nothing changes.
                <noscript>
                    <link rel="stylesheet" href="/noscript.css"/>
                </noscript>
                <PageCode options/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// The routes of the app.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    provide_page_language();
    view! {
        <Title text=t_string!(use_i18n(), nav.contacts)/>
        <Router>
            <Routes fallback=NotFound>
                <Route path=path!("/login") view=LoginPage ssr=SsrMode::Async/>
                <ParentRoute path=path!("") view=SignedInFrame ssr=SsrMode::Async>
                    <Route path=path!("") view={Lazy::<DashboardRoute>::new()}/>
                    <Route path=path!("inbox") view={Lazy::<InboxRoute>::new()}/>
                    <Route path=path!("contacts") view={Lazy::<ContactsRoute>::new()}/>
                    <Route path=path!("contacts/merge") view={Lazy::<MergeReviewRoute>::new()}/>
                    <Route path=path!("contacts/merges") view={Lazy::<MergeHistoryRoute>::new()}/>
                    <Route path=path!("settings") view={Lazy::<SettingsRoute>::new()}/>
                    <Route path=path!("settings/fields") view={Lazy::<ContactFieldsRoute>::new()}/>
                    <Route path=path!("settings/channels") view={Lazy::<ChannelsRoute>::new()}/>
                    <Route path=path!("settings/usage") view={Lazy::<UsageRoute>::new()}/>
                </ParentRoute>
            </Routes>
        </Router>
    }
}

/// The frame of every signed-in page: provides the viewer as context and
/// shows the navigation beside the page. The viewer comes with the page
/// (loaded by the server before rendering, read back from the page when
/// hydrating), so nothing here waits and the page below renders once.
#[component]
fn SignedInFrame() -> impl IntoView {
    crate::details::provide_drawer_sources();
    match initial_viewer() {
        Some(viewer) => view! { <Frame viewer/> }.into_any(),
        None => view! { <SignedOut error=AppError::Unauthorized/> }.into_any(),
    }
}

#[component]
fn Frame(viewer: Viewer) -> impl IntoView {
    provide_context(viewer.clone());
    let viewer_data = serde_json::to_string(&viewer).unwrap_or_default();
    let i18n = use_i18n();
    view! {
        <div id=VIEWER_DATA_ID hidden data-viewer=viewer_data></div>
        <a class="skip-link" href="#main">{t_string!(i18n, nav.skip_to_content)}</a>
        <ToastRegion>
            <div class="frame">
                <SideNav viewer/>
                <main id="main" class="page" tabindex="-1">
                    <Outlet/>
                </main>
            </div>
        </ToastRegion>
    }
}

/// Shown when the viewer could not be loaded: signed out sends the user to
/// the sign-in page (a redirect on the server, a page load in the browser).
#[component]
fn SignedOut(error: AppError) -> impl IntoView {
    if error == AppError::Unauthorized {
        #[cfg(feature = "ssr")]
        leptos_axum::redirect("/login");
        #[cfg(not(feature = "ssr"))]
        Effect::new(|| {
            let _ = window().location().set_href("/login");
        });
    }
    view! {
        <main id="main" class="page">
            <p role="alert">{error.to_string()}</p>
            <a href="/login">{t_string!(use_i18n(), auth.log_in)}</a>
        </main>
    }
}
