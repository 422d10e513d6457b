//! The server: configuration, storage adapters, sessions, demo data and
//! start-up around the Leptos app.

pub mod config;
pub mod demo;
pub mod http;
pub mod inbox;
pub mod ingress;
pub mod passwords;
pub mod startup;
pub mod storage;
