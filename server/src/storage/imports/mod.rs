//! CSV imports (R35) and workspace exports (R36). An uploaded file's rows
//! wait in `import_rows`; the dry run plans every row without writing; the
//! import's runner plans and applies one batch of rows per transaction,
//! keeping the rows that failed for the error report.

mod apply;
mod export;
mod plan;
mod staging;

pub use export::ExportJobs;

use super::details::field_settings::custom_fields_on;
use super::jobs::{self, JobTable};
use super::{now, Context, Store, StoreError, WriteScope};
use crate::jobs::{BatchOutcome, ClaimedJob, JobQueue};
use app::error::{AppError, Missing};
use app::imports::model::{
    CheckRequest, ExportProgress, ExportRequest, ImportCheck, ImportCounts, ImportProgress,
    ImportRecord, RowError, LISTED_ERRORS,
};
use app::ssr::ImportsPort;
use async_trait::async_trait;
use plan::{plan_rows, Plan, Rules};
use shared::import::ImportSettings;
use sqlx::AnyConnection;
use std::collections::HashMap;

/// Rows the dry run and the error report read at a time.
const SCAN_BATCH: i64 = 2000;
/// A finished import stays visible in the module this long.
const SHOW_FINISHED_SECS: i64 = 10 * 60;

/// An import as stored.
struct StoredImport {
    headers: Vec<String>,
    settings: Option<ImportSettings>,
    status: String,
    known_before: i64,
}

async fn stored_import(
    conn: &mut AnyConnection,
    workspace_id: i64,
    import_id: i64,
) -> Result<StoredImport, AppError> {
    let row: Option<(String, Option<String>, String, i64)> = sqlx::query_as(
        "SELECT headers, settings, status, known_before FROM imports
          WHERE id = $1 AND workspace_id = $2",
    )
    .bind(import_id)
    .bind(workspace_id)
    .fetch_optional(&mut *conn)
    .await
    .context("stored_import: reading imports")?;
    let (headers, settings, status, known_before) =
        row.ok_or_else(|| AppError::not_found(Missing::Import))?;
    let unreadable = |error: serde_json::Error| {
        tracing::error!(%error, import_id, "a stored import is unreadable");
        AppError::Internal
    };
    Ok(StoredImport {
        headers: serde_json::from_str(&headers).map_err(unreadable)?,
        settings: settings
            .map(|settings| serde_json::from_str(&settings))
            .transpose()
            .map_err(unreadable)?,
        status,
        known_before,
    })
}

/// The rules rows are checked against: the settings checked against the
/// file and the workspace's custom fields, and the workspace's users.
async fn rules(
    conn: &mut AnyConnection,
    workspace_id: i64,
    headers: Vec<String>,
    settings: ImportSettings,
    known_before: i64,
) -> Result<Rules, AppError> {
    let definitions = custom_fields_on(&mut *conn, workspace_id).await?;
    let default_country = settings
        .check(headers.len(), &definitions)
        .map_err(|error| AppError::invalid(error.field, error.message))?;
    let members: Vec<(String, i64)> = sqlx::query_as(
        "SELECT u.email_key, u.id FROM memberships m JOIN users u ON u.id = m.user_id
          WHERE m.workspace_id = $1",
    )
    .bind(workspace_id)
    .fetch_all(&mut *conn)
    .await
    .context("rules: reading memberships")?;
    Ok(Rules {
        headers,
        settings,
        default_country,
        definitions,
        members: members.into_iter().collect::<HashMap<_, _>>(),
        known_before,
    })
}

/// A row's line in a spreadsheet: the header is line 1.
fn line(row_no: i64) -> u64 {
    u64::try_from(row_no).unwrap_or(0) + 1
}

fn row_errors(row_no: i64, plan: &Plan) -> impl Iterator<Item = RowError> + '_ {
    let errors = match plan {
        Plan::Fail(errors) => errors.as_slice(),
        _ => &[],
    };
    errors.iter().map(move |error| RowError {
        row: line(row_no),
        column: error.column.clone(),
        reason: error.reason.clone(),
    })
}

