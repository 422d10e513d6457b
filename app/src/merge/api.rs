//! Server functions of the merge flow, the merge history and the
//! dashboard's suggestions. Each reads the session and asks the shared
//! permission matrix before calling the merge service.

use super::model::{
    DismissRequest, MergeDone, MergeHistoryPage, MergeRequest, MergeReview, SuggestionCursor,
    SuggestionPage,
};
use crate::error::AppError;
use leptos::prelude::*;
use server_fn::codec::Json;

#[cfg(feature = "ssr")]
mod checks {
    use crate::auth::Viewer;
    use crate::error::AppError;
    use crate::ssr::Actor;
    use shared::permissions::{check, may, Action, Assignment, Context, Module};

    /// The viewer may do `action` (one that does not depend on a contact's
    /// assignment) in the Contacts module; returns them as the history names
    /// them.
    pub fn allowed(viewer: &Viewer, action: Action) -> Result<Actor, AppError> {
        crate::ssr::authorize(viewer, action, Module::Contacts)?;
        Ok(actor(viewer))
    }

    /// The viewer as the history names them.
    pub fn actor(viewer: &Viewer) -> Actor {
        Actor {
            user_id: viewer.user_id,
            name: viewer.name.clone(),
        }
    }

    /// The viewer may merge each of the contacts, whoever they are assigned
    /// to (agents: only their own). The merge's version check refuses the
    /// merge if an assignment changes after this read.
    pub async fn may_merge_each(viewer: &Viewer, contact_ids: &[i64]) -> Result<(), AppError> {
        let context = |assignment| Context::new(Module::Contacts).assigned(assignment);
        let any_contact = Assignment::ALL
            .into_iter()
            .all(|assignment| may(viewer.role(), Action::Merge, &context(assignment)));
        if any_contact {
            return Ok(());
        }
        let details = crate::ssr::details()?;
        for &contact_id in contact_ids {
            let facts = details.facts(viewer.workspace.id, contact_id).await?;
            let assignment = Assignment::of(facts.assignee_id, viewer.user_id);
            check(viewer.role(), Action::Merge, &context(assignment))?;
        }
        Ok(())
    }
}

/// R13: the contacts side by side for the review; the first keeps its id.
#[server(endpoint = "merge_review_get", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn merge_review_get(contact_ids: Vec<i64>) -> Result<MergeReview, AppError> {
    let viewer = crate::ssr::require_viewer().await?;
    checks::may_merge_each(&viewer, &contact_ids).await?;
    crate::ssr::merges()?
        .review(viewer.workspace.id, &contact_ids)
        .await
}

/// R13: merges the reviewed contacts with the chosen values.
#[server(endpoint = "merge_contacts", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn merge_contacts(request: MergeRequest) -> Result<MergeDone, AppError> {
    let viewer = crate::ssr::require_viewer().await?;
    checks::may_merge_each(&viewer, &request.contact_ids).await?;
    let actor = checks::actor(&viewer);
    crate::ssr::merges()?
        .merge(viewer.workspace.id, &actor, &request)
        .await
}

/// R14: "Undo merge"; returns the restored contacts.
#[server(endpoint = "merge_undo", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn merge_undo(merge_id: i64) -> Result<Vec<i64>, AppError> {
    let viewer = crate::ssr::require_viewer().await?;
    let actor = checks::allowed(&viewer, shared::Action::UndoMerge)?;
    crate::ssr::merges()?
        .undo(viewer.workspace.id, &actor, merge_id)
        .await
}

/// R15: one page of the merge history (owners and managers).
#[server(endpoint = "merge_history", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn merge_history(older_than: Option<i64>) -> Result<MergeHistoryPage, AppError> {
    let viewer = crate::ssr::require_viewer().await?;
    checks::allowed(&viewer, shared::Action::SeeMergeHistory)?;
    crate::ssr::merges()?
        .history(viewer.workspace.id, older_than)
        .await
}

/// R16: one page of the workspace's merge suggestions.
#[server(endpoint = "merge_suggestions", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn merge_suggestions(
    after: Option<SuggestionCursor>,
) -> Result<SuggestionPage, AppError> {
    let viewer = crate::ssr::require_viewer().await?;
    checks::allowed(&viewer, shared::Action::ViewContact)?;
    crate::ssr::merges()?
        .suggestions(viewer.workspace.id, after.as_ref())
        .await
}

/// R16: "Not a duplicate": no pair of these contacts is suggested again.
/// Whoever may merge the contacts may say they are different people.
#[server(endpoint = "merge_dismiss_suggestion", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn merge_dismiss_suggestion(request: DismissRequest) -> Result<(), AppError> {
    let viewer = crate::ssr::require_viewer().await?;
    checks::may_merge_each(&viewer, &request.contact_ids).await?;
    let actor = checks::actor(&viewer);
    crate::ssr::merges()?
        .dismiss(viewer.workspace.id, &actor, &request.contact_ids)
        .await
}
