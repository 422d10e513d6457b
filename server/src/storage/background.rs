//! Background jobs read and write through their own connection. On SQLite
//! its worker thread runs under the idle scheduling policy: on a busy
//! machine a large deletion takes the CPU only when requests leave it free,
//! and any request thread that wakes up takes the CPU from it at once. On
//! PostgreSQL the work happens in the database server, which paces it by
//! the job's batch size.

use super::store::with_session_settings;
use super::{Dialect, Store};
use sqlx::any::AnyPoolOptions;
use std::collections::HashSet;

/// The start of the kernel's (15-character) name of sqlx's SQLite threads.
const SQLITE_WORKER: &str = "sqlx-sqlite-wor";

impl Store {
    /// A store over the same database for background jobs: one connection
    /// that stays open, on SQLite its worker thread at the lowest CPU
    /// priority.
    pub async fn background(&self) -> Result<Store, sqlx::Error> {
        let before = sqlite_workers();
        let pool = with_session_settings(AnyPoolOptions::new(), self.dialect)
            .max_connections(1)
            .min_connections(1)
            .idle_timeout(None)
            .max_lifetime(None)
            .connect(&self.url)
            .await?;
        if self.dialect == Dialect::Sqlite {
            // The request pool opened all its connections with the store;
            // the worker thread that appeared now is the background one.
            drop(pool.acquire().await?);
            let new: Vec<_> = sqlite_workers().difference(&before).copied().collect();
            lower_priority(&new);
        }
        Ok(Store {
            pool,
            ..self.clone()
        })
    }
}

/// The ids of this process's SQLite worker threads.
#[cfg(target_os = "linux")]
fn sqlite_workers() -> HashSet<libc::pid_t> {
    let Ok(tasks) = std::fs::read_dir("/proc/self/task") else {
        tracing::warn!("cannot list threads; background jobs keep normal priority");
        return HashSet::new();
    };
    tasks
        .flatten()
        .filter(|task| {
            std::fs::read_to_string(task.path().join("comm"))
                .is_ok_and(|name| name.starts_with(SQLITE_WORKER))
        })
        .filter_map(|task| task.file_name().to_str().and_then(|id| id.parse().ok()))
        .collect()
}

/// Puts the given threads under the idle scheduling policy (Linux
/// schedules threads one by one).
#[cfg(target_os = "linux")]
fn lower_priority(threads: &[libc::pid_t]) {
    for &thread in threads {
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

#[cfg(not(target_os = "linux"))]
fn sqlite_workers() -> HashSet<i32> {
    HashSet::new()
}

#[cfg(not(target_os = "linux"))]
fn lower_priority(_threads: &[i32]) {}
