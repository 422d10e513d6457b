//! The SQLite adapter: one pool per process, WAL, foreign keys on.

use super::StorageError;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::SqlitePool;
use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

/// The SQLite-backed store.
#[derive(Clone)]
pub struct SqliteStore {
    pub(crate) pool: SqlitePool,
}

impl SqliteStore {
    /// Opens (creating the file and its folder when missing) and migrates.
    pub async fn open(url: &str) -> Result<Self, StorageError> {
        let Some(path) = url
            .strip_prefix("sqlite://")
            .or_else(|| url.strip_prefix("sqlite:"))
        else {
            return Err(StorageError::UnsupportedUrl(url.to_string()));
        };
        let file = path.split('?').next().unwrap_or(path);
        if let Some(folder) = Path::new(file)
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
        {
            std::fs::create_dir_all(folder).map_err(|source| StorageError::Folder {
                path: folder.display().to_string(),
                source,
            })?;
        }
        let options = SqliteConnectOptions::from_str(url)
            .map_err(StorageError::Open)?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(5))
            // Reads go through the OS page cache without copying; a writer's
            // commit empties every other connection's page cache, and a
            // background delete commits often.
            .pragma("mmap_size", "1073741824");
        let pool = SqlitePoolOptions::new()
            .max_connections(8)
            .connect_with(options)
            .await
            .map_err(StorageError::Open)?;
        sqlx::migrate!("./migrations/sqlite").run(&pool).await?;
        Ok(SqliteStore { pool })
    }

    /// The connection pool, for the session store and background jobs.
    pub fn pool(&self) -> &SqlitePool {
        &self.pool
    }

    /// Whether the database holds no workspace yet.
    pub async fn is_empty(&self) -> Result<bool, sqlx::Error> {
        let (count,): (i64,) =
            sqlx::query_as("SELECT COUNT(*) FROM (SELECT 1 FROM workspaces LIMIT 1)")
                .fetch_one(&self.pool)
                .await?;
        Ok(count == 0)
    }
}
