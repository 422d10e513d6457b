//! The server: configuration, storage adapters, sessions, demo data and
//! start-up around the Leptos app.
// The drawer's views nest deeply; release builds need more room to lay them out.
#![recursion_limit = "256"]

pub mod config;
pub mod contacts_csv;
pub mod demo;
pub mod http;
pub mod imports;
pub mod inbox;
pub mod ingress;
pub mod jobs;
pub mod passwords;
pub mod sign_in_throttle;
pub mod startup;
pub mod storage;
