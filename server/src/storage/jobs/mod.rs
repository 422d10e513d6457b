//! Claims of background jobs (deletions, imports, exports): each job's
//! table has `status`, `claimed_by` and `claimed_until`; a runner claims the
//! oldest job no other runner holds (or whose holder's claim ran out), and
//! each batch renews the claim in its own transaction.

use crate::jobs::ClaimedJob;
use crate::storage::{Context, Dialect, Store, StoreError, WriteScope};
use sqlx::{Any, Transaction};

/// The tables that hold background jobs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JobTable {
    Deletes,
    Imports,
    Exports,
}

impl JobTable {
    /// The kind's name in logs, e.g. "delete".
    pub fn kind(self) -> &'static str {
        match self {
            JobTable::Deletes => "delete",
            JobTable::Imports => "import",
            JobTable::Exports => "export",
        }
    }

    fn name(self) -> &'static str {
        match self {
            JobTable::Deletes => "delete_jobs",
            JobTable::Imports => "imports",
            JobTable::Exports => "exports",
        }
    }
}

/// Claims the oldest running job of `table` that no other runner holds, or
/// whose holder's claim ran out, for `lease_millis`.
pub(crate) async fn claim(
    store: &Store,
    table: JobTable,
    runner: &str,
    lease_millis: i64,
) -> Result<Option<ClaimedJob>, StoreError> {
    let at = store.now_millis();
    // The condition is checked again on the row itself: of two servers
    // that picked the same job, the second sees the first one's claim once
    // its lock is released and claims nothing. PostgreSQL skips a job
    // another server is claiming at that moment.
    let skip_locked = match store.dialect {
        Dialect::Postgres => "FOR UPDATE SKIP LOCKED",
        Dialect::Sqlite => "",
    };
    let table = table.name();
    let claimable = "status = 'running'
         AND (claimed_by IS NULL OR claimed_by = $1 OR claimed_until < $3)";
    let claimed: Option<(i64, i64)> = sqlx::query_as(&format!(
        "UPDATE {table} SET claimed_by = $1, claimed_until = $2
          WHERE {claimable}
            AND id = (SELECT id FROM {table} WHERE {claimable}
                       ORDER BY id LIMIT 1 {skip_locked})
         RETURNING id, workspace_id"
    ))
    .bind(runner)
    .bind(at + lease_millis)
    .bind(at)
    .fetch_optional(&store.pool)
    .await
    .context("claim: updating a job table")?;
    Ok(claimed.map(|(id, workspace_id)| ClaimedJob { id, workspace_id }))
}

/// Starts a batch: the job's workspace write transaction with the runner's
/// claim renewed inside it; `None` when another runner holds the job now
/// or it is no longer running.
pub(crate) async fn begin_batch(
    store: &Store,
    table: JobTable,
    job: ClaimedJob,
    runner: &str,
    lease_millis: i64,
) -> Result<Option<Transaction<'static, Any>>, StoreError> {
    let mut tx = store
        .begin_write(WriteScope::Workspace(job.workspace_id))
        .await
        .context("begin_batch: starting a write transaction")?;
    let held: Option<(i64,)> = sqlx::query_as(&format!(
        "UPDATE {} SET claimed_until = $1
          WHERE id = $2 AND claimed_by = $3 AND status = 'running' RETURNING id",
        table.name()
    ))
    .bind(store.now_millis() + lease_millis)
    .bind(job.id)
    .bind(runner)
    .fetch_optional(&mut *tx)
    .await
    .context("begin_batch: renewing the claim")?;
    Ok(held.map(|_| tx))
}
