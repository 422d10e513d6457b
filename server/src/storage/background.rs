//! Background jobs read and write through their own connection, whose
//! SQLite worker thread runs under the idle scheduling policy: on a busy
//! machine a large deletion takes the CPU only when requests leave it free,
//! and any request thread that wakes up takes the CPU from it at once.

use super::SqliteStore;
use sqlx::sqlite::SqlitePoolOptions;

/// Names the background connection's worker thread (at most 15 characters
/// survive in the kernel's thread name).
const THREAD_PREFIX: &str = "bg-sqlite-";

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

/// Puts every background worker thread of this process under the idle
/// scheduling policy (Linux schedules threads one by one).
#[cfg(target_os = "linux")]
fn lower_background_threads() {
    let Ok(tasks) = std::fs::read_dir("/proc/self/task") else {
        tracing::warn!("cannot list threads; background jobs keep normal priority");
        return;
    };
    for task in tasks.flatten() {
        let name = std::fs::read_to_string(task.path().join("comm")).unwrap_or_default();
        let thread: Option<libc::pid_t> = task.file_name().to_str().and_then(|id| id.parse().ok());
        if let (true, Some(thread)) = (name.starts_with(THREAD_PREFIX), thread) {
            let param = libc::sched_param { sched_priority: 0 };
            // SAFETY: `param` lives across the call and the kernel only reads
            // it; an unknown or finished thread id is reported as an error.
            let result = unsafe { libc::sched_setscheduler(thread, libc::SCHED_IDLE, &param) };
            if result != 0 {
                let error = std::io::Error::last_os_error();
                tracing::warn!(%error, "cannot lower the priority of a background thread");
            }
        }
    }
}

#[cfg(not(target_os = "linux"))]
fn lower_background_threads() {}
