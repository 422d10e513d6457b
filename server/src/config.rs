//! Configuration from the environment (see the README for every variable).

use crate::jobs::JobSettings;
use std::env;

/// Default database: a SQLite file beside the working directory.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/contacts.db";

/// What the server reads from its environment at start-up.
#[derive(Debug, Clone)]
pub struct Config {
    /// A sqlx-style database URL.
    pub database_url: String,
    /// Seed the demo workspaces into an empty database.
    pub demo: bool,
    /// Password of the demo users; a random one is generated when unset.
    pub demo_password: Option<String>,
    /// The site is served over HTTPS: cookies are marked `Secure` and
    /// state-changing requests must come from an `https://` origin.
    pub secure_cookies: bool,
    /// Batch sizes, polling and leases of the background job runners.
    pub jobs: JobSettings,
}

impl Config {
    /// Reads the configuration from the process environment.
    pub fn from_env() -> Self {
        let flag = |name: &str| {
            env::var(name).is_ok_and(|value| matches!(value.trim(), "1" | "true" | "yes"))
        };
        Config {
            database_url: env::var("CONTACTS_DATABASE_URL")
                .ok()
                .filter(|value| !value.trim().is_empty())
                .unwrap_or_else(|| DEFAULT_DATABASE_URL.to_string()),
            demo: flag("CONTACTS_DEMO"),
            demo_password: env::var("CONTACTS_DEMO_PASSWORD")
                .ok()
                .filter(|value| !value.is_empty()),
            secure_cookies: flag("CONTACTS_SECURE_COOKIES"),
            jobs: JobSettings::from_env(),
        }
    }
}
