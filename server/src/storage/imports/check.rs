//! "Check file": the dry run, which plans every row and writes no contact.

use super::plan::Plan;
use super::rows::{count, highest_contact_id, line, row_errors, rules, scan, stored_import};
use crate::storage::{Context, Store};
use app::error::{AppError, Refusal};
use app::imports::model::{CheckRequest, ImportCheck, ImportCounts, LISTED_ERRORS};

pub(super) async fn check(
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
        return Err(Refusal::ImportStarted.into());
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
    sqlx::query(&store.dialect.sql(
        "UPDATE imports SET settings = json_document($1), status = 'checked'
          WHERE id = $2 AND workspace_id = $3 AND status IN ('uploaded', 'checked')",
    ))
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
            "SELECT e.row_no, CAST(r.cells AS text), e.column_name, e.reason FROM import_errors e
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
        return Err(Refusal::CheckToSeeErrors.into());
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
