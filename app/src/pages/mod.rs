//! The top-level pages behind the side navigation.

mod contacts;
mod dashboard;
mod inbox;
mod settings;

pub use contacts::ContactsPage;
pub use dashboard::DashboardPage;
pub use inbox::InboxPage;
pub use settings::SettingsPage;
