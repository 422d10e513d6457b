//! Background jobs read and write through their own connection, whose
//! SQLite worker thread runs at the lowest CPU priority. On a busy machine a
//! large deletion then takes the CPU only when requests leave it idle, so
//! the app stays as fast as before while it runs.

use super::SqliteStore;
use sqlx::sqlite::SqlitePoolOptions;

/// Names the background connection's worker thread (at most 15 characters
/// survive in the kernel's thread name).
const THREAD_PREFIX: &str = "bg-sqlite-";

/// The nice value of background work: the lowest priority.
#[cfg(target_os = "linux")]
const LOWEST_PRIORITY: i32 = 19;

impl SqliteStore {
    /// A store over the same database for background jobs: one connection,
    /// its worker thread at the lowest CPU priority.
    pub async fn background(&self) -> Result<SqliteStore, sqlx::Error> {
        let options = (*self.pool.connect_options())
            .clone()
            .thread_name(|id| format!("{THREAD_PREFIX}{id}"));
        let pool = SqlitePoolOptions::new()
            .max_connections(1)
            .after_connect(|_, _| {
                Box::pin(async {
                    lower_background_threads();
                    Ok(())
                })
            })
            .connect_with(options)
            .await?;
        Ok(SqliteStore { pool })
    }
}

/// Gives every background worker thread of this process the lowest
/// priority (Linux sets the nice value per thread).
#[cfg(target_os = "linux")]
fn lower_background_threads() {
    use rustix::process::{setpriority_process, Pid};
    let Ok(tasks) = std::fs::read_dir("/proc/self/task") else {
        tracing::warn!("cannot list threads; background jobs keep normal priority");
        return;
    };
    for task in tasks.flatten() {
        let name = std::fs::read_to_string(task.path().join("comm")).unwrap_or_default();
        if !name.starts_with(THREAD_PREFIX) {
            continue;
        }
        let thread = task
            .file_name()
            .to_str()
            .and_then(|id| id.parse().ok())
            .and_then(Pid::from_raw);
        if let Err(error) = setpriority_process(thread, LOWEST_PRIORITY) {
            tracing::warn!(%error, "cannot lower the priority of a background thread");
        }
    }
}

#[cfg(not(target_os = "linux"))]
fn lower_background_threads() {}
