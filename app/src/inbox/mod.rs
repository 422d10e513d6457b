//! The Inbox: conversation list, the open conversation with its message
//! bar, live updates, and the contact-details drawer beside it (R1, R8).
//!
//! The address is the state: `/inbox?filter=mine&contact=12&channel=3&details=open`.
//!
//! The data loads in the browser ([`crate::browser_data`]).

mod api;
mod conversation;
mod list;
mod live;
mod message_bar;
pub mod model;
mod page;

pub use api::*;
pub use live::EVENTS_PATH;
pub use page::InboxPage;
