//! Server functions of the drawer. Each one reads the session, asks the
//! shared permission matrix (the same call the drawer uses to show a
//! control), checks input with the shared parsers and calls the details
//! service. Inputs travel as JSON.
//!
//! These endpoints belong to the Contacts module, so the server asks the
//! matrix about the Contacts module (requests do not name a module). The
//! actions offered there only (remove channel, block, unblock, delete) have
//! no Inbox endpoint.

use super::model::{
    ChannelRemoval, ContactAction, ContactDetails, ContactRef, CustomValueEdit, FieldEdit,
    NameEdit, Saved, TagAdd, TagRemoval,
};
use crate::error::AppError;
use leptos::prelude::*;
use server_fn::codec::Json;

#[cfg(feature = "ssr")]
mod checks {
    use crate::auth::Viewer;
    use crate::error::{AppError, Refusal};
    use crate::ssr::{details, ContactFacts, FieldChange};
    use shared::permissions::{assign_to_refusal, check, Action, Assignment, Context, Module};
    use shared::{Country, Email, Language, StandardField};

    /// The viewer may do `action` on the contact in the Contacts module;
    /// returns the contact's facts (404 for a contact of another workspace).
    pub async fn allowed(
        viewer: &Viewer,
        contact_id: i64,
        action: Action,
    ) -> Result<ContactFacts, AppError> {
        let facts = details()?.facts(viewer.workspace.id, contact_id).await?;
        let assignment = Assignment::of(facts.assignee_id, viewer.user_id);
        check(
            viewer.role(),
            action,
            &Context::new(Module::Contacts).assigned(assignment),
        )?;
        Ok(facts)
    }

    /// The viewer may give the contact to the new assignee (agents: only to
    /// themselves or to nobody).
    pub fn may_assign_to(viewer: &Viewer, change: &FieldChange) -> Result<(), AppError> {
        let FieldChange::Assignee(new_assignee) = change else {
            return Ok(());
        };
        let assignment = Assignment::of(*new_assignee, viewer.user_id);
        match assign_to_refusal(viewer.role(), assignment) {
            Some(refused) => Err(refused.into()),
            None => Ok(()),
        }
    }

    /// Parses the new value of a standard field with the shared rules.
    pub fn field_change(
        field: StandardField,
        value: &str,
        facts: &ContactFacts,
        member_ids: &[i64],
    ) -> Result<FieldChange, AppError> {
        let blank = value.trim().is_empty();
        Ok(match field {
            StandardField::Country if blank => FieldChange::Country(None),
            StandardField::Country => {
                FieldChange::Country(Some(Country::parse(value).map_err(AppError::input)?))
            }
            StandardField::Language if blank => FieldChange::Language(None),
            StandardField::Language => {
                FieldChange::Language(Some(Language::parse(value).map_err(AppError::input)?))
            }
            StandardField::Email => {
                FieldChange::Email(Email::parse_optional(value).map_err(AppError::input)?)
            }
            StandardField::Phone => {
                let phone = shared::PhoneNumber::parse_optional(value, facts.country);
                FieldChange::Phone(phone.map_err(AppError::input)?)
            }
            StandardField::Assignee if blank => FieldChange::Assignee(None),
            StandardField::Assignee => {
                let id = value
                    .trim()
                    .parse::<i64>()
                    .ok()
                    .filter(|id| member_ids.contains(id))
                    .ok_or_else(|| AppError::from(Refusal::ChooseMember))?;
                FieldChange::Assignee(Some(id))
            }
            StandardField::FirstName | StandardField::LastName => {
                return Err(Refusal::UseEditName(field).into())
            }
            StandardField::Profile | StandardField::ConversationStatus => {
                return Err(Refusal::NotEditable(field).into())
            }
        })
    }
}

/// R1–R3, R5–R9, R11, R18–R21: everything the drawer shows about a contact.
#[server(endpoint = "details_get", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn details_get(request: ContactRef) -> Result<ContactDetails, AppError> {
    let viewer = crate::ssr::require_viewer().await?;
    crate::ssr::details()?
        .contact(viewer.workspace.id, request.contact_id)
        .await
}

/// R4: saves the contact's first and last name.
#[server(endpoint = "details_edit_name", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn details_edit_name(edit: NameEdit) -> Result<Saved, AppError> {
    use shared::permissions::Action;
    let viewer = crate::ssr::require_viewer().await?;
    checks::allowed(&viewer, edit.contact_id, Action::EditName).await?;
    let name = shared::PersonName::parse(&edit.first, &edit.last).map_err(AppError::input)?;
    let version = crate::ssr::details()?
        .save_name(viewer.workspace.id, edit.contact_id, edit.version, &name)
        .await?;
    Ok(Saved { version })
}

