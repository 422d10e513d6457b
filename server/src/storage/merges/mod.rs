//! Merge suggestions and their dismissal, merges, undo and the merge
//! history (R11–R17), behind the app's [`MergePort`].

mod dismissals;
mod history;
mod merge;
mod rows;
mod snapshot;
mod suggestions;
mod undo;

use super::{Context, Store};
use app::error::AppError;
use app::merge::model::{
    MergeDone, MergeHistoryPage, MergeRequest, MergeReview, SuggestionCursor, SuggestionPage,
};
use app::ssr::{Actor, MergePort};
use async_trait::async_trait;

pub use super::details::read::suggestions_of;
pub use suggestions::rebuild as rebuild_duplicate_groups;

#[async_trait]
impl MergePort for Store {
    #[tracing::instrument(skip(self), err(level = "info"))]
    async fn review(
        &self,
        workspace_id: i64,
        contact_ids: &[i64],
    ) -> Result<MergeReview, AppError> {
        shared::merge::check_contacts(contact_ids).map_err(AppError::input)?;
        let mut conn = self
            .pool
            .acquire()
            .await
            .context("review: taking a connection")?;
        let rows = rows::contacts(&mut conn, workspace_id, contact_ids).await?;
        let fields = rows::field_values(&mut conn, workspace_id, &rows).await?;
        let mut contacts = Vec::with_capacity(rows.len());
        for row in &rows {
            contacts.push(rows::review_contact(&mut conn, row).await?);
        }
        Ok(MergeReview {
            contacts,
            fields: fields.into_iter().map(|field| field.review).collect(),
        })
    }

    #[tracing::instrument(skip(self, request), err(level = "info"))]
    async fn merge(
        &self,
        workspace_id: i64,
        actor: &Actor,
        request: &MergeRequest,
    ) -> Result<MergeDone, AppError> {
        merge::merge(self, workspace_id, actor, request).await
    }

    #[tracing::instrument(skip(self), err(level = "info"))]
    async fn undo(
        &self,
        workspace_id: i64,
        actor: &Actor,
        merge_id: i64,
    ) -> Result<Vec<i64>, AppError> {
        undo::undo(self, workspace_id, actor, merge_id).await
    }

    #[tracing::instrument(skip(self), err(level = "info"))]
    async fn history(
        &self,
        workspace_id: i64,
        older_than: Option<i64>,
    ) -> Result<MergeHistoryPage, AppError> {
        history::page(self, workspace_id, older_than).await
    }

    #[tracing::instrument(skip(self), err(level = "info"))]
    async fn suggestions(
        &self,
        workspace_id: i64,
        after: Option<&SuggestionCursor>,
    ) -> Result<SuggestionPage, AppError> {
        suggestions::page(self, workspace_id, after).await
    }

    #[tracing::instrument(skip(self), err(level = "info"))]
    async fn dismiss(
        &self,
        workspace_id: i64,
        actor: &Actor,
        contact_ids: &[i64],
    ) -> Result<(), AppError> {
        dismissals::dismiss(self, workspace_id, actor, contact_ids).await
    }
}
