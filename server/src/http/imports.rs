//! The import and export routes that carry files rather than JSON:
//!
//! - `POST /contacts/imports?name=…&encoding=auto|utf-8|windows-1252`: the
//!   CSV file as the request body; answers with its columns to map (R35).
//! - `GET /contacts/imports/{id}/errors.csv`: every refused row with its
//!   reasons (R35).
//! - `GET /contacts/exports/{id}/contacts.csv`: a finished export, for the
//!   user who asked, for 24 hours (R36).
//!
//! Each checks the session, the workspace and the role as the server
//! functions do.

use crate::contacts_csv::neutralise;
use crate::imports::file::Encoding;
use crate::imports::{receive, ImportFiles, Upload};
use app::auth::Viewer;
use app::error::AppError;
use app::imports::model::{UploadedFile, UPLOAD_PATH};
use app::ssr::authorize;
use app::ssr::AccountsPort;
use axum::body::Body;
use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use futures::StreamExt;
use serde::Deserialize;
use shared::{Action, Module};
use std::sync::Arc;
use tower_sessions::Session;

/// What the routes need.
#[derive(Clone)]
pub struct FilesState {
    pub accounts: Arc<dyn AccountsPort>,
    pub files: Arc<dyn ImportFiles>,
}

/// The routes, with their state.
pub fn routes(state: FilesState) -> Router {
    Router::new()
        .route(UPLOAD_PATH, post(upload))
        .route("/contacts/imports/{id}/errors.csv", get(error_report))
        .route("/contacts/exports/{id}/contacts.csv", get(download_export))
        .with_state(state)
}

/// The signed-in viewer, refused unless their role may do `action`.
async fn viewer_for(
    state: &FilesState,
    session: &Session,
    action: Action,
) -> Result<Viewer, AppError> {
    let auth = app::ssr::session_auth(session)
        .await
        .ok_or(AppError::Unauthorized)?;
    let viewer = state
        .accounts
        .viewer(auth.user_id, auth.workspace_id)
        .await?
        .ok_or(AppError::Unauthorized)?;
    authorize(&viewer, action, Module::Contacts)?;
    Ok(viewer)
}

fn csv_download(file_name: &str, body: Body) -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{file_name}\""),
            ),
            (header::CACHE_CONTROL, "no-store".to_string()),
        ],
        body,
    )
        .into_response()
}

/// What the upload's address says about the file.
#[derive(Debug, Deserialize)]
struct UploadParams {
    /// The file's name as the user's computer called it.
    name: Option<String>,
    /// The encoding the user chose ("auto" or none: detect it).
    encoding: Option<String>,
}

async fn upload(
    State(state): State<FilesState>,
    session: Session,
    Query(params): Query<UploadParams>,
    body: Body,
) -> Result<(StatusCode, Json<UploadedFile>), AppError> {
    let viewer = viewer_for(&state, &session, Action::Import).await?;
    let file_name = params
        .name
        .map(|name| shared::text::excerpt(name.trim(), 120))
        .filter(|name| !name.is_empty())
        .unwrap_or_else(|| "contacts.csv".to_string());
    let upload = Upload {
        workspace_id: viewer.workspace.id,
        user_id: viewer.user_id,
        file_name,
        encoding: Encoding::from_choice(params.encoding.as_deref())?,
    };
    let uploaded = receive(state.files.as_ref(), upload, body.into_data_stream()).await?;
    Ok((StatusCode::CREATED, Json(uploaded)))
}

async fn error_report(
    State(state): State<FilesState>,
    session: Session,
    Path(import_id): Path<i64>,
) -> Result<Response, AppError> {
    let viewer = viewer_for(&state, &session, Action::Import).await?;
    let (headers, rows) = state
        .files
        .error_rows(viewer.workspace.id, import_id)
        .await?;
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(b"\xEF\xBB\xBF".to_vec());
    let mut header: Vec<String> =
        app::imports::model::error_report_headers(app::layout::reader_language())
            .map(str::to_owned)
            .into();
    header.extend(headers);
    let write_failed = |error: csv::Error| {
        tracing::error!(%error, "writing the error report failed");
        AppError::Internal
    };
    writer.write_record(&header).map_err(write_failed)?;
    for (line, cells, reasons) in rows {
        let mut record = vec![line.to_string(), reasons];
        record.extend(cells);
        writer
            .write_record(record.iter().map(|cell| neutralise(cell)))
            .map_err(write_failed)?;
    }
    let document = writer
        .into_inner()
        .map_err(|error| write_failed(error.into_error().into()))?;
    Ok(csv_download("import-errors.csv", Body::from(document)))
}

async fn download_export(
    State(state): State<FilesState>,
    session: Session,
    Path(export_id): Path<i64>,
) -> Result<Response, AppError> {
    let viewer = viewer_for(&state, &session, Action::ExportAll).await?;
    state
        .files
        .export_ready(viewer.workspace.id, viewer.user_id, export_id)
        .await?;
    // The parts are read one at a time while the download goes out.
    let files = state.files.clone();
    let parts = futures::stream::unfold(0i64, move |part| {
        let files = files.clone();
        async move {
            match files.export_part(export_id, part).await {
                Ok(Some(content)) => Some((Ok::<_, std::io::Error>(content), part + 1)),
                Ok(None) => None,
                Err(error) => Some((Err(std::io::Error::other(error.to_string())), i64::MAX)),
            }
        }
    });
    // Fused: the compression layer may ask again after the end.
    Ok(csv_download(
        "contacts-export.csv",
        Body::from_stream(parts.fuse()),
    ))
}
