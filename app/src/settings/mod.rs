//! Workspace settings pages: contact fields (custom fields and their order,
//! R19/R20), channels with their ingress endpoints, and usage (monthly
//! active contacts).

pub mod api;
mod channels_page;
mod field_order;
mod fields_page;
pub mod model;
mod new_field;
mod usage_page;

pub use channels_page::ChannelsPage;
pub use fields_page::ContactFieldsPage;
pub use usage_page::UsagePage;

use crate::i18n::{t_string, use_i18n};

/// The document title of a settings page, e.g. "Usage · Settings" (the
/// product's name follows).
fn page_title(page: &str) -> String {
    let i18n = use_i18n();
    format!("{page} · {}", t_string!(i18n, settings.title))
}