/// Reads the staged rows after `after`, at most `limit`.
async fn staged_rows(
    conn: &mut AnyConnection,
    import_id: i64,
    after: i64,
    limit: i64,
) -> Result<Vec<(i64, Vec<String>)>, StoreError> {
    let rows: Vec<(i64, String)> = sqlx::query_as(
        "SELECT row_no, cells FROM import_rows WHERE import_id = $1 AND row_no > $2
          ORDER BY row_no LIMIT $3",
    )
    .bind(import_id)
    .bind(after)
    .bind(limit)
    .fetch_all(&mut *conn)
    .await
    .context("staged_rows: reading import_rows")?;
    Ok(rows
        .into_iter()
        .map(|(row_no, cells)| (row_no, serde_json::from_str(&cells).unwrap_or_default()))
        .collect())
}

/// Plans every staged row, calling `visit` with each batch.
async fn scan(
    conn: &mut AnyConnection,
    workspace_id: i64,
    import_id: i64,
    rules: &Rules,
    mut visit: impl FnMut(&[(i64, Vec<String>)], &[Plan]),
) -> Result<(), StoreError> {
    let mut after = 0;
    loop {
        let rows = staged_rows(conn, import_id, after, SCAN_BATCH).await?;
        let Some((last, _)) = rows.last() else {
            return Ok(());
        };
        after = *last;
        let plans = plan_rows(conn, workspace_id, rules, &rows).await?;
        visit(&rows, &plans);
    }
}

fn count(counts: &mut ImportCounts, plan: &Plan) {
    match plan {
        Plan::Add(_) => counts.added += 1,
        Plan::Update { .. } => counts.updated += 1,
        Plan::Skip => counts.skipped += 1,
        Plan::Fail(_) => counts.failed += 1,
    }
}

async fn highest_contact_id(conn: &mut AnyConnection) -> Result<i64, StoreError> {
    let (id,): (Option<i64>,) = sqlx::query_as("SELECT MAX(id) FROM contacts")
        .fetch_one(conn)
        .await
        .context("highest_contact_id: reading contacts")?;
    Ok(id.unwrap_or(0))
}

async fn check(
    store: &Store,
    workspace_id: i64,
    request: &CheckRequest,
) -> Result<ImportCheck, AppError> {
    let mut conn = store
        .pool
        .acquire()
        .await
        .context("check: acquiring a connection")?;
    let import = stored_import(&mut conn, workspace_id, request.import_id).await?;
    if !matches!(import.status.as_str(), "uploaded" | "checked") {
        return Err(AppError::Conflict(
            "This import has started already.".into(),
        ));
    }
    let known_before = highest_contact_id(&mut conn).await?;
    let rules = rules(
        &mut conn,
        workspace_id,
        import.headers,
        request.settings.clone(),
        known_before,
    )
    .await?;
    let mut counts = ImportCounts::default();
    let mut errors = Vec::new();
    scan(
        &mut conn,
        workspace_id,
        request.import_id,
        &rules,
        |rows, plans| {
            for ((row_no, _), plan) in rows.iter().zip(plans) {
                count(&mut counts, plan);
                if errors.len() < LISTED_ERRORS {
                    errors.extend(row_errors(*row_no, plan).take(LISTED_ERRORS - errors.len()));
                }
            }
        },
    )
    .await?;
    let settings = serde_json::to_string(&request.settings).map_err(|_| AppError::Internal)?;
    sqlx::query(
        "UPDATE imports SET settings = $1, status = 'checked'
          WHERE id = $2 AND workspace_id = $3 AND status IN ('uploaded', 'checked')",
    )
    .bind(settings)
    .bind(request.import_id)
    .bind(workspace_id)
    .execute(&mut *conn)
    .await
    .context("check: updating imports")?;
    Ok(ImportCheck {
        import_id: request.import_id,
        counts,
        errors,
    })
}

