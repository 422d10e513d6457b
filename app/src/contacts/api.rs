//! Server functions of the Contacts module. Each reads the session, checks
//! the role and the bulk limit with the same `shared` functions the table
//! uses to enable its buttons, and calls the contacts port.

use super::model::{
    AddedContact, BulkTarget, ContactPage, DeletePreview, DeleteProgress, DeleteTarget,
    FilterOptions, ListRequest, NewContact, TagAssignment,
};
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::error::Refusal;
use leptos::prelude::*;
use server_fn::codec::Json;
#[cfg(feature = "ssr")]
use shared::permissions::{Action, Module};

#[cfg(feature = "ssr")]
pub use checks::{authorize_bulk, delete_refusal};

/// One page of the contacts table.
#[server(endpoint = "contacts_list", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn contacts_list(request: ListRequest) -> Result<ContactPage, AppError> {
    let viewer = crate::ssr::viewer_may(Action::ViewContact, Module::Contacts).await?;
    crate::ssr::contacts()?
        .list(viewer.workspace.id, &request)
        .await
}

/// The tags and members the filters offer.
#[server(endpoint = "contacts_filter_options", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn contacts_filter_options() -> Result<FilterOptions, AppError> {
    let viewer = crate::ssr::viewer_may(Action::ViewContact, Module::Contacts).await?;
    crate::ssr::contacts()?
        .filter_options(viewer.workspace.id)
        .await
}

/// "Add contact": checks every value with the shared parsers and adds it.
#[server(endpoint = "contacts_add", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn contacts_add(contact: NewContact) -> Result<AddedContact, AppError> {
    let viewer = crate::ssr::viewer_may(Action::EditFields, Module::Contacts).await?;
    let valid = checks::validate(&contact)?;
    crate::ssr::contacts()?
        .add(viewer.workspace.id, &valid)
        .await
}

/// "Assign tags" on a selection of at most 100 contacts (R34).
#[server(endpoint = "contacts_assign_tags", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn contacts_assign_tags(request: TagAssignment) -> Result<u64, AppError> {
    let (viewer, port, _) = checks::bulk_request(
        shared::bulk::BulkAction::AssignTags,
        &DeleteTarget::Selected(request.target.clone()),
    )
    .await?;
    let new_tags = request
        .new_tags
        .iter()
        .map(|name| shared::TagName::parse(name).map_err(AppError::input))
        .collect::<Result<Vec<_>, _>>()?;
    if request.tag_ids.is_empty() && new_tags.is_empty() {
        return Err(Refusal::PickTag.into());
    }
    port.assign_tags(
        viewer.workspace.id,
        &request.target,
        &request.tag_ids,
        &new_tags,
    )
    .await
}

/// "Unblock" on a selection of at most 100 contacts of the "Blocked
/// contacts" view (R28); returns how many were unblocked (a contact someone
/// else unblocked meanwhile is left as it is).
#[server(endpoint = "contacts_unblock", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn contacts_unblock(target: BulkTarget) -> Result<u64, AppError> {
    let (viewer, port, _) = checks::bulk_request(
        shared::bulk::BulkAction::Unblock,
        &DeleteTarget::Selected(target.clone()),
    )
    .await?;
    let ids = port
        .target_ids(viewer.workspace.id, &target, shared::bulk::BULK_LIMIT)
        .await?;
    crate::ssr::inbox()?
        .unblock_contacts(
            viewer.workspace.id,
            &ids,
            viewer.user_id,
            crate::ssr::now()?,
        )
        .await
}

/// What the delete dialog states: how many contacts, and whether the user
/// may delete them all (R29–R32).
#[server(endpoint = "contacts_delete_preview", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn contacts_delete_preview(target: DeleteTarget) -> Result<DeletePreview, AppError> {
    let (viewer, port, count) =
        checks::bulk_request(shared::bulk::BulkAction::Delete, &target).await?;
    let refusal = delete_refusal(&viewer, &target, count, port.as_ref()).await?;
    let question = match target {
        DeleteTarget::Everything => {
            let blocked = port
                .count_target(viewer.workspace.id, &checks::blocked_contacts(), None)
                .await?;
            shared::bulk::delete_all_confirmation(count, blocked, crate::layout::reader_language())
        }
        DeleteTarget::Selected(_) => {
            shared::bulk::delete_confirmation(count, crate::layout::reader_language())
        }
    };
    Ok(DeletePreview {
        count,
        question,
        refusal: refusal.map(|refusal| refusal.words(crate::layout::reader_language())),
    })
}

/// Starts the background deletion of a selection or of every contact
/// (R29–R33); refuses agents any contact not assigned to them.
#[server(endpoint = "contacts_delete", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn contacts_delete(target: DeleteTarget) -> Result<DeleteProgress, AppError> {
    let (viewer, port, count) =
        checks::bulk_request(shared::bulk::BulkAction::Delete, &target).await?;
    if let Some(refusal) = delete_refusal(&viewer, &target, count, port.as_ref()).await? {
        return Err(refusal.into());
    }
    port.start_delete(viewer.workspace.id, viewer.user_id, &target)
        .await
}

/// The workspace's running (or latest) background deletion.
#[server(endpoint = "contacts_delete_progress", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn contacts_delete_progress() -> Result<Option<DeleteProgress>, AppError> {
    let viewer = crate::ssr::viewer_may(Action::ViewContact, Module::Contacts).await?;
    crate::ssr::contacts()?
        .delete_progress(viewer.workspace.id)
        .await
}

