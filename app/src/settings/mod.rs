//! Workspace settings pages: the channels with their ingress endpoints,
//! and usage (monthly active contacts).

pub mod channels;
pub mod usage;

pub use channels::ChannelsPage;
pub use usage::UsagePage;
