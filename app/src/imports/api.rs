//! Server functions of CSV import (R35) and workspace export (R36). The
//! upload itself, the error report and the export's file are plain HTTP
//! routes of the server (`server/src/http/imports.rs`); these check the
//! session and the role as every server function does.

use super::model::{
    CheckRequest, ExportProgress, ExportRequest, ImportCheck, ImportProgress, ImportRecord,
};
use crate::error::AppError;
use leptos::prelude::*;
use server_fn::codec::Json;
#[cfg(feature = "ssr")]
use shared::{Action, Module};

/// "Check file": the dry run of an uploaded file with the chosen settings.
#[server(endpoint = "imports_check", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn imports_check(request: CheckRequest) -> Result<ImportCheck, AppError> {
    let viewer = crate::ssr::viewer_may(Action::Import, Module::Contacts).await?;
    // Refused rows are explained in the checking user's language, also
    // when the import later runs in the background.
    let mut request = request;
    request.settings.language = crate::layout::reader_language();
    crate::ssr::imports()?
        .check(viewer.workspace.id, &request)
        .await
}

/// "Start import": imports the checked file in the background.
#[server(endpoint = "imports_start", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn imports_start(import_id: i64) -> Result<ImportProgress, AppError> {
    let viewer = crate::ssr::viewer_may(Action::Import, Module::Contacts).await?;
    crate::ssr::imports()?
        .start(viewer.workspace.id, import_id)
        .await
}

/// The workspace's running or just finished import, shown to everyone in
/// the Contacts module.
#[server(endpoint = "imports_progress", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn imports_progress() -> Result<Option<ImportProgress>, AppError> {
    let viewer = crate::ssr::viewer_may(Action::ViewContact, Module::Contacts).await?;
    crate::ssr::imports()?.progress(viewer.workspace.id).await
}

/// "Import history": the workspace's imports, newest first.
#[server(endpoint = "imports_history", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn imports_history() -> Result<Vec<ImportRecord>, AppError> {
    let viewer = crate::ssr::viewer_may(Action::Import, Module::Contacts).await?;
    crate::ssr::imports()?.history(viewer.workspace.id).await
}

/// "Export all contacts": starts a background export.
#[server(endpoint = "exports_start", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn exports_start(request: ExportRequest) -> Result<ExportProgress, AppError> {
    let viewer = crate::ssr::viewer_may(Action::ExportAll, Module::Contacts).await?;
    let language = crate::layout::reader_language();
    crate::ssr::imports()?
        .start_export(viewer.workspace.id, viewer.user_id, &request, language)
        .await
}

/// The user's latest export that can still be downloaded.
#[server(endpoint = "exports_progress", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn exports_progress() -> Result<Option<ExportProgress>, AppError> {
    let viewer = crate::ssr::viewer_may(Action::ExportAll, Module::Contacts).await?;
    crate::ssr::imports()?
        .export_progress(viewer.workspace.id, viewer.user_id)
        .await
}