/// R18: saves one editable standard field (country, language, e-mail,
/// phone number or assignee).
#[server(endpoint = "details_edit_field", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn details_edit_field(edit: FieldEdit) -> Result<Saved, AppError> {
    use shared::permissions::Action;
    use shared::StandardField;
    let viewer = crate::ssr::require_viewer().await?;
    let action = if edit.field == StandardField::Assignee {
        Action::Assign
    } else {
        Action::EditFields
    };
    let facts = checks::allowed(&viewer, edit.contact_id, action).await?;
    let service = crate::ssr::details()?;
    let member_ids: Vec<i64> = if edit.field == StandardField::Assignee {
        service
            .contact(viewer.workspace.id, edit.contact_id)
            .await?
            .members
            .iter()
            .map(|member| member.id)
            .collect()
    } else {
        Vec::new()
    };
    let change = checks::field_change(edit.field, &edit.value, &facts, &member_ids)?;
    checks::may_assign_to(&viewer, &change)?;
    let version = service
        .save_field(viewer.workspace.id, edit.contact_id, edit.version, change)
        .await?;
    Ok(Saved { version })
}

/// R19: saves one custom field's value, checked against its definition.
#[server(endpoint = "details_edit_custom", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn details_edit_custom(edit: CustomValueEdit) -> Result<Saved, AppError> {
    use crate::error::Missing;
    use shared::permissions::Action;
    let viewer = crate::ssr::require_viewer().await?;
    let facts = checks::allowed(&viewer, edit.contact_id, Action::EditFields).await?;
    let service = crate::ssr::details()?;
    let definition = service
        .custom_fields(viewer.workspace.id)
        .await?
        .into_iter()
        .find(|definition| definition.key() == edit.key)
        .ok_or_else(|| AppError::not_found(Missing::Field))?;
    let value = shared::CustomFieldValue::parse(&definition, &edit.value, facts.country)
        .map_err(AppError::input)?
        .map(|value| value.to_input());
    let version = service
        .save_custom_value(
            viewer.workspace.id,
            edit.contact_id,
            edit.version,
            &edit.key,
            value,
        )
        .await?;
    Ok(Saved { version })
}

/// R22: tags the contact, creating the tag when the workspace has none of
/// that name.
#[server(endpoint = "details_add_tag", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn details_add_tag(request: TagAdd) -> Result<(), AppError> {
    use shared::permissions::Action;
    let viewer = crate::ssr::require_viewer().await?;
    checks::allowed(&viewer, request.contact_id, Action::Tag).await?;
    let tag = shared::TagName::parse(&request.name).map_err(AppError::input)?;
    crate::ssr::details()?
        .add_tag(viewer.workspace.id, request.contact_id, &tag)
        .await
}

/// R23: takes a tag off the contact; the tag stays in the workspace.
#[server(endpoint = "details_remove_tag", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn details_remove_tag(request: TagRemoval) -> Result<(), AppError> {
    use shared::permissions::Action;
    let viewer = crate::ssr::require_viewer().await?;
    checks::allowed(&viewer, request.contact_id, Action::Tag).await?;
    crate::ssr::details()?
        .remove_tag(viewer.workspace.id, request.contact_id, request.tag_id)
        .await
}

/// R10: disconnects a channel from the contact (owners and managers, in
/// the Contacts module); the conversation history stays.
#[server(endpoint = "details_remove_channel", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn details_remove_channel(request: ChannelRemoval) -> Result<(), AppError> {
    use shared::permissions::Action;
    let viewer = crate::ssr::require_viewer().await?;
    checks::allowed(&viewer, request.contact_id, Action::RemoveChannel).await?;
    crate::ssr::details()?
        .remove_channel(viewer.workspace.id, request.contact_id, request.channel_id)
        .await
}

/// R25–R27: blocks the contact (Contacts module only).
#[server(endpoint = "details_block", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn details_block(request: ContactAction) -> Result<(), AppError> {
    use shared::permissions::Action;
    let viewer = crate::ssr::require_viewer().await?;
    checks::allowed(&viewer, request.contact_id, Action::Block).await?;
    crate::ssr::inbox()?
        .block_contact(
            viewer.workspace.id,
            request.contact_id,
            viewer.user_id,
            crate::ssr::now()?,
        )
        .await
}

/// R28: unblocks the contact.
#[server(endpoint = "details_unblock", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn details_unblock(request: ContactAction) -> Result<(), AppError> {
    use shared::permissions::Action;
    let viewer = crate::ssr::require_viewer().await?;
    checks::allowed(&viewer, request.contact_id, Action::Unblock).await?;
    crate::ssr::inbox()?
        .unblock_contact(
            viewer.workspace.id,
            request.contact_id,
            viewer.user_id,
            crate::ssr::now()?,
        )
        .await
}

/// R29, R30: deletes the contact and its conversation history.
#[server(endpoint = "details_delete", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn details_delete(request: ContactAction) -> Result<(), AppError> {
    use shared::permissions::Action;
    let viewer = crate::ssr::require_viewer().await?;
    checks::allowed(&viewer, request.contact_id, Action::DeleteContact).await?;
    crate::ssr::details()?
        .delete(viewer.workspace.id, request.contact_id)
        .await
}
