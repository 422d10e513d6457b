//! Server functions of the "Contact fields" settings page (owners and
//! managers; the permission matrix decides).

use super::model::{FieldOrderEdit, FieldSettings, NewCustomField};
use crate::error::AppError;
use leptos::prelude::*;
use server_fn::codec::Json;

/// R19, R20: the workspace's custom fields and field order.
#[server(endpoint = "settings_fields_get", input = Json)]
pub async fn get_field_settings() -> Result<FieldSettings, AppError> {
    let viewer = crate::ssr::require_viewer().await?;
    crate::ssr::details()?
        .field_settings(viewer.workspace.id)
        .await
}

/// R19: defines a new custom field.
#[server(endpoint = "settings_create_field", input = Json)]
pub async fn create_custom_field(field: NewCustomField) -> Result<(), AppError> {
    use shared::custom_field::check_unique;
    use shared::permissions::{check, Action, Context, Module};
    use shared::{CustomFieldDefinition, CustomFieldType, FieldError};
    let viewer = crate::ssr::require_viewer().await?;
    check(
        viewer.role(),
        Action::ManageCustomFields,
        &Context::new(Module::Contacts),
    )?;
    let field_type: CustomFieldType = field
        .field_type
        .parse()
        .map_err(|error: shared::custom_field::UnknownFieldType| FieldError::from(error))?;
    let definition =
        CustomFieldDefinition::new(&field.key, &field.label, field_type, field.options)?;
    let service = crate::ssr::details()?;
    let existing = service.custom_fields(viewer.workspace.id).await?;
    check_unique(&definition, &existing, false)?;
    service
        .create_custom_field(viewer.workspace.id, &definition)
        .await
}

/// R20: saves the order of the workspace's contact fields.
#[server(endpoint = "settings_save_order", input = Json)]
pub async fn save_field_order(edit: FieldOrderEdit) -> Result<(), AppError> {
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
    let order = FieldOrder::parse(edit.keys, &custom_keys)?;
    service.save_field_order(viewer.workspace.id, &order).await
}
