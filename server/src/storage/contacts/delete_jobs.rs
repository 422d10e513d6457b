//! Background deletion (R29–R33): a job records exactly which contacts it
//! deletes when it is requested; a runner claims it and deletes them in
//! batches, each batch one transaction that also removes them from the job,
//! so a restart resumes where the last committed batch ended and no contact
//! is ever left half-deleted.

use super::filter::{push_target, tag_ids, target_query};
use crate::jobs::{BatchOutcome, ClaimedJob, JobQueue};
use crate::storage::jobs::{self, JobTable};
use crate::storage::sql::{Flag, SqlBuilder};
use crate::storage::{Context, Dialect, Store, StoreError, WriteScope};
use app::contacts::model::{DeleteProgress, DeleteTarget};
use app::error::AppError;
use async_trait::async_trait;

/// A finished deletion stays visible in the module this long.
const SHOW_FINISHED_SECS: i64 = 10 * 60;

/// Records the job and the contacts it deletes, in one transaction.
pub(super) async fn start(
    store: &Store,
    workspace_id: i64,
    user_id: i64,
    target: &DeleteTarget,
) -> Result<DeleteProgress, AppError> {
    let tags = match target_query(target) {
        Some(query) => tag_ids(&store.pool, workspace_id, query).await?,
        None => Vec::new(),
    };
    let mut tx = store
        .begin_write(WriteScope::Workspace(workspace_id))
        .await
        .context("start: starting a write transaction")?;
    let (job_id,): (i64,) = sqlx::query_as(&store.dialect.sql(
        "INSERT INTO delete_jobs (workspace_id, requested_by, total, created_at)
         VALUES ($1, $2, 0, to_timestamp($3)) RETURNING id",
    ))
    .bind(workspace_id)
    .bind(user_id)
    .bind(store.now())
    .fetch_one(&mut *tx)
    .await
    .context("start: adding to delete_jobs")?;
    let mut builder =
        SqlBuilder::new("INSERT INTO delete_job_contacts (job_id, contact_id) SELECT ");
    builder
        .push_bind(job_id)
        .push(", c.id FROM contacts c WHERE ");
    push_target(&mut builder, store.dialect(), workspace_id, target, &tags);
    let total = builder
        .build()
        .execute(&mut *tx)
        .await
        .context("start")?
        .rows_affected();
    sqlx::query("UPDATE delete_jobs SET total = $1 WHERE id = $2")
        .bind(i64::try_from(total).unwrap_or(i64::MAX))
        .bind(job_id)
        .execute(&mut *tx)
        .await
        .context("start: updating delete_jobs")?;
    tx.commit().await.context("start: committing")?;
    tracing::info!(job_id, workspace_id, total, "delete job recorded");
    Ok(DeleteProgress {
        job_id,
        deleted: 0,
        total,
        done: total == 0,
    })
}

/// The running deletion of the workspace, else one that finished a moment
/// ago.
pub(super) async fn progress(
    store: &Store,
    workspace_id: i64,
) -> Result<Option<DeleteProgress>, AppError> {
    let pool = &store.pool;
    let row: Option<(i64, i64, i64, String)> = sqlx::query_as(&store.dialect.sql(
        "SELECT id, deleted, total, status FROM delete_jobs
          WHERE workspace_id = $1 AND (status = 'running' OR finished_at >= to_timestamp($2))
          ORDER BY status = 'running' DESC, id DESC LIMIT 1",
    ))
    .bind(workspace_id)
    .bind(store.now() - SHOW_FINISHED_SECS)
    .fetch_optional(pool)
    .await
    .context("progress: reading delete_jobs")?;
    Ok(row.map(|(job_id, deleted, total, status)| DeleteProgress {
        job_id,
        deleted: u64::try_from(deleted).unwrap_or(0),
        total: u64::try_from(total).unwrap_or(0),
        done: status == "done",
    }))
}

/// Deletion jobs, as their runner sees them.
pub struct DeleteJobs(pub Store);

#[async_trait]
impl JobQueue for DeleteJobs {
    fn store(&self) -> &Store {
        &self.0
    }

    fn table(&self) -> JobTable {
        JobTable::Deletes
    }

