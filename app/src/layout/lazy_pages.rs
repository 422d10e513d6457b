//! Every signed-in page as a lazily loaded route: the browser downloads a
//! page's code when the page is first shown, so the first load carries the
//! frame and one page instead of the whole app. The server renders them
//! like any other route.
//!
//! Pages that share most of their code are one download: the Contacts
//! table, the Inbox, the merge pages (the dashboard's suggestions, the
//! review and the history), and the settings pages. The code splitter puts
//! what several downloads use into chunks of its own, one per combination
//! of downloads, so every download adds files to every page's first load
//! (the README's First load table counts them): four page downloads and
//! the on-demand one (`on_demand.rs`), where one download per page made
//! dozens.

use leptos::prelude::*;
use leptos_router::LazyRoute;

/// The pages of the merges download.
#[derive(Clone, Copy)]
enum MergesPage {
    Dashboard,
    Review,
    History,
}

/// The pages of the settings download.
#[derive(Clone, Copy)]
enum SettingsPage {
    Overview,
    ContactFields,
    Channels,
    Usage,
}

/// What the Contacts and Inbox downloads are called for: the page, or
/// only to make the page ready to take over its server-rendered HTML. Both
/// pages can be rendered with the drawer open, whose code comes in the
/// on-demand download (`super::on_demand`); it must be there before the
/// page hydrates. That download is started from inside the page's, so the
/// main module does not refer to the drawer's code.
#[derive(Clone, Copy)]
enum Wanted {
    Page,
    // Only the browser build hydrates.
    #[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
    ReadyToHydrate,
}

#[lazy]
async fn contacts_download(wanted: Wanted) -> Option<AnyView> {
    match wanted {
        Wanted::Page => Some(crate::pages::ContactsPage().into_any()),
        Wanted::ReadyToHydrate => {
            #[cfg(feature = "hydrate")]
            crate::details::load_drawer_before_hydrating().await;
            None
        }
    }
}

#[lazy]
async fn inbox_download(wanted: Wanted) -> Option<AnyView> {
    match wanted {
        Wanted::Page => Some(crate::inbox::InboxPage().into_any()),
        Wanted::ReadyToHydrate => {
            #[cfg(feature = "hydrate")]
            crate::details::load_drawer_before_hydrating().await;
            None
        }
    }
}

/// The page of a download called with [`Wanted::Page`].
async fn page_of(download: impl std::future::Future<Output = Option<AnyView>>) -> AnyView {
    download.await.unwrap_or_else(|| ().into_any())
}

#[lazy]
fn merges_download(page: MergesPage) -> AnyView {
    match page {
        MergesPage::Dashboard => crate::pages::DashboardPage().into_any(),
        MergesPage::Review => crate::merge::MergeReviewPage().into_any(),
        MergesPage::History => crate::merge::MergeHistoryPage().into_any(),
    }
}

#[lazy]
fn settings_download(page: SettingsPage) -> AnyView {
    match page {
        SettingsPage::Overview => crate::pages::SettingsPage().into_any(),
        SettingsPage::ContactFields => crate::settings::ContactFieldsPage().into_any(),
        SettingsPage::Channels => crate::settings::ChannelsPage().into_any(),
        SettingsPage::Usage => crate::settings::UsagePage().into_any(),
    }
}

/// Declares a route that shows `$view`, awaiting its download; the router
/// awaits `$preload` (which starts the download, e.g. the function
/// `#[lazy]` names `__preload_<function>`) before it awaits the view.
macro_rules! lazy_page {
    ($(#[$doc:meta])* $route:ident => $view:expr, $preload:expr) => {
        $(#[$doc])*
        pub struct $route;

        impl LazyRoute for $route {
            fn data() -> Self {
                $route
            }

            async fn view(_this: Self) -> AnyView {
                let view = $view.await;
                #[cfg(feature = "ssr")]
                super::preload_used_downloads();
                view
            }

            async fn preload() {
                #[cfg(feature = "hydrate")]
                $preload.await;
            }
        }
    };
}

lazy_page!(
    /// `/`: the dashboard with the merge suggestions.
    DashboardRoute => merges_download(MergesPage::Dashboard), __preload_merges_download()
);
lazy_page!(
    /// `/inbox`.
    InboxRoute => page_of(inbox_download(Wanted::Page)),
    inbox_download(Wanted::ReadyToHydrate)
);
lazy_page!(
    /// `/contacts`: the table and the drawer.
    ContactsRoute => page_of(contacts_download(Wanted::Page)),
    contacts_download(Wanted::ReadyToHydrate)
);
lazy_page!(
    /// `/contacts/merge`: the merge review.
    MergeReviewRoute => merges_download(MergesPage::Review), __preload_merges_download()
);
lazy_page!(
    /// `/contacts/merges`: the merge history.
    MergeHistoryRoute => merges_download(MergesPage::History), __preload_merges_download()
);
lazy_page!(
    /// `/settings`.
    SettingsRoute => settings_download(SettingsPage::Overview), __preload_settings_download()
);
lazy_page!(
    /// `/settings/fields`.
    ContactFieldsRoute => settings_download(SettingsPage::ContactFields), __preload_settings_download()
);
lazy_page!(
    /// `/settings/channels`.
    ChannelsRoute => settings_download(SettingsPage::Channels), __preload_settings_download()
);
lazy_page!(
    /// `/settings/usage`.
    UsageRoute => settings_download(SettingsPage::Usage), __preload_settings_download()
);
