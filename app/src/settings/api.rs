//! Server functions of the settings pages: contact fields (owners and
//! managers; the permission matrix decides), channels and usage.

#[cfg(feature = "ssr")]
use super::model::{ingress_path, may_manage_channel_tokens, PERIODS_SHOWN};
use super::model::{
    ChannelRow, FieldOrderEdit, FieldRef, FieldRename, FieldSettings, FieldValueCount,
    NewCustomField, UsagePeriod,
};
#[cfg(feature = "ssr")]
use crate::auth::Viewer;
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::error::Refusal;
use leptos::prelude::*;
use server_fn::codec::{Json, PostUrl};

/// R19, R20: the workspace's custom fields and field order.
#[server(endpoint = "settings_fields_get", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn settings_fields_get() -> Result<FieldSettings, AppError> {
    let viewer = crate::ssr::require_viewer().await?;
    crate::ssr::details()?
        .field_settings(viewer.workspace.id)
        .await
}

/// R19: defines a new custom field.
#[server(endpoint = "settings_create_field", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn settings_create_field(field: NewCustomField) -> Result<(), AppError> {
    use shared::custom_field::check_new_field;
    use shared::permissions::{check, Action, Context, Module};
    let viewer = crate::ssr::require_viewer().await?;
    check(
        viewer.role(),
        Action::ManageCustomFields,
        &Context::new(Module::Contacts),
    )?;
    let service = crate::ssr::details()?;
    let existing = service.custom_fields(viewer.workspace.id).await?;
    let definition = check_new_field(
        &field.key,
        &field.label,
        &field.field_type,
        field.options,
        &existing,
    )
    .map_err(checks::first_problem)?;
    service
        .create_custom_field(viewer.workspace.id, &definition)
        .await
}

/// R19: gives a custom field a new label; its key, type and values stay.
#[server(endpoint = "settings_rename_field", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn settings_rename_field(edit: FieldRename) -> Result<(), AppError> {
    use shared::permissions::{Action, Module};
    let viewer = crate::ssr::viewer_may(Action::ManageCustomFields, Module::Contacts).await?;
    let service = crate::ssr::details()?;
    let existing = service.custom_fields(viewer.workspace.id).await?;
    let renamed = checks::field(&existing, &edit.key)?
        .renamed(&edit.label, &existing)
        .map_err(AppError::input)?;
    service
        .rename_custom_field(viewer.workspace.id, &renamed)
        .await
}

/// R19: how many contacts would lose a value if the custom field were
/// deleted, for the confirmation.
#[server(endpoint = "settings_count_field_values", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn settings_count_field_values(field: FieldRef) -> Result<FieldValueCount, AppError> {
    use shared::permissions::{Action, Module};
    let viewer = crate::ssr::viewer_may(Action::ManageCustomFields, Module::Contacts).await?;
    let contacts = crate::ssr::details()?
        .count_custom_values(viewer.workspace.id, &field.key)
        .await?;
    Ok(FieldValueCount { contacts })
}

/// R19, R20: deletes a custom field with its values on every contact and its
/// place in the field order; answers how many contacts held a value.
#[server(endpoint = "settings_delete_field", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn settings_delete_field(field: FieldRef) -> Result<FieldValueCount, AppError> {
    use shared::permissions::{Action, Module};
    let viewer = crate::ssr::viewer_may(Action::ManageCustomFields, Module::Contacts).await?;
    let contacts = crate::ssr::details()?
        .delete_custom_field(viewer.workspace.id, &field.key)
        .await?;
    Ok(FieldValueCount { contacts })
}