async fn start(
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
        "uploaded" => {
            return Err(AppError::Conflict(
                "Check the file before starting the import.".into(),
            ))
        }
        _ => {
            return Err(AppError::Conflict(
                "This import has started already.".into(),
            ))
        }
    }
    let known_before = highest_contact_id(&mut tx).await?;
    sqlx::query(
        "UPDATE imports SET status = 'running', known_before = $1, started_at = $2
          WHERE id = $3",
    )
    .bind(known_before)
    .bind(now())
    .bind(import_id)
    .execute(&mut *tx)
    .await
    .context("start: updating imports")?;
    tx.commit().await.context("start: committing")?;
    tracing::info!(import_id, workspace_id, "import started");
    progress_of(&store.pool, workspace_id, Some(import_id))
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
async fn progress_of(
    pool: &sqlx::AnyPool,
    workspace_id: i64,
    import_id: Option<i64>,
) -> Result<Option<ImportProgress>, AppError> {
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
            sqlx::query_as(&format!(
                "{columns} AND (status = 'running' OR finished_at >= $2)
              ORDER BY status = 'running' DESC, id DESC LIMIT 1"
            ))
            .bind(workspace_id)
            .bind(now() - SHOW_FINISHED_SECS)
            .fetch_optional(pool)
            .await
        }
    }
    .context("progress: reading imports")?;
    Ok(row.map(progress_from))
}

