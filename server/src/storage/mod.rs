//! Storage: the database behind the app's ports. SQLite is the embedded
//! default, PostgreSQL the database for several servers; one [`Store`]
//! implements every port for both, from the same SQL wherever the two
//! databases agree.

mod accounts;
mod background;
pub mod contacts;
mod demo;
pub(crate) mod details;
mod error;
mod imports;
mod inbox;
pub(crate) mod jobs;
mod live_feed;
pub mod merges;
pub mod seeding;
pub mod sessions;
pub mod sql;
mod store;
mod stored_phones;

pub use contacts::DeleteJobs;
pub(crate) use error::Context;
pub use error::StoreError;
pub use imports::{ExportJobs, ImportJobs};
pub use inbox::STOPPED_BY_BLOCKING;
pub(crate) use store::WriteScope;
pub use store::{Dialect, Store};
pub(crate) use stored_phones::{shown_phone, stored_phone};

/// Storage failed to start.
#[derive(Debug, thiserror::Error)]
pub enum StorageError {
    #[error("database URL `{0}` is not supported (use sqlite://path/to/file.db or postgres://user@host/database)")]
    UnsupportedUrl(String),
    #[error("could not open the database: {0}")]
    Open(#[source] sqlx::Error),
    #[error("could not create the database folder {path}: {source}")]
    Folder {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("database migration failed, the server will not start: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("setting up the session store failed: {0}")]
    Sessions(#[source] sqlx::Error),
}
