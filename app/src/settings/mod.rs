//! Workspace settings pages: contact fields (custom fields and their order,
//! R19/R20), channels with their ingress endpoints, and usage (monthly
//! active contacts).

pub mod api;
pub mod channels;
mod fields_page;
pub mod model;
pub mod usage;

pub use channels::ChannelsPage;
pub use fields_page::ContactFieldsPage;
pub use usage::UsagePage;
