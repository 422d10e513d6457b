//! HTTP concerns around the Leptos routes: security checks, headers,
//! error statuses and caching.

pub mod assets;
pub mod export;
pub mod imports;
pub mod policy;
pub mod renders;
pub mod security;
