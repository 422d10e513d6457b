//! The store: one connection pool over SQLite or PostgreSQL, chosen by the
//! database URL at start-up. Everything above `storage` sees only [`Store`].

use super::StorageError;
use app::ssr::{Clock, SystemClock};
use futures::future::BoxFuture;
use sqlx::any::{install_default_drivers, AnyPoolOptions};
use sqlx::{Any, AnyPool, Executor, Transaction};
use std::path::Path;
use std::sync::Arc;

/// Which database the store talks to, for the few statements that differ.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dialect {
    Sqlite,
    Postgres,
}

impl Dialect {
    /// The dialect of an open connection.
    pub fn of(conn: &sqlx::AnyConnection) -> Dialect {
        if conn.backend_name() == "PostgreSQL" {
            Dialect::Postgres
        } else {
            Dialect::Sqlite
        }
    }

    /// The dialect of a pool's database.
    pub fn of_pool(pool: &sqlx::AnyPool) -> Dialect {
        Dialect::of_url(pool.connect_options().database_url.as_str()).unwrap_or(Dialect::Sqlite)
    }

    /// The dialect a database URL names, or `None` for any other scheme.
    pub fn of_url(url: &str) -> Option<Dialect> {
        if url.starts_with("sqlite:") {
            Some(Dialect::Sqlite)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Some(Dialect::Postgres)
        } else {
            None
        }
    }
}

/// What a write transaction must not overlap with: SQLite takes its one
/// write lock either way; PostgreSQL takes a transaction-scoped advisory
/// lock on the scope, so writers of other workspaces run side by side.
#[derive(Clone, Copy, Debug)]
pub enum WriteScope<'a> {
    /// Every write to one workspace's contacts, merges and jobs.
    Workspace(i64),
    /// Sign-in attempts for one account key.
    SignIn(&'a str),
    /// Seeding an empty database (servers starting together seed it once).
    Seeding,
}

/// The storage behind every port.
#[derive(Clone)]
pub struct Store {
    pub(crate) pool: AnyPool,
    pub(crate) dialect: Dialect,
    pub(crate) url: String,
    /// The time every write is stamped with.
    pub(crate) clock: Arc<dyn Clock>,
}

/// SQLite connections in the request pool.
const SQLITE_CONNECTIONS: u32 = 8;
/// PostgreSQL connections per server.
const POSTGRES_CONNECTIONS: u32 = 16;

impl Store {
    /// Opens the database the URL names (creating a SQLite file and its
    /// folder when missing) and brings its schema up to date.
    pub async fn open(url: &str) -> Result<Self, StorageError> {
        install_default_drivers();
        let dialect =
            Dialect::of_url(url).ok_or_else(|| StorageError::UnsupportedUrl(url.to_string()))?;
        let url = match dialect {
            Dialect::Sqlite => sqlite_url(url)?,
            Dialect::Postgres => url.to_string(),
        };
        let pool = match dialect {
            Dialect::Sqlite => {
                // Every worker thread exists before background connections
                // open (see `background`), and none is replaced later.
                let pool = with_session_settings(AnyPoolOptions::new(), dialect)
                    .max_connections(SQLITE_CONNECTIONS)
                    .min_connections(SQLITE_CONNECTIONS)
                    .idle_timeout(None)
                    .max_lifetime(None)
                    .connect(&url)
                    .await
                    .map_err(StorageError::Open)?;
                open_all(&pool).await.map_err(StorageError::Open)?;
                sqlx::migrate!("./migrations/sqlite").run(&pool).await?;
                pool
            }
            Dialect::Postgres => {
                let pool = with_session_settings(AnyPoolOptions::new(), dialect)
                    .max_connections(POSTGRES_CONNECTIONS)
                    .connect(&url)
                    .await
                    .map_err(StorageError::Open)?;
                sqlx::migrate!("./migrations/postgres").run(&pool).await?;
                pool
            }
        };
        Ok(Store {
            pool,
            dialect,
            url,
            clock: Arc::new(SystemClock),
        })
    }

    /// The same store reading the time from `clock` (tests and tools that
    /// need a fixed or moving time).
    #[must_use]
    pub fn with_clock(mut self, clock: Arc<dyn Clock>) -> Self {
        self.clock = clock;
        self
    }

    /// The clock the store stamps its writes with; server functions read
    /// the same one.
    pub fn clock(&self) -> Arc<dyn Clock> {
        self.clock.clone()
    }

    /// Now, in unix seconds, by the store's clock.
    pub fn now(&self) -> i64 {
        self.clock.now()
    }

    /// Now, in unix milliseconds (job claims), by the store's clock.
    pub(crate) fn now_millis(&self) -> i64 {
        self.clock.now_millis()
    }

