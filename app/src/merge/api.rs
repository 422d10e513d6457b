//! Server functions of the merge flow, the merge history and the
//! dashboard's suggestions. Each reads the session and asks the shared
//! permission matrix before calling the merge service.

use super::model::{
    MergeDone, MergeHistoryPage, MergeRequest, MergeReview, SuggestionCursor, SuggestionPage,
};
use crate::error::AppError;
use leptos::prelude::*;
use server_fn::codec::Json;

#[cfg(feature = "ssr")]
mod checks {
    use crate::auth::Viewer;
    use crate::error::AppError;
    use crate::ssr::Actor;
    use shared::permissions::{check, Action, Context, Module};

    /// The viewer may do `action` in the Contacts module; returns them as
    /// the history names them.
    pub fn allowed(viewer: &Viewer, action: Action) -> Result<Actor, AppError> {
        check(viewer.role(), action, &Context::new(Module::Contacts))?;
        Ok(Actor {
            user_id: viewer.user_id,
            name: viewer.name.clone(),
        })
    }
}

/// R13: the contacts side by side for the review; the first keeps its id.
#[server(endpoint = "merge_review", input = Json)]
pub async fn load_merge_review(contact_ids: Vec<i64>) -> Result<MergeReview, AppError> {
    let viewer = crate::ssr::require_viewer().await?;
    checks::allowed(&viewer, shared::Action::Merge)?;
    crate::ssr::merges()?
        .review(viewer.workspace.id, &contact_ids)
        .await
}

/// R13: merges the reviewed contacts with the chosen values.
#[server(endpoint = "merge_contacts", input = Json)]
pub async fn merge_contacts(request: MergeRequest) -> Result<MergeDone, AppError> {
    let viewer = crate::ssr::require_viewer().await?;
    let actor = checks::allowed(&viewer, shared::Action::Merge)?;
    crate::ssr::merges()?
        .merge(viewer.workspace.id, &actor, &request)
        .await
}

/// R14: "Undo merge"; returns the restored contacts.
#[server(endpoint = "merge_undo", input = Json)]
pub async fn undo_merge(merge_id: i64) -> Result<Vec<i64>, AppError> {
    let viewer = crate::ssr::require_viewer().await?;
    let actor = checks::allowed(&viewer, shared::Action::UndoMerge)?;
    crate::ssr::merges()?
        .undo(viewer.workspace.id, &actor, merge_id)
        .await
}

/// R15: one page of the merge history (owners and managers).
#[server(endpoint = "merge_history", input = Json)]
pub async fn load_merge_history(older_than: Option<i64>) -> Result<MergeHistoryPage, AppError> {
    let viewer = crate::ssr::require_viewer().await?;
    checks::allowed(&viewer, shared::Action::SeeMergeHistory)?;
    crate::ssr::merges()?
        .history(viewer.workspace.id, older_than)
        .await
}

/// R16: one page of the workspace's merge suggestions.
#[server(endpoint = "merge_suggestions", input = Json)]
pub async fn load_merge_suggestions(
    after: Option<SuggestionCursor>,
) -> Result<SuggestionPage, AppError> {
    let viewer = crate::ssr::require_viewer().await?;
    checks::allowed(&viewer, shared::Action::ViewContact)?;
    crate::ssr::merges()?
        .suggestions(viewer.workspace.id, after.as_ref())
        .await
}
