//! `GET /contacts/export.csv`: "Export to CSV" as a real download. Checks
//! the session, workspace, role and the 100 limit exactly as the server
//! functions do (`app::contacts::api::authorize_bulk`).
//!
//! Parameters: the table's query (`q`, `tag`, `assignee`, `status`, `view`)
//! and either `ids=1,2,3` or `select=all&count=N`.

use crate::contacts_csv::contacts_csv;
use app::contacts::api::authorize_bulk;
use app::contacts::model::{BulkTarget, ContactQuery, DeleteTarget};
use app::error::AppError;
use app::ssr::Services;
use axum::extract::Query;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use shared::bulk::{BulkAction, Selection};
use tower_sessions::Session;

/// Answers with the CSV document, or with the error as JSON and its status.
pub async fn export_csv(
    services: Services,
    session: Session,
    Query(params): Query<Vec<(String, String)>>,
) -> Response {
    match export(&services, &session, &params).await {
        Ok(document) => (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
                (
                    header::CONTENT_DISPOSITION,
                    "attachment; filename=\"contacts.csv\"",
                ),
                (header::CACHE_CONTROL, "no-store"),
            ],
            document,
        )
            .into_response(),
        Err(error) => {
            let status =
                StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            (status, axum::Json(error)).into_response()
        }
    }
}

#[tracing::instrument(skip(services, session, params), err(level = "info"))]
async fn export(
    services: &Services,
    session: &Session,
    params: &[(String, String)],
) -> Result<Vec<u8>, AppError> {
    let auth = app::ssr::session_auth(session)
        .await
        .ok_or(AppError::Unauthorized)?;
    let viewer = services
        .accounts
        .viewer(auth.user_id, auth.workspace_id)
        .await?
        .ok_or(AppError::Unauthorized)?;
    let target = BulkTarget {
        selection: selection(params)?,
        query: ContactQuery::from_pairs(params.iter().map(|(k, v)| (k.as_str(), v.as_str()))),
    };
    authorize_bulk(
        &viewer,
        BulkAction::ExportCsv,
        &DeleteTarget::Selected(target.clone()),
        services.contacts.as_ref(),
    )
    .await?;
    let rows = services
        .contacts
        .export_rows(viewer.workspace.id, &target)
        .await?;
    contacts_csv(&rows).map_err(|error| {
        tracing::error!(%error, "writing the CSV failed");
        AppError::Internal
    })
}

fn selection(params: &[(String, String)]) -> Result<Selection, AppError> {
    let value = |name: &str| {
        params
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    };
    if value("select") == Some("all") {
        let count = value("count")
            .and_then(|count| count.parse().ok())
            .ok_or_else(|| AppError::invalid("Selection", "the number of contacts is missing"))?;
        return Ok(Selection::AllMatching { count });
    }
    let ids = value("ids")
        .unwrap_or_default()
        .split(',')
        .filter(|id| !id.trim().is_empty())
        .map(|id| {
            id.trim()
                .parse()
                .map_err(|_| AppError::invalid("Selection", "the contact ids are not valid"))
        })
        .collect::<Result<Vec<i64>, _>>()?;
    Ok(Selection::Ids(ids))
}
