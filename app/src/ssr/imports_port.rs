//! The import and export seam to storage (R35, R36): checking and starting
//! an uploaded file's import, progress, history, and workspace exports.
//! Every method is scoped to one workspace.

use crate::error::AppError;
use crate::imports::model::{
    CheckRequest, ExportProgress, ExportRequest, ImportCheck, ImportProgress, ImportRecord,
};
use async_trait::async_trait;
use shared::UiLanguage;

/// Imports and exports of a workspace's contacts.
#[async_trait]
pub trait ImportsPort: Send + Sync {
    /// The dry run: checks every row of the uploaded file with the
    /// settings and says what an import would do, storing no contact. The
    /// settings are kept for "Start import".
    async fn check(
        &self,
        workspace_id: i64,
        request: &CheckRequest,
    ) -> Result<ImportCheck, AppError>;

    /// Starts the checked import in the background.
    async fn start(&self, workspace_id: i64, import_id: i64) -> Result<ImportProgress, AppError>;

    /// The workspace's running import, else one that finished a moment ago.
    async fn progress(&self, workspace_id: i64) -> Result<Option<ImportProgress>, AppError>;

    /// Every started import of the workspace, newest first.
    async fn history(&self, workspace_id: i64) -> Result<Vec<ImportRecord>, AppError>;

    /// Starts a background export for the user.
    async fn start_export(
        &self,
        workspace_id: i64,
        user_id: i64,
        request: &ExportRequest,
        language: UiLanguage,
    ) -> Result<ExportProgress, AppError>;

    /// The user's latest export that can still be downloaded.
    async fn export_progress(
        &self,
        workspace_id: i64,
        user_id: i64,
    ) -> Result<Option<ExportProgress>, AppError>;
}
