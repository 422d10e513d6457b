//! The top-level pages behind the side navigation.

mod dashboard;
mod inbox;
mod settings;

pub use crate::contacts::ContactsPage;
pub use dashboard::DashboardPage;
pub use inbox::InboxPage;
pub use settings::SettingsPage;
