//! An import as stored, the rules its rows are checked against, and
//! reading its staged rows batch by batch.

use super::plan::{plan_rows, Plan, Rules};
use crate::storage::details::field_settings::custom_fields_on;
use crate::storage::{Context, StoreError};
use app::error::{AppError, Missing};
use app::imports::model::{ImportCounts, RowError};
use shared::import::ImportSettings;
use sqlx::AnyConnection;
use std::collections::HashMap;

/// Rows the dry run and the error report read at a time.
const SCAN_BATCH: i64 = 2000;

/// An import as stored.
pub(super) struct StoredImport {
    pub headers: Vec<String>,
    pub settings: Option<ImportSettings>,
    pub status: String,
    pub known_before: i64,
}

pub(super) async fn stored_import(
    conn: &mut AnyConnection,
    workspace_id: i64,
    import_id: i64,
) -> Result<StoredImport, AppError> {
    let row: Option<(String, Option<String>, String, i64)> = sqlx::query_as(
        "SELECT CAST(headers AS text), CAST(settings AS text), status, known_before FROM imports
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
pub(super) async fn rules(
    conn: &mut AnyConnection,
    workspace_id: i64,
    headers: Vec<String>,
    settings: ImportSettings,
    known_before: i64,
) -> Result<Rules, AppError> {
    let definitions = custom_fields_on(&mut *conn, workspace_id).await?;
    let default_country = settings
        .check(headers.len(), &definitions)
        .map_err(AppError::input)?;
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
pub(super) fn line(row_no: i64) -> u64 {
    u64::try_from(row_no).unwrap_or(0) + 1
}

pub(super) fn row_errors(row_no: i64, plan: &Plan) -> impl Iterator<Item = RowError> + '_ {
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
pub(super) async fn staged_rows(
    conn: &mut AnyConnection,
    import_id: i64,
    after: i64,
    limit: i64,
) -> Result<Vec<(i64, Vec<String>)>, StoreError> {
    let rows: Vec<(i64, String)> = sqlx::query_as(
        "SELECT row_no, CAST(cells AS text) FROM import_rows WHERE import_id = $1 AND row_no > $2
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
pub(super) async fn scan(
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

pub(super) fn count(counts: &mut ImportCounts, plan: &Plan) {
    match plan {
        Plan::Add(_) => counts.added += 1,
        Plan::Update { .. } => counts.updated += 1,
        Plan::Skip => counts.skipped += 1,
        Plan::Fail(_) => counts.failed += 1,
    }
}

pub(super) async fn highest_contact_id(conn: &mut AnyConnection) -> Result<i64, StoreError> {
    let (id,): (Option<i64>,) = sqlx::query_as("SELECT MAX(id) FROM contacts")
        .fetch_one(conn)
        .await
        .context("highest_contact_id: reading contacts")?;
    Ok(id.unwrap_or(0))
}
