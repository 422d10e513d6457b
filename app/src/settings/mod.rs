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
