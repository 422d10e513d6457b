//! The server: configuration, storage adapters, sessions, demo data and
//! start-up around the Leptos app.

pub mod config;
pub mod contacts_csv;
pub mod demo;
pub mod http;
pub mod jobs;
pub mod passwords;
pub mod startup;
pub mod storage;
