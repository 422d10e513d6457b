//! The import's runner: one batch of rows per transaction.

use super::plan::{plan_rows, Plan, Rules};
use super::rows::{rules, staged_rows, stored_import};
use crate::jobs::{BatchOutcome, ClaimedJob, JobQueue};
use crate::storage::jobs::{self, JobTable};
use crate::storage::{Context, Dialect, Store, StoreError};
use app::error::AppError;
use async_trait::async_trait;
use sqlx::AnyConnection;

/// Imports, as their runner sees them.
pub struct ImportJobs(pub Store);

#[async_trait]
impl JobQueue for ImportJobs {
    fn store(&self) -> &Store {
        &self.0
    }

    fn table(&self) -> JobTable {
        JobTable::Imports
    }

    /// Plans and applies the next `batch_size` rows in one transaction that
    /// also records the failed rows, drops the others from the staged file
    /// and moves the import's counters on.
    async fn run_batch(
        &self,
        job: ClaimedJob,
        runner: &str,
        batch_size: u32,
        lease_millis: i64,
    ) -> Result<BatchOutcome, StoreError> {
        let store = &self.0;
        let Some(mut tx) =
            jobs::begin_batch(store, JobTable::Imports, job, runner, lease_millis).await?
        else {
            return Ok(BatchOutcome::Lost);
        };
        let (processed,): (i64,) = sqlx::query_as("SELECT processed FROM imports WHERE id = $1")
            .bind(job.id)
            .fetch_one(&mut *tx)
            .await
            .context("import_batch: reading imports")?;
        let rows = staged_rows(&mut tx, job.id, processed, i64::from(batch_size.max(1))).await?;
        let Some((last, _)) = rows.last().cloned() else {
            finish(&mut tx, job.id, store.now()).await?;
            tx.commit().await.context("import_batch: committing")?;
            return Ok(BatchOutcome::Done);
        };
        let plans = match batch_rules(&mut tx, job).await {
            Ok(rules) => plan_rows(&mut tx, job.workspace_id, &rules, &rows).await?,
            // Settings that no longer fit the workspace (a custom field was
            // deleted meanwhile) fail every row with the reason.
            Err(error) => rows
                .iter()
                .map(|_| {
                    Plan::Fail(vec![shared::import::CellError {
                        column: String::new(),
                        reason: error.to_string(),
                    }])
                })
                .collect(),
        };
        let counts = super::apply::apply(&mut tx, job.workspace_id, &plans, store.now()).await?;
        record_errors(&mut tx, job.id, &rows, &plans).await?;
        sqlx::query(
            "DELETE FROM import_rows WHERE import_id = $1 AND row_no > $2 AND row_no <= $3
                AND row_no NOT IN (SELECT row_no FROM import_errors WHERE import_id = $1)",
        )
        .bind(job.id)
        .bind(processed)
        .bind(last)
        .execute(&mut *tx)
        .await
        .context("import_batch: deleting import_rows")?;
        sqlx::query(
            "UPDATE imports SET processed = $1, added = added + $2, updated = updated + $3,
                    skipped = skipped + $4, failed = failed + $5 WHERE id = $6",
        )
        .bind(last)
        .bind(signed(counts.added))
        .bind(signed(counts.updated))
        .bind(signed(counts.skipped))
        .bind(signed(counts.failed))
        .bind(job.id)
        .execute(&mut *tx)
        .await
        .context("import_batch: updating imports")?;
        tx.commit().await.context("import_batch: committing")?;
        Ok(BatchOutcome::More)
    }
}

fn signed(value: u64) -> i64 {
    i64::try_from(value).unwrap_or(i64::MAX)
}

async fn batch_rules(conn: &mut AnyConnection, job: ClaimedJob) -> Result<Rules, AppError> {
    let import = stored_import(conn, job.workspace_id, job.id).await?;
    let settings = import.settings.ok_or(AppError::Internal)?;
    rules(
        conn,
        job.workspace_id,
        import.headers,
        settings,
        import.known_before,
    )
    .await
}

async fn record_errors(
    conn: &mut AnyConnection,
    import_id: i64,
    rows: &[(i64, Vec<String>)],
    plans: &[Plan],
) -> Result<(), StoreError> {
    for ((row_no, _), plan) in rows.iter().zip(plans) {
        let Plan::Fail(errors) = plan else {
            continue;
        };
        for error in errors {
            sqlx::query(
                "INSERT INTO import_errors (import_id, row_no, column_name, reason)
                 VALUES ($1, $2, $3, $4)",
            )
            .bind(import_id)
            .bind(*row_no)
            .bind(error.column.clone())
            .bind(error.reason.clone())
            .execute(&mut *conn)
            .await
            .context("import_batch: adding to import_errors")?;
        }
    }
    Ok(())
}

async fn finish(conn: &mut AnyConnection, import_id: i64, at: i64) -> Result<(), StoreError> {
    sqlx::query(&Dialect::of(conn).sql(
        "UPDATE imports SET status = 'done', finished_at = to_timestamp($1), claimed_by = NULL,
                claimed_until = NULL WHERE id = $2",
    ))
    .bind(at)
    .bind(import_id)
    .execute(conn)
    .await
    .context("import finish: updating imports")?;
    tracing::info!(import_id, "import finished");
    Ok(())
}
