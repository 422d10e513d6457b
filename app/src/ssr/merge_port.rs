//! The seam between the merge flow's server functions and storage. Every
//! method is scoped to one workspace.

use crate::error::AppError;
use crate::merge::model::{
    MergeDone, MergeHistoryPage, MergeRequest, MergeReview, SuggestionCursor, SuggestionPage,
};
use async_trait::async_trait;

/// The workspace member doing a merge or an undo, as the history names them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    /// The user's id.
    pub user_id: i64,
    /// The user's name at the time.
    pub name: String,
}

/// Merge suggestions, merges, undo and the merge history.
#[async_trait]
pub trait MergePort: Send + Sync {
    /// R13: the contacts side by side with every field's values; 404 for a
    /// contact that is not in the workspace, 409 for a blocked or merged one.
    async fn review(&self, workspace_id: i64, contact_ids: &[i64])
        -> Result<MergeReview, AppError>;

    /// R13: merges the contacts into the first one in one transaction; 409
    /// when one of them changed since the review or was merged meanwhile.
    async fn merge(
        &self,
        workspace_id: i64,
        actor: &Actor,
        request: &MergeRequest,
    ) -> Result<MergeDone, AppError>;

    /// R14: restores every contact of the merge exactly as it was; 409 with
    /// the reason when that is no longer possible. Returns the contacts.
    async fn undo(
        &self,
        workspace_id: i64,
        actor: &Actor,
        merge_id: i64,
    ) -> Result<Vec<i64>, AppError>;

    /// R15: merges newest first, starting below `older_than` (a merge id).
    async fn history(
        &self,
        workspace_id: i64,
        older_than: Option<i64>,
    ) -> Result<MergeHistoryPage, AppError>;

    /// R11, R16, R17: duplicate groups newest first, after `after`.
    async fn suggestions(
        &self,
        workspace_id: i64,
        after: Option<&SuggestionCursor>,
    ) -> Result<SuggestionPage, AppError>;

    /// R16: records that no pair of the contacts is a duplicate, so
    /// suggestions leave it out from now on; 422 for fewer than two or more
    /// than five contacts, 404 for a contact that is not in the workspace.
    async fn dismiss(
        &self,
        workspace_id: i64,
        actor: &Actor,
        contact_ids: &[i64],
    ) -> Result<(), AppError>;
}