    /// Deletes the next `batch_size` contacts of a job this runner holds,
    /// with their channel links, conversations, messages, tag links and
    /// custom values, in one transaction that also renews the claim.
    async fn run_batch(
        &self,
        job: ClaimedJob,
        runner: &str,
        batch_size: u32,
        lease_millis: i64,
    ) -> Result<BatchOutcome, StoreError> {
        let ClaimedJob {
            id: job_id,
            workspace_id,
        } = job;
        let Some(mut tx) =
            jobs::begin_batch(&self.0, JobTable::Deletes, job, runner, lease_millis).await?
        else {
            return Ok(BatchOutcome::Lost);
        };
        let range: (Option<i64>, Option<i64>, i64) = sqlx::query_as(
            "SELECT MIN(contact_id), MAX(contact_id), COUNT(*) FROM (
                 SELECT contact_id FROM delete_job_contacts WHERE job_id = $1
                  ORDER BY contact_id LIMIT $2) AS batch",
        )
        .bind(job_id)
        .bind(i64::from(batch_size.max(1)))
        .fetch_one(&mut *tx)
        .await
        .context("delete_batch: reading delete_job_contacts")?;
        let (Some(first), Some(last), count) = range else {
            finish(&mut tx, job_id, self.0.now()).await?;
            tx.commit().await.context("delete_batch: committing")?;
            return Ok(BatchOutcome::Done);
        };
        // Deleting a contact deletes everything that hangs off it (SQLite's
        // foreign keys, PostgreSQL's deletion triggers). SQLite is faster
        // still when the batch's children go first, one statement per
        // table, than by its keys' cascade row by row; on PostgreSQL the
        // triggers already work per statement. The contacts are found by
        // their id range as well as the list, so PostgreSQL reads them as
        // one index range whatever it estimates the list holds (a child
        // table found by the list alone was read whole for every batch
        // when PostgreSQL judged that cheaper than a lookup per contact).
        let of_batch = "contact_id IN (SELECT contact_id FROM delete_job_contacts
                                        WHERE job_id = $1 AND contact_id BETWEEN $2 AND $3)";
        let children = match self.0.dialect() {
            Dialect::Sqlite => vec![
                format!("DELETE FROM messages WHERE conversation_id IN (SELECT id FROM conversations WHERE {of_batch})"),
                format!("DELETE FROM conversations WHERE {of_batch}"),
                format!("DELETE FROM contact_channels WHERE {of_batch}"),
                format!("DELETE FROM contact_tags WHERE {of_batch}"),
                format!("DELETE FROM custom_values WHERE {of_batch}"),
            ],
            Dialect::Postgres => Vec::new(),
        };
        let statements = children.into_iter().chain([
            "DELETE FROM contacts WHERE workspace_id = $4 AND id BETWEEN $2 AND $3 AND id IN (
                 SELECT contact_id FROM delete_job_contacts
                  WHERE job_id = $1 AND contact_id BETWEEN $2 AND $3)"
                .to_string(),
            "DELETE FROM delete_job_contacts WHERE job_id = $1 AND contact_id BETWEEN $2 AND $3"
                .to_string(),
        ]);
        for statement in statements {
            sqlx::query(&statement)
                .bind(job_id)
                .bind(first)
                .bind(last)
                .bind(workspace_id)
                .execute(&mut *tx)
                .await
                .context("delete_batch: deleting the batch")?;
        }
        sqlx::query(
            "UPDATE delete_jobs
              SET deleted = CASE WHEN deleted + $1 > total THEN total ELSE deleted + $1 END
              WHERE id = $2",
        )
        .bind(count)
        .bind(job_id)
        .execute(&mut *tx)
        .await
        .context("delete_batch: updating delete_jobs")?;
        let (Flag(remaining),): (Flag,) =
            sqlx::query_as("SELECT EXISTS (SELECT 1 FROM delete_job_contacts WHERE job_id = $1)")
                .bind(job_id)
                .fetch_one(&mut *tx)
                .await
                .context("delete_batch: reading delete_job_contacts")?;
        if !remaining {
            finish(&mut tx, job_id, self.0.now()).await?;
        }
        tx.commit().await.context("delete_batch: committing")?;
        Ok(if remaining {
            BatchOutcome::More
        } else {
            BatchOutcome::Done
        })
    }
}

async fn finish(tx: &mut sqlx::AnyConnection, job_id: i64, at: i64) -> Result<(), StoreError> {
    sqlx::query(&Dialect::of(tx).sql(
        "UPDATE delete_jobs SET status = 'done', deleted = total, finished_at = to_timestamp($1),
                claimed_by = NULL, claimed_until = NULL WHERE id = $2",
    ))
    .bind(at)
    .bind(job_id)
    .execute(tx)
    .await
    .context("finish: updating delete_jobs")?;
    tracing::info!(job_id, "delete job finished");
    Ok(())
}
