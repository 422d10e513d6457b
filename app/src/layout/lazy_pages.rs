//! Every signed-in page as a lazily loaded route: the browser downloads a
//! page's code when the page is first shown, so the first load carries the
//! frame and one page instead of the whole app. The server renders them
//! like any other route.
//!
//! Pages that share most of their code are one download: the Contacts
//! table, the Inbox, the merge pages (the dashboard's suggestions, the
//! review and the history), and the settings pages. The code splitter puts
//! what several downloads use into chunks of its own, one per combination
//! of downloads; four downloads keep a page's first load to nine files,
//! where one download per page made dozens.

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

#[lazy]
fn contacts_download() -> AnyView {
    crate::pages::ContactsPage().into_any()
}

#[lazy]
fn inbox_download() -> AnyView {
    crate::inbox::InboxPage().into_any()
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
/// starts the download (`$preload`, the function `#[lazy]` names
/// `__preload_<function>`) before it awaits the view.
macro_rules! lazy_page {
    ($(#[$doc:meta])* $route:ident => $view:expr, $preload:ident) => {
        $(#[$doc])*
        pub struct $route;

        impl LazyRoute for $route {
            fn data() -> Self {
                $route
            }

            async fn view(_this: Self) -> AnyView {
                $view.await
            }

            async fn preload() {
                #[cfg(feature = "hydrate")]
                $preload().await;
            }
        }
    };
}

lazy_page!(
    /// `/`: the dashboard with the merge suggestions.
    DashboardRoute => merges_download(MergesPage::Dashboard), __preload_merges_download
);
lazy_page!(
    /// `/inbox`.
    InboxRoute => inbox_download(), __preload_inbox_download
);
lazy_page!(
    /// `/contacts`: the table and the drawer.
    ContactsRoute => contacts_download(), __preload_contacts_download
);
lazy_page!(
    /// `/contacts/merge`: the merge review.
    MergeReviewRoute => merges_download(MergesPage::Review), __preload_merges_download
);
lazy_page!(
    /// `/contacts/merges`: the merge history.
    MergeHistoryRoute => merges_download(MergesPage::History), __preload_merges_download
);
lazy_page!(
    /// `/settings`.
    SettingsRoute => settings_download(SettingsPage::Overview), __preload_settings_download
);
lazy_page!(
    /// `/settings/fields`.
    ContactFieldsRoute => settings_download(SettingsPage::ContactFields), __preload_settings_download
);
lazy_page!(
    /// `/settings/channels`.
    ChannelsRoute => settings_download(SettingsPage::Channels), __preload_settings_download
);
lazy_page!(
    /// `/settings/usage`.
    UsageRoute => settings_download(SettingsPage::Usage), __preload_settings_download
);
