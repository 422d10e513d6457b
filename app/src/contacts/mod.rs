//! The Contacts module (R2, R24, R28–R34): the contacts table with search,
//! filters and keyset pages, bulk selection and actions, background delete
//! and the blocked contacts view.

pub mod api;
pub mod format;
pub mod model;
