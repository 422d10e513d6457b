//! The application frame: document shell, routes, side navigation.

mod app;
mod language;
mod lazy_pages;
mod nav;
mod not_found;
mod on_demand;
mod page_code;
mod page_title;
#[cfg(feature = "ssr")]
mod preloads;
mod server_form;
mod toast;
mod viewer_data;

pub use app::{shell, App};
#[cfg(feature = "ssr")]
pub use language::{answer_in, answer_in_blocking, ChosenLanguage};
pub use language::{current_language, language_of, locale_of, page_language, reader_language};
pub use not_found::NotFound;
#[cfg(feature = "hydrate")]
pub use on_demand::load_on_demand;
pub use on_demand::{on_demand, preload_on_demand, OnDemand};
pub use page_title::PageTitle;
#[cfg(feature = "ssr")]
pub use preloads::preload_used_downloads;
pub use server_form::{FormFields, ServerForm};
pub use toast::Toasts;
