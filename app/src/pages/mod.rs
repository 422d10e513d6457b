//! The top-level pages behind the side navigation.

mod contacts;
mod dashboard;
mod settings;

pub use contacts::ContactsPage;
pub use dashboard::DashboardPage;
pub use settings::SettingsPage;