#[cfg(feature = "ssr")]
mod checks {
    use super::super::model::{BulkTarget, ContactQuery, DeleteTarget, NewContact, View, MAX_IDS};
    use crate::auth::Viewer;
    use crate::error::{AppError, Refusal};
    use crate::ssr::{ContactsPort, ValidContact};
    use shared::bulk::{check_bulk, BulkAction, Selection, BULK_LIMIT};
    use shared::permissions::{check, refusal, Action, Assignment, Context, Module};
    use shared::{Country, Email, Language, PersonName, PhoneNumber};
    use std::sync::Arc;

    fn contacts_module() -> Context {
        Context::new(Module::Contacts)
    }

    /// The role check and the count check of a bulk action, with the same
    /// shared functions that enable the bulk bar's buttons (R34); returns
    /// how many contacts the target names (for limited actions, counted up
    /// to one over the limit). Used by server functions and the CSV route.
    #[tracing::instrument(skip(viewer, target, port), err(level = "info"))]
    pub async fn authorize_bulk(
        viewer: &Viewer,
        action: BulkAction,
        target: &DeleteTarget,
        port: &dyn ContactsPort,
    ) -> Result<u64, AppError> {
        let role = viewer.role();
        match target {
            DeleteTarget::Everything => check(role, Action::DeleteAll, &contacts_module())?,
            DeleteTarget::Selected(selected) => {
                // Agents' deletes depend on each contact's assignment, which
                // `delete_refusal` checks; here the role and module only, as
                // for contacts assigned to the viewer.
                let context = contacts_module().assigned(Assignment::ToActor);
                check(role, action.permission(), &context)?;
                if let Selection::Ids(ids) = &selected.selection {
                    if ids.len() > MAX_IDS {
                        return Err(Refusal::TooManyIds { max: MAX_IDS }.into());
                    }
                }
                // What the browser claims is checked first, then the count
                // the server makes itself.
                check_bulk(action, selected.selection.count()).map_err(AppError::input)?;
            }
        }
        let cap = action
            .is_limited()
            .then(|| u64::try_from(BULK_LIMIT).unwrap_or(u64::MAX) + 1);
        let count = port.count_target(viewer.workspace.id, target, cap).await?;
        // A selection naming a contact that is not in the workspace (another
        // workspace's, or gone) is refused as a whole: "not found", as for
        // one contact, rather than acting on the rest.
        if let DeleteTarget::Selected(selected) = target {
            if matches!(selected.selection, Selection::Ids(_)) && count < selected.selection.count()
            {
                return Err(AppError::not_found(crate::error::Missing::Contact));
            }
        }
        check_bulk(action, count).map_err(AppError::input)?;
        Ok(count)
    }

    /// Every blocked contact of the workspace, as a target to count.
    pub fn blocked_contacts() -> DeleteTarget {
        DeleteTarget::Selected(BulkTarget {
            selection: Selection::AllMatching { count: 0 },
            query: ContactQuery {
                view: View::Blocked,
                ..ContactQuery::default()
            },
        })
    }

    /// The signed-in viewer, the Contacts storage and how many contacts the
    /// target names, once `authorize_bulk` allows the action.
    pub async fn bulk_request(
        action: BulkAction,
        target: &DeleteTarget,
    ) -> Result<(Viewer, Arc<dyn ContactsPort>, u64), AppError> {
        let viewer = crate::ssr::require_viewer().await?;
        let port = crate::ssr::contacts()?;
        let count = authorize_bulk(&viewer, action, target, port.as_ref()).await?;
        Ok((viewer, port, count))
    }

    /// R29: why this viewer may not delete the target, if they may not —
    /// an agent with contacts assigned to someone else in the selection is
    /// told how many.
    pub async fn delete_refusal(
        viewer: &Viewer,
        target: &DeleteTarget,
        count: u64,
        port: &dyn ContactsPort,
    ) -> Result<Option<Refusal>, AppError> {
        let unassigned = contacts_module().assigned(Assignment::Unassigned);
        let Some(refused) = refusal(viewer.role(), Action::DeleteContact, &unassigned) else {
            return Ok(None);
        };
        let others = port
            .count_not_assigned_to(viewer.workspace.id, target, viewer.user_id)
            .await?;
        Ok((others > 0).then_some(Refusal::DeleteOthers {
            others,
            count,
            reason: refused,
        }))
    }

    /// "Add contact": the shared parsers, exactly as in the browser.
    pub fn validate(contact: &NewContact) -> Result<ValidContact, AppError> {
        let name =
            PersonName::parse(&contact.first_name, &contact.last_name).map_err(AppError::input)?;
        let country = optional(&contact.country, Country::parse).map_err(AppError::input)?;
        let phone =
            PhoneNumber::parse_optional(&contact.phone, country).map_err(AppError::input)?;
        let email = Email::parse_optional(&contact.email).map_err(AppError::input)?;
        let language = optional(&contact.language, Language::parse).map_err(AppError::input)?;
        Ok(ValidContact {
            name,
            phone,
            email,
            country,
            language,
        })
    }

    fn optional<T, E>(input: &str, parse: impl Fn(&str) -> Result<T, E>) -> Result<Option<T>, E> {
        if input.trim().is_empty() {
            Ok(None)
        } else {
            parse(input).map(Some)
        }
    }
}
