//! The application frame: document shell, routes, side navigation.

mod app;
mod lazy_pages;
mod nav;
mod not_found;
mod viewer_data;

pub use app::{shell, App};
pub use not_found::NotFound;
