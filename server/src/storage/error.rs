//! The one error a storage call returns: what the store was doing, with
//! the database's error as its source. It becomes the browser's opaque
//! [`AppError::Internal`] in one place, where it is logged with both.

use app::error::AppError;

/// A database call that failed, and what the store was doing at the time.
#[derive(Debug, thiserror::Error)]
#[error("{context}: {source}")]
pub struct StoreError {
    context: &'static str,
    #[source]
    source: sqlx::Error,
}

/// Names what a database call was doing when it fails.
pub(crate) trait Context<T> {
    fn context(self, context: &'static str) -> Result<T, StoreError>;
}

impl<T> Context<T> for Result<T, sqlx::Error> {
    fn context(self, context: &'static str) -> Result<T, StoreError> {
        self.map_err(|source| StoreError { context, source })
    }
}

impl From<StoreError> for AppError {
    fn from(error: StoreError) -> Self {
        tracing::error!(%error, "database error");
        AppError::Internal
    }
}
