//! The Inbox: conversation list, the open conversation with its message
//! bar, live updates, and the contact-details drawer beside it (R1, R8).
//!
//! The address is the state: `/inbox?filter=mine&contact=12&channel=3&details=open`.
//!
//! The server renders the page with its data; live updates refetch it in
//! the browser.

mod api;
mod conversation;
mod list;
mod live;
mod location;
mod message_bar;
pub mod model;
mod older;
mod page;

pub use api::*;
pub use live::EVENTS_PATH;
pub use page::InboxPage;
