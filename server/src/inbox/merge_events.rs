//! Merges and undos change which contact owns a conversation, so open
//! Inboxes hear of them: the merge port wrapped to publish a live update for
//! every contact a merge or an undo touched.

use super::live::LiveUpdates;
use app::error::AppError;
use app::inbox::model::InboxEventKind;
use app::merge::model::{
    MergeDone, MergeHistoryPage, MergeRequest, MergeReview, SuggestionCursor, SuggestionPage,
};
use app::ssr::{Actor, MergePort};
use async_trait::async_trait;
use std::sync::Arc;

/// A merge port that publishes what its merges and undos changed.
pub struct PublishingMerges {
    inner: Arc<dyn MergePort>,
    live: LiveUpdates,
}

impl PublishingMerges {
    pub fn new(inner: Arc<dyn MergePort>, live: LiveUpdates) -> Self {
        PublishingMerges { inner, live }
    }

    async fn publish(&self, workspace_id: i64, contact_ids: &[i64]) {
        for &contact_id in contact_ids {
            self.live
                .publish(workspace_id, contact_id, InboxEventKind::Merge)
                .await;
        }
    }
}

#[async_trait]
impl MergePort for PublishingMerges {
    #[tracing::instrument(skip_all, err(level = "info"))]
    async fn review(
        &self,
        workspace_id: i64,
        contact_ids: &[i64],
    ) -> Result<MergeReview, AppError> {
        self.inner.review(workspace_id, contact_ids).await
    }

    #[tracing::instrument(skip_all, err(level = "info"))]
    async fn merge(
        &self,
        workspace_id: i64,
        actor: &Actor,
        request: &MergeRequest,
    ) -> Result<MergeDone, AppError> {
        let done = self.inner.merge(workspace_id, actor, request).await?;
        self.publish(workspace_id, &request.contact_ids).await;
        Ok(done)
    }

    #[tracing::instrument(skip_all, err(level = "info"))]
    async fn undo(
        &self,
        workspace_id: i64,
        actor: &Actor,
        merge_id: i64,
    ) -> Result<Vec<i64>, AppError> {
        let contacts = self.inner.undo(workspace_id, actor, merge_id).await?;
        self.publish(workspace_id, &contacts).await;
        Ok(contacts)
    }

    #[tracing::instrument(skip_all, err(level = "info"))]
    async fn history(
        &self,
        workspace_id: i64,
        older_than: Option<i64>,
    ) -> Result<MergeHistoryPage, AppError> {
        self.inner.history(workspace_id, older_than).await
    }

    #[tracing::instrument(skip_all, err(level = "info"))]
    async fn suggestions(
        &self,
        workspace_id: i64,
        after: Option<&SuggestionCursor>,
    ) -> Result<SuggestionPage, AppError> {
        self.inner.suggestions(workspace_id, after).await
    }

    #[tracing::instrument(skip_all, err(level = "info"))]
    async fn dismiss(
        &self,
        workspace_id: i64,
        actor: &Actor,
        contact_ids: &[i64],
    ) -> Result<(), AppError> {
        self.inner.dismiss(workspace_id, actor, contact_ids).await
    }
}