/// R20: saves the order of the workspace's contact fields.
#[server(endpoint = "settings_save_order", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn settings_save_order(edit: FieldOrderEdit) -> Result<(), AppError> {
    use shared::permissions::{check, Action, Context, Module};
    use shared::FieldOrder;
    let viewer = crate::ssr::require_viewer().await?;
    check(
        viewer.role(),
        Action::ChangeFieldOrder,
        &Context::new(Module::Contacts),
    )?;
    let service = crate::ssr::details()?;
    let custom_keys: Vec<String> = service
        .custom_fields(viewer.workspace.id)
        .await?
        .iter()
        .map(|definition| definition.key().to_owned())
        .collect();
    let order = FieldOrder::parse(edit.keys, &custom_keys).map_err(AppError::input)?;
    service.save_field_order(viewer.workspace.id, &order).await
}

#[cfg(feature = "ssr")]
mod checks {
    use crate::error::{AppError, Missing};
    use shared::custom_field::CustomFieldError;
    use shared::CustomFieldDefinition;

    /// The first of a form's problems, which the server answers with.
    pub fn first_problem(problems: Vec<CustomFieldError>) -> AppError {
        problems
            .into_iter()
            .next()
            .map_or(AppError::Internal, AppError::input)
    }

    /// The workspace's custom field with `key` (404 when there is none).
    pub fn field<'a>(
        existing: &'a [CustomFieldDefinition],
        key: &str,
    ) -> Result<&'a CustomFieldDefinition, AppError> {
        existing
            .iter()
            .find(|definition| definition.key() == key)
            .ok_or_else(|| AppError::not_found(Missing::Field))
    }
}

#[cfg(feature = "ssr")]
fn require_owner(viewer: &Viewer) -> Result<(), AppError> {
    if may_manage_channel_tokens(viewer.role()) {
        Ok(())
    } else {
        Err(Refusal::OwnersManageTokens.into())
    }
}

/// The workspace's channels; tokens only for owners.
#[server(endpoint = "channels_list", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn channels_list() -> Result<Vec<ChannelRow>, AppError> {
    let viewer = crate::ssr::require_viewer().await?;
    let show_tokens = may_manage_channel_tokens(viewer.role());
    let origin = request_origin();
    let channels = crate::ssr::channels()?
        .channels(viewer.workspace.id)
        .await?;
    Ok(channels
        .into_iter()
        .map(|channel| ChannelRow {
            id: channel.id,
            kind: channel.kind,
            name: channel.name,
            endpoint_url: format!("{origin}{}", ingress_path(channel.id)),
            token: show_tokens.then_some(channel.token),
        })
        .collect())
}

/// Replaces a channel's token (owners only); the old one stops working.
///
/// URL-encoded: the "Rotate token" form posts here as a plain HTML form when
/// JavaScript is off.
#[server(endpoint = "channels_rotate_token", input = PostUrl)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn channels_rotate_token(channel_id: i64) -> Result<(), AppError> {
    let viewer = crate::ssr::require_viewer().await?;
    require_owner(&viewer)?;
    crate::ssr::channels()?
        .rotate_token(viewer.workspace.id, channel_id)
        .await
        .map(|_| ())
}

/// This site's origin as the request names it (`http://host:port`), so the
/// endpoint shown is a full URL; `https` when a proxy says so.
#[cfg(feature = "ssr")]
fn request_origin() -> String {
    let Some(parts) = use_context::<axum::http::request::Parts>() else {
        return String::new();
    };
    let header = |name: &str| {
        parts
            .headers
            .get(name)
            .and_then(|value| value.to_str().ok())
            .map(str::to_owned)
    };
    let scheme = header("x-forwarded-proto").unwrap_or_else(|| "http".into());
    header("host")
        .map(|host| format!("{scheme}://{host}"))
        .unwrap_or_default()
}

/// The workspace's monthly active contacts, current period first.
#[server(endpoint = "usage_monthly_active_contacts", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn usage_monthly_active_contacts() -> Result<Vec<UsagePeriod>, AppError> {
    let viewer = crate::ssr::require_viewer().await?;
    crate::ssr::usage()?
        .monthly_active_contacts(viewer.workspace.id, crate::ssr::now()?, PERIODS_SHOWN)
        .await
}
