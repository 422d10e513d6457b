//! Starting an import, its progress and the workspace's import history.

use super::rows::{highest_contact_id, stored_import};
use crate::storage::{Context, Dialect, Store, WriteScope};
use app::error::{AppError, Missing, Refusal};
use app::imports::model::{ImportCounts, ImportProgress, ImportRecord};

/// A finished import stays visible in the module this long.
const SHOW_FINISHED_SECS: i64 = 10 * 60;

pub(super) async fn start(
    store: &Store,
    workspace_id: i64,
    import_id: i64,
) -> Result<ImportProgress, AppError> {
    let mut tx = store
        .begin_write(WriteScope::Workspace(workspace_id))
        .await
        .context("start: starting a write transaction")?;
    let import = stored_import(&mut tx, workspace_id, import_id).await?;
    match import.status.as_str() {
        "checked" => {}
        "uploaded" => return Err(Refusal::CheckBeforeImport.into()),
        _ => return Err(Refusal::ImportStarted.into()),
    }
    let known_before = highest_contact_id(&mut tx).await?;
    sqlx::query(&store.dialect.sql(
        "UPDATE imports SET status = 'running', known_before = $1, started_at = to_timestamp($2)
          WHERE id = $3",
    ))
    .bind(known_before)
    .bind(store.now())
    .bind(import_id)
    .execute(&mut *tx)
    .await
    .context("start: updating imports")?;
    tx.commit().await.context("start: committing")?;
    tracing::info!(import_id, workspace_id, "import started");
    progress_of(store, workspace_id, Some(import_id))
        .await?
        .ok_or_else(|| AppError::not_found(Missing::Import))
}

type ProgressColumns = (i64, String, i64, i64, i64, i64, i64, i64, String);

fn progress_from(row: ProgressColumns) -> ImportProgress {
    let (import_id, file_name, total, processed, added, updated, skipped, failed, status) = row;
    let count = |value: i64| u64::try_from(value).unwrap_or(0);
    ImportProgress {
        import_id,
        file_name,
        total: count(total),
        processed: count(processed),
        counts: ImportCounts {
            added: count(added),
            updated: count(updated),
            skipped: count(skipped),
            failed: count(failed),
        },
        done: status == "done",
    }
}

/// One import's progress, or the workspace's running (else just finished)
/// import.
pub(super) async fn progress_of(
    store: &Store,
    workspace_id: i64,
    import_id: Option<i64>,
) -> Result<Option<ImportProgress>, AppError> {
    let pool = &store.pool;
    let columns = "SELECT id, file_name, total, processed, added, updated, skipped, failed, status
                     FROM imports WHERE workspace_id = $1";
    let row: Option<ProgressColumns> = match import_id {
        Some(id) => {
            sqlx::query_as(&format!("{columns} AND id = $2"))
                .bind(workspace_id)
                .bind(id)
                .fetch_optional(pool)
                .await
        }
        None => {
            sqlx::query_as(&store.dialect.sql(&format!(
                "{columns} AND (status = 'running' OR finished_at >= to_timestamp($2))
              ORDER BY status = 'running' DESC, id DESC LIMIT 1"
            )))
            .bind(workspace_id)
            .bind(store.now() - SHOW_FINISHED_SECS)
            .fetch_optional(pool)
            .await
        }
    }
    .context("progress: reading imports")?;
    Ok(row.map(progress_from))
}

pub(super) async fn history(
    pool: &sqlx::AnyPool,
    workspace_id: i64,
) -> Result<Vec<ImportRecord>, AppError> {
    let rows: Vec<HistoryColumns> = sqlx::query_as(&Dialect::of_pool(pool).sql(
        "SELECT i.id, i.file_name, i.total, i.processed, i.added, i.updated, i.skipped, i.failed,
                i.status, u.name, unix_seconds(i.started_at)
           FROM imports i LEFT JOIN users u ON u.id = i.requested_by
          WHERE i.workspace_id = $1 AND i.status IN ('running', 'done')
          ORDER BY i.id DESC LIMIT 100",
    ))
    .bind(workspace_id)
    .fetch_all(pool)
    .await
    .context("history: reading imports")?;
    Ok(rows
        .into_iter()
        .map(|row| {
            let (id, file, total, processed, added, updated, skipped, failed, status, user, at) =
                row;
            let progress = progress_from((
                id, file, total, processed, added, updated, skipped, failed, status,
            ));
            ImportRecord {
                import_id: progress.import_id,
                file_name: progress.file_name,
                imported_by: user.unwrap_or_default(),
                started_at: at.unwrap_or_default(),
                total: progress.total,
                counts: progress.counts,
                done: progress.done,
            }
        })
        .collect())
}

type HistoryColumns = (
    i64,
    String,
    i64,
    i64,
    i64,
    i64,
    i64,
    i64,
    String,
    Option<String>,
    Option<i64>,
);
