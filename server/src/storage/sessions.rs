//! Sessions live in the same database as everything else, in the table
//! tower-sessions' own store keeps (one store type per database).

use super::{Dialect, StorageError, Store};
use async_trait::async_trait;
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{self, ExpiredDeletion, SessionStore};
use tower_sessions_sqlx_store::{PostgresStore, SqliteStore};

/// The session store over the database the [`Store`] uses.
#[derive(Clone, Debug)]
pub enum Sessions {
    Sqlite(SqliteStore),
    Postgres(PostgresStore),
}

impl Sessions {
    /// Connects to the store's database and creates the session table when
    /// missing.
    pub async fn open(store: &Store) -> Result<Self, StorageError> {
        let sessions = match store.dialect() {
            Dialect::Sqlite => {
                // Handed out without a test query, as the request pool's.
                let pool = sqlx::sqlite::SqlitePoolOptions::new()
                    .max_connections(4)
                    .test_before_acquire(false)
                    .connect(store.url())
                    .await
                    .map_err(StorageError::Sessions)?;
                let sessions = SqliteStore::new(pool);
                sessions.migrate().await.map_err(StorageError::Sessions)?;
                Sessions::Sqlite(sessions)
            }
            Dialect::Postgres => {
                let pool = sqlx::postgres::PgPoolOptions::new()
                    .max_connections(4)
                    .connect(store.url())
                    .await
                    .map_err(StorageError::Sessions)?;
                let sessions = PostgresStore::new(pool);
                sessions.migrate().await.map_err(StorageError::Sessions)?;
                Sessions::Postgres(sessions)
            }
        };
        Ok(sessions)
    }
}

#[async_trait]
impl SessionStore for Sessions {
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        match self {
            Sessions::Sqlite(store) => store.create(record).await,
            Sessions::Postgres(store) => store.create(record).await,
        }
    }

    async fn save(&self, record: &Record) -> session_store::Result<()> {
        match self {
            Sessions::Sqlite(store) => store.save(record).await,
            Sessions::Postgres(store) => store.save(record).await,
        }
    }

    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        match self {
            Sessions::Sqlite(store) => store.load(id).await,
            Sessions::Postgres(store) => store.load(id).await,
        }
    }

    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        match self {
            Sessions::Sqlite(store) => store.delete(id).await,
            Sessions::Postgres(store) => store.delete(id).await,
        }
    }
}

#[async_trait]
impl ExpiredDeletion for Sessions {
    async fn delete_expired(&self) -> session_store::Result<()> {
        match self {
            Sessions::Sqlite(store) => store.delete_expired().await,
            Sessions::Postgres(store) => store.delete_expired().await,
        }
    }
}
