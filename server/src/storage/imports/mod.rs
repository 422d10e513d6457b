//! CSV imports (R35) and workspace exports (R36). An uploaded file's rows
//! wait in `import_rows`; the dry run plans every row without writing; the
//! import's runner plans and applies one batch of rows per transaction,
//! keeping the rows that failed for the error report.
mod apply;
mod check;
mod export;
mod plan;
mod progress;
mod rows;
mod runner;
mod staging;

pub(crate) use check::error_rows;
pub use export::ExportJobs;
use progress::progress_of;
pub use runner::ImportJobs;

use super::Store;
use app::error::AppError;
use app::imports::model::{
    CheckRequest, ExportProgress, ExportRequest, ImportCheck, ImportProgress, ImportRecord,
};
use app::ssr::ImportsPort;
use async_trait::async_trait;
use shared::UiLanguage;

#[async_trait]
impl ImportsPort for Store {
    #[tracing::instrument(skip(self, request), err(level = "info"))]
    async fn check(
        &self,
        workspace_id: i64,
        request: &CheckRequest,
    ) -> Result<ImportCheck, AppError> {
        check::check(self, workspace_id, request).await
    }

    #[tracing::instrument(skip(self), err(level = "info"))]
    async fn start(&self, workspace_id: i64, import_id: i64) -> Result<ImportProgress, AppError> {
        progress::start(self, workspace_id, import_id).await
    }

    #[tracing::instrument(skip(self), err(level = "info"))]
    async fn progress(&self, workspace_id: i64) -> Result<Option<ImportProgress>, AppError> {
        progress_of(self, workspace_id, None).await
    }

    #[tracing::instrument(skip(self), err(level = "info"))]
    async fn history(&self, workspace_id: i64) -> Result<Vec<ImportRecord>, AppError> {
        progress::history(&self.pool, workspace_id).await
    }

    #[tracing::instrument(skip(self), err(level = "info"))]
    async fn start_export(
        &self,
        workspace_id: i64,
        user_id: i64,
        request: &ExportRequest,
        language: UiLanguage,
    ) -> Result<ExportProgress, AppError> {
        export::start(self, workspace_id, user_id, request, language).await
    }

    #[tracing::instrument(skip(self), err(level = "info"))]
    async fn export_progress(
        &self,
        workspace_id: i64,
        user_id: i64,
    ) -> Result<Option<ExportProgress>, AppError> {
        export::progress(self, workspace_id, user_id).await
    }
}
