//! Every signed-in page as a lazily loaded route: the browser downloads a
//! page's code when the page is first shown, so the first load carries the
//! frame and one page instead of the whole app, which keeps the first
//! download small. The server renders them like any other route.

use leptos::prelude::*;
use leptos_router::{lazy_route, LazyRoute};

/// Declares a lazily loaded route showing one page component.
macro_rules! lazy_page {
    ($(#[$doc:meta])* $route:ident => $page:path) => {
        $(#[$doc])*
        pub struct $route;

        #[lazy_route]
        impl LazyRoute for $route {
            fn data() -> Self {
                $route
            }

            fn view(_this: Self) -> AnyView {
                $page().into_any()
            }
        }
    };
}

lazy_page!(
    /// `/`: the dashboard with the merge suggestions.
    DashboardRoute => crate::pages::DashboardPage
);
lazy_page!(
    /// `/inbox`.
    InboxRoute => crate::inbox::InboxPage
);
lazy_page!(
    /// `/contacts`: the table and the drawer.
    ContactsRoute => crate::pages::ContactsPage
);
lazy_page!(
    /// `/contacts/merge`: the merge review.
    MergeReviewRoute => crate::merge::MergeReviewPage
);
lazy_page!(
    /// `/contacts/merges`: the merge history.
    MergeHistoryRoute => crate::merge::MergeHistoryPage
);
lazy_page!(
    /// `/settings`.
    SettingsRoute => crate::pages::SettingsPage
);
lazy_page!(
    /// `/settings/fields`.
    ContactFieldsRoute => crate::settings::ContactFieldsPage
);
lazy_page!(
    /// `/settings/channels`.
    ChannelsRoute => crate::settings::ChannelsPage
);
lazy_page!(
    /// `/settings/usage`.
    UsageRoute => crate::settings::UsagePage
);
