//! The application frame: document shell, routes, side navigation.

mod app;
mod lazy_pages;
mod nav;
mod not_found;
mod toast;
mod viewer_data;

pub use app::{shell, App};
pub use not_found::NotFound;
pub use toast::Toasts;
