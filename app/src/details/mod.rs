//! The contact-details drawer: opens beside the Inbox and the Contacts
//! table for one contact (R1–R10, R11, R18–R27).

pub mod api;
pub(crate) mod browser;
mod cache;
mod channels_tab;
mod custom_fields;
mod drawer;
mod field_editor;
mod fields_tab;
mod header;
mod merge_card;
pub mod model;
mod more_menu;
mod state;
mod tags;

pub use cache::provide_drawer_sources;
#[cfg(feature = "hydrate")]
pub use drawer::load_drawer_before_hydrating;
pub(crate) use drawer::loaded_drawer;
pub use drawer::ContactDrawer;
pub use state::ListBeside;
