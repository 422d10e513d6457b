//! `GET /contacts/export.csv`: "Export to CSV" as a real download. Checks
//! the session, workspace, role and the 100 limit exactly as the server
//! functions do (`app::contacts::api::authorize_bulk`).
//!
//! Parameters: the table's query (`q`, `tag`, `assignee`, `status`, `view`)
//! and either `ids=1,2,3` or `select=all&count=N`.

use crate::contacts_csv::contacts_csv;
use app::contacts::api::authorize_bulk;
use app::contacts::model::{BulkTarget, ContactQuery, DeleteTarget};
use app::error::{AppError, Refusal};
use app::ssr::Services;
use axum::extract::Query;
use axum::http::{header, HeaderMap};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use shared::bulk::{BulkAction, Selection};
use tower_sessions::Session;

/// How the download names its contacts: the ticked ids or every contact
/// the table's query matches (with the count the user saw).
#[derive(Debug, Deserialize)]
pub struct SelectionParams {
    select: Option<String>,
    count: Option<String>,
    ids: Option<String>,
}

/// Answers with the CSV document, or with the error as JSON and its status.
pub async fn export_csv(
    services: Services,
    session: Session,
    headers: HeaderMap,
    Query(selection): Query<SelectionParams>,
    Query(table): Query<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let target = BulkTarget {
        selection: selection.parse()?,
        query: ContactQuery::from_pairs(table.iter().map(|(k, v)| (k.as_str(), v.as_str()))),
    };
    let document = export(&services, &session, &headers, target).await?;
    Ok((
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
        .into_response())
}

#[tracing::instrument(skip(services, session, headers), err(level = "info"))]
async fn export(
    services: &Services,
    session: &Session,
    headers: &HeaderMap,
    target: BulkTarget,
) -> Result<Vec<u8>, AppError> {
    let auth = app::ssr::session_auth(session)
        .await
        .ok_or(AppError::Unauthorized)?;
    let viewer = services
        .accounts
        .viewer(auth.user_id, auth.workspace_id)
        .await?
        .ok_or(AppError::Unauthorized)?;
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
    let language = app::ssr::language_from_headers(headers, viewer.language);
    contacts_csv(&rows, language).map_err(|error| {
        tracing::error!(%error, "writing the CSV failed");
        AppError::Internal
    })
}

impl SelectionParams {
    fn parse(self) -> Result<Selection, AppError> {
        if self.select.as_deref() == Some("all") {
            let count = self
                .count
                .and_then(|count| count.trim().parse().ok())
                .ok_or_else(|| AppError::from(Refusal::CountMissing))?;
            return Ok(Selection::AllMatching { count });
        }
        let ids = self
            .ids
            .unwrap_or_default()
            .split(',')
            .filter(|id| !id.trim().is_empty())
            .map(|id| {
                id.trim()
                    .parse()
                    .map_err(|_| AppError::from(Refusal::IdsInvalid))
            })
            .collect::<Result<Vec<i64>, _>>()?;
        Ok(Selection::Ids(ids))
    }
}
