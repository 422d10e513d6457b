//! Workspace settings for contacts: the "Contact fields" page, where owners
//! and managers define custom fields (R19) and order all fields (R20).

pub mod api;
mod fields_page;
pub mod model;

pub use fields_page::ContactFieldsPage;