async fn history(pool: &sqlx::AnyPool, workspace_id: i64) -> Result<Vec<ImportRecord>, AppError> {
    let rows: Vec<HistoryColumns> = sqlx::query_as(
        "SELECT i.id, i.file_name, i.total, i.processed, i.added, i.updated, i.skipped, i.failed,
                i.status, u.name, i.started_at
           FROM imports i LEFT JOIN users u ON u.id = i.requested_by
          WHERE i.workspace_id = $1 AND i.status IN ('running', 'done')
          ORDER BY i.id DESC LIMIT 100",
    )
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

/// The rows an import refused, with their reasons: from the finished or
/// running import's record, or, for a file only checked so far, by
/// planning it again with the checked settings.
pub(crate) async fn error_rows(
    store: &Store,
    workspace_id: i64,
    import_id: i64,
) -> Result<(Vec<String>, Vec<(u64, Vec<String>, String)>), AppError> {
    let mut conn = store
        .pool
        .acquire()
        .await
        .context("error_rows: acquiring a connection")?;
    let import = stored_import(&mut conn, workspace_id, import_id).await?;
    let headers = import.headers.clone();
    let mut report = Vec::new();
    if matches!(import.status.as_str(), "running" | "done") {
        let rows: Vec<(i64, String, String, String)> = sqlx::query_as(
            "SELECT e.row_no, r.cells, e.column_name, e.reason FROM import_errors e
               JOIN import_rows r ON r.import_id = e.import_id AND r.row_no = e.row_no
              WHERE e.import_id = $1 ORDER BY e.row_no",
        )
        .bind(import_id)
        .fetch_all(&mut *conn)
        .await
        .context("error_rows: reading import_errors")?;
        for (row_no, cells, column, reason) in rows {
            let reason = describe(&column, &reason);
            match report.last_mut() {
                Some((line_no, _, reasons)) if *line_no == line(row_no) => {
                    *reasons = format!("{reasons}; {reason}");
                }
                _ => report.push((
                    line(row_no),
                    serde_json::from_str(&cells).unwrap_or_default(),
                    reason,
                )),
            }
        }
        return Ok((headers, report));
    }
    let Some(settings) = import.settings else {
        return Err(AppError::Conflict(
            "Check the file to see its errors.".into(),
        ));
    };
    let known_before = highest_contact_id(&mut conn).await?;
    let rules = rules(
        &mut conn,
        workspace_id,
        headers.clone(),
        settings,
        known_before,
    )
    .await?;
    scan(&mut conn, workspace_id, import_id, &rules, |rows, plans| {
        for ((row_no, cells), plan) in rows.iter().zip(plans) {
            if let Plan::Fail(errors) = plan {
                let reasons: Vec<String> = errors
                    .iter()
                    .map(|error| describe(&error.column, &error.reason))
                    .collect();
                report.push((line(*row_no), cells.clone(), reasons.join("; ")));
            }
        }
    })
    .await?;
    Ok((headers, report))
}

fn describe(column: &str, reason: &str) -> String {
    if column.is_empty() {
        reason.to_string()
    } else {
        format!("{column}: {reason}")
    }
}

/// Imports, as their runner sees them.
pub struct ImportJobs(pub Store);

#[async_trait]
impl JobQueue for ImportJobs {
    fn kind(&self) -> &'static str {
        "import"
    }

    async fn claim(
        &self,
        runner: &str,
        lease_millis: i64,
    ) -> Result<Option<ClaimedJob>, StoreError> {
        jobs::claim(&self.0, JobTable::Imports, runner, lease_millis).await
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
        let mut tx = store
            .begin_write(WriteScope::Workspace(job.workspace_id))
            .await
            .context("import_batch: starting a write transaction")?;
        if !jobs::renew(&mut tx, JobTable::Imports, job, runner, lease_millis).await? {
            return Ok(BatchOutcome::Lost);
        }
        let (processed,): (i64,) = sqlx::query_as("SELECT processed FROM imports WHERE id = $1")
            .bind(job.id)
            .fetch_one(&mut *tx)
            .await
            .context("import_batch: reading imports")?;
        let rows = staged_rows(&mut tx, job.id, processed, i64::from(batch_size.max(1))).await?;
        let Some((last, _)) = rows.last().cloned() else {
            finish(&mut tx, job.id).await?;
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
        let counts = apply::apply(&mut tx, job.workspace_id, &plans).await?;
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

async fn finish(conn: &mut AnyConnection, import_id: i64) -> Result<(), StoreError> {
    sqlx::query(
        "UPDATE imports SET status = 'done', finished_at = $1, claimed_by = NULL,
                claimed_until = NULL WHERE id = $2",
    )
    .bind(now())
    .bind(import_id)
    .execute(conn)
    .await
    .context("import finish: updating imports")?;
    tracing::info!(import_id, "import finished");
    Ok(())
}

#[async_trait]
impl ImportsPort for Store {
    #[tracing::instrument(skip(self, request), err(level = "info"))]
    async fn check(
        &self,
        workspace_id: i64,
        request: &CheckRequest,
    ) -> Result<ImportCheck, AppError> {
        check(self, workspace_id, request).await
    }

    #[tracing::instrument(skip(self), err(level = "info"))]
    async fn start(&self, workspace_id: i64, import_id: i64) -> Result<ImportProgress, AppError> {
        start(self, workspace_id, import_id).await
    }

    #[tracing::instrument(skip(self), err(level = "info"))]
    async fn progress(&self, workspace_id: i64) -> Result<Option<ImportProgress>, AppError> {
        progress_of(&self.pool, workspace_id, None).await
    }

    #[tracing::instrument(skip(self), err(level = "info"))]
    async fn history(&self, workspace_id: i64) -> Result<Vec<ImportRecord>, AppError> {
        history(&self.pool, workspace_id).await
    }

    #[tracing::instrument(skip(self), err(level = "info"))]
    async fn start_export(
        &self,
        workspace_id: i64,
        user_id: i64,
        request: &ExportRequest,
    ) -> Result<ExportProgress, AppError> {
        export::start(self, workspace_id, user_id, request).await
    }

    #[tracing::instrument(skip(self), err(level = "info"))]
    async fn export_progress(
        &self,
        workspace_id: i64,
        user_id: i64,
    ) -> Result<Option<ExportProgress>, AppError> {
        export::progress(&self.pool, workspace_id, user_id).await
    }
}
