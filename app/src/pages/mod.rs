//! The top-level pages behind the side navigation.

mod dashboard;
mod settings;

pub use crate::contacts::ContactsPage;
pub use dashboard::DashboardPage;
pub use settings::SettingsPage;
