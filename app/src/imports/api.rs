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

/// "Check file": the dry run of an uploaded file with the chosen settings.
#[server(endpoint = "imports_check", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn imports_check(request: CheckRequest) -> Result<ImportCheck, AppError> {
    let viewer = crate::ssr::require_viewer().await?;
    checks::may(&viewer, shared::Action::Import)?;
    crate::ssr::imports()?
        .check(viewer.workspace.id, &request)
        .await
}

/// "Start import": imports the checked file in the background.
#[server(endpoint = "imports_start", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn imports_start(import_id: i64) -> Result<ImportProgress, AppError> {
    let viewer = crate::ssr::require_viewer().await?;
    checks::may(&viewer, shared::Action::Import)?;
    crate::ssr::imports()?
        .start(viewer.workspace.id, import_id)
        .await
}

/// The workspace's running or just finished import, shown to everyone in
/// the Contacts module.
#[server(endpoint = "imports_progress", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn imports_progress() -> Result<Option<ImportProgress>, AppError> {
    let viewer = crate::ssr::require_viewer().await?;
    checks::may(&viewer, shared::Action::ViewContact)?;
    crate::ssr::imports()?.progress(viewer.workspace.id).await
}

/// "Import history": the workspace's imports, newest first.
#[server(endpoint = "imports_history", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn imports_history() -> Result<Vec<ImportRecord>, AppError> {
    let viewer = crate::ssr::require_viewer().await?;
    checks::may(&viewer, shared::Action::Import)?;
    crate::ssr::imports()?.history(viewer.workspace.id).await
}

/// "Export all contacts": starts a background export.
#[server(endpoint = "exports_start", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn exports_start(request: ExportRequest) -> Result<ExportProgress, AppError> {
    let viewer = crate::ssr::require_viewer().await?;
    checks::may(&viewer, shared::Action::ExportAll)?;
    crate::ssr::imports()?
        .start_export(viewer.workspace.id, viewer.user_id, &request)
        .await
}

/// The user's latest export that can still be downloaded.
#[server(endpoint = "exports_progress", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn exports_progress() -> Result<Option<ExportProgress>, AppError> {
    let viewer = crate::ssr::require_viewer().await?;
    checks::may(&viewer, shared::Action::ExportAll)?;
    crate::ssr::imports()?
        .export_progress(viewer.workspace.id, viewer.user_id)
        .await
}

#[cfg(feature = "ssr")]
pub use checks::may;

#[cfg(feature = "ssr")]
mod checks {
    use crate::auth::Viewer;
    use crate::error::AppError;
    use shared::permissions::{check, Context};
    use shared::{Action, Module};

    /// Refuses the action unless the viewer's role may do it in the
    /// Contacts module.
    pub fn may(viewer: &Viewer, action: Action) -> Result<(), AppError> {
        check(viewer.role(), action, &Context::new(Module::Contacts))
            .map_err(|refused| AppError::Forbidden(refused.0.to_string()))
    }
}
