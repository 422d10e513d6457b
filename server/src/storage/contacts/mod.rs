//! The Contacts module's port.

mod bulk;
mod delete_jobs;
pub(crate) mod filter;
pub(crate) mod list;

pub use delete_jobs::DeleteJobs;

use super::Store;
use app::contacts::model::{
    AddedContact, BulkTarget, ContactPage, ContactRow, DeleteProgress, DeleteTarget, FilterOptions,
    ListRequest,
};
use app::error::AppError;
use app::ssr::{ContactsPort, ValidContact};
use async_trait::async_trait;
use shared::TagName;

#[async_trait]
impl ContactsPort for Store {
    // The request holds cursors and search text of any length: logged only
    // as a short excerpt.
    #[tracing::instrument(
        skip(self, request),
        fields(request = %shared::text::excerpt(&format!("{request:?}"), 200)),
        err(level = "info")
    )]
    async fn list(
        &self,
        workspace_id: i64,
        request: &ListRequest,
    ) -> Result<ContactPage, AppError> {
        list::list(&self.pool, workspace_id, request).await
    }

    #[tracing::instrument(skip(self), err(level = "info"))]
    async fn filter_options(&self, workspace_id: i64) -> Result<FilterOptions, AppError> {
        list::filter_options(&self.pool, workspace_id).await
    }

    #[tracing::instrument(skip(self, contact), err(level = "info"))]
    async fn add(
        &self,
        workspace_id: i64,
        contact: &ValidContact,
    ) -> Result<AddedContact, AppError> {
        bulk::add(self, workspace_id, contact).await
    }

    #[tracing::instrument(skip(self), err(level = "info"))]
    async fn count_target(
        &self,
        workspace_id: i64,
        target: &DeleteTarget,
        cap: Option<u64>,
    ) -> Result<u64, AppError> {
        bulk::count_target(&self.pool, workspace_id, target, cap).await
    }

    #[tracing::instrument(skip(self), err(level = "info"))]
    async fn count_not_assigned_to(
        &self,
        workspace_id: i64,
        target: &DeleteTarget,
        user_id: i64,
    ) -> Result<u64, AppError> {
        bulk::count_not_assigned_to(&self.pool, workspace_id, target, user_id).await
    }

    #[tracing::instrument(skip(self, new_tags), err(level = "info"))]
    async fn assign_tags(
        &self,
        workspace_id: i64,
        target: &BulkTarget,
        tag_ids: &[i64],
        new_tags: &[TagName],
    ) -> Result<u64, AppError> {
        bulk::assign_tags(self, workspace_id, target, tag_ids, new_tags).await
    }

    #[tracing::instrument(skip(self), err(level = "info"))]
    async fn target_ids(
        &self,
        workspace_id: i64,
        target: &BulkTarget,
        limit: usize,
    ) -> Result<Vec<i64>, AppError> {
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        bulk::target_ids(&self.pool, workspace_id, target, limit).await
    }

    #[tracing::instrument(skip(self), err(level = "info"))]
    async fn export_rows(
        &self,
        workspace_id: i64,
        target: &BulkTarget,
    ) -> Result<Vec<ContactRow>, AppError> {
        bulk::export_rows(&self.pool, workspace_id, target).await
    }

    #[tracing::instrument(skip(self), err(level = "info"))]
    async fn start_delete(
        &self,
        workspace_id: i64,
        user_id: i64,
        target: &DeleteTarget,
    ) -> Result<DeleteProgress, AppError> {
        delete_jobs::start(self, workspace_id, user_id, target).await
    }

    #[tracing::instrument(skip(self), err(level = "info"))]
    async fn delete_progress(&self, workspace_id: i64) -> Result<Option<DeleteProgress>, AppError> {
        delete_jobs::progress(self, workspace_id).await
    }
}
