//! Storage: the database behind the app's ports. SQLite is the embedded
//! default; every adapter implements the same port traits.

mod accounts;
mod background;
pub mod contacts;
mod details;
mod inbox_blocking;
pub mod inbox_channels;
mod inbox_conversations;
pub mod inbox_ingress;
mod inbox_rows;
pub mod inbox_send;
mod inbox_usage;
pub mod merges;
pub mod sqlite;

pub use inbox_blocking::STOPPED_BY_BLOCKING;
pub use sqlite::SqliteStore;

/// Storage failed to start.
#[derive(Debug, thiserror::Error)]
pub enum StorageError {
    #[error("database URL `{0}` is not supported (use sqlite://path/to/file.db)")]
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

/// Current time as unix seconds.
pub fn now() -> i64 {
    time::OffsetDateTime::now_utc().unix_timestamp()
}

/// Logs a database error and turns it into the opaque internal error the
/// browser sees.
pub(crate) fn internal(error: sqlx::Error) -> app::error::AppError {
    tracing::error!(%error, "database error");
    app::error::AppError::Internal
}
