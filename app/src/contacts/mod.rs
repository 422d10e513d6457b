//! The Contacts module (R2, R24, R28–R34): the contacts table with search,
//! filters and keyset pages, bulk selection and actions, background delete
//! and the blocked contacts view.

mod add_contact;
pub mod api;
mod assign_tags;
mod blocked;
mod bulk_bar;
pub mod columns;
mod delete_dialog;
pub(crate) mod dialog;
mod filters;
pub mod format;
pub(crate) mod job_banners;
pub mod model;
mod page;
pub(crate) mod selection;
pub(crate) mod table;
pub mod url;

pub use page::ContactsPage;