    /// The connection pool, for tests and tools that read the tables
    /// directly.
    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    /// The database this store talks to.
    pub fn dialect(&self) -> Dialect {
        self.dialect
    }

    /// The URL the store was opened with (for stores beside it: sessions,
    /// background jobs).
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Whether the database holds no workspace yet.
    pub async fn is_empty(&self) -> Result<bool, sqlx::Error> {
        let (exists,): (super::sql::Flag,) =
            sqlx::query_as("SELECT EXISTS (SELECT 1 FROM workspaces)")
                .fetch_one(&self.pool)
                .await?;
        Ok(!exists.0)
    }

    /// Starts a write transaction that runs alone within its scope: on
    /// SQLite with the write lock taken at once (`BEGIN IMMEDIATE`), on
    /// PostgreSQL under an advisory lock held until commit or rollback.
    pub(crate) async fn begin_write(
        &self,
        scope: WriteScope<'_>,
    ) -> Result<Transaction<'static, Any>, sqlx::Error> {
        match self.dialect {
            Dialect::Sqlite => self.pool.begin_with("BEGIN IMMEDIATE").await,
            Dialect::Postgres => {
                let mut tx = self.pool.begin().await?;
                let lock = match scope {
                    WriteScope::Workspace(id) => {
                        sqlx::query("SELECT pg_advisory_xact_lock($1)").bind(id)
                    }
                    WriteScope::SignIn(key) => {
                        sqlx::query("SELECT pg_advisory_xact_lock(2, hashtext($1))").bind(key)
                    }
                    WriteScope::Seeding => sqlx::query("SELECT pg_advisory_xact_lock(3, 0)"),
                };
                lock.execute(&mut *tx).await?;
                Ok(tx)
            }
        }
    }
}

/// The SQLite URL with the file's folder created and the file created when
/// missing.
fn sqlite_url(url: &str) -> Result<String, StorageError> {
    let path = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))
        .unwrap_or(url);
    let (file, query) = path.split_once('?').unwrap_or((path, ""));
    if let Some(folder) = Path::new(file)
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
    {
        std::fs::create_dir_all(folder).map_err(|source| StorageError::Folder {
            path: folder.display().to_string(),
            source,
        })?;
    }
    let mode = if query.contains("mode=") {
        String::new()
    } else {
        "mode=rwc".to_string()
    };
    let query = [query, &mode]
        .into_iter()
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join("&");
    Ok(format!("sqlite://{file}?{query}"))
}

/// Pool options that give every new connection its database's settings.
///
/// A SQLite connection is a file opened in this process: it cannot drop
/// the way a network connection does, so the pool hands it out without
/// the test query it otherwise sends first (on SQLite one more trip to
/// the connection's thread and back for every statement). A PostgreSQL
/// connection keeps that check: the server may have closed it.
pub(super) fn with_session_settings(options: AnyPoolOptions, dialect: Dialect) -> AnyPoolOptions {
    match dialect {
        Dialect::Sqlite => options
            .test_before_acquire(false)
            .after_connect(|conn, _| sqlite_session(conn)),
        Dialect::Postgres => options.after_connect(|conn, _| postgres_session(conn)),
    }
}

/// Per-connection SQLite settings: WAL, foreign keys, a busy timeout, and
/// reads through mmap (a writer's commit empties every other connection's
/// page cache, and a background delete commits often).
///
/// The busy timeout is long because a write that waits is better than one
/// refused: the background job's connection runs at the lowest CPU
/// priority, so on a saturated machine it can hold the write lock for
/// seconds, and a request that gave up would answer 500 for a change that
/// only had to wait.
fn sqlite_session(conn: &mut sqlx::AnyConnection) -> BoxFuture<'_, Result<(), sqlx::Error>> {
    Box::pin(async move {
        conn.execute(
            "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;
             PRAGMA busy_timeout = 30000; PRAGMA mmap_size = 1073741824;",
        )
        .await
        .map(|_| ())
    })
}

/// Per-connection PostgreSQL settings: no JIT compilation. The product runs
/// short queries whose estimated cost can still pass JIT's threshold (an
/// estimate that counts every row an index scan could reach before its
/// `LIMIT`); compiling then took 25 ms of a 3 ms query.
fn postgres_session(conn: &mut sqlx::AnyConnection) -> BoxFuture<'_, Result<(), sqlx::Error>> {
    Box::pin(async move { conn.execute("SET jit = off").await.map(|_| ()) })
}

/// Opens every connection of a fixed-size pool now.
async fn open_all(pool: &AnyPool) -> Result<(), sqlx::Error> {
    let size = pool.options().get_max_connections();
    let mut held = Vec::with_capacity(size as usize);
    for _ in 0..size {
        held.push(pool.acquire().await?);
    }
    Ok(())
}
