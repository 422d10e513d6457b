//! The names of the shared crate's enums (standard fields, roles, channel
//! kinds, conversation statuses) in the page's language. The shared crate
//! knows what these things are; how they are called on screen is worded
//! here, once, from the `common` translations.

use crate::i18n::{t_string, use_i18n};
use shared::bulk::BulkAction;
use shared::channel::ChannelKind;
use shared::fields::ConversationStatus;
use shared::import::ImportMode;
use shared::CustomFieldType;
use shared::{Role, StandardField};

/// A standard field's label, e.g. "Phone number" / „Telefonnummer“.
pub fn field_label(field: StandardField) -> &'static str {
    let i18n = use_i18n();
    match field {
        StandardField::Profile => t_string!(i18n, common.fields.profile),
        StandardField::FirstName => t_string!(i18n, common.fields.first_name),
        StandardField::LastName => t_string!(i18n, common.fields.last_name),
        StandardField::Country => t_string!(i18n, common.fields.country),
        StandardField::Language => t_string!(i18n, common.fields.language),
        StandardField::Email => t_string!(i18n, common.fields.email),
        StandardField::Phone => t_string!(i18n, common.fields.phone),
        StandardField::Assignee => t_string!(i18n, common.fields.assignee),
        StandardField::ConversationStatus => t_string!(i18n, common.fields.conversation_status),
    }
}

/// A role's name, e.g. "Manager".
pub fn role_label(role: Role) -> &'static str {
    let i18n = use_i18n();
    match role {
        Role::Owner => t_string!(i18n, common.roles.owner),
        Role::Manager => t_string!(i18n, common.roles.manager),
        Role::Agent => t_string!(i18n, common.roles.agent),
    }
}

/// A conversation status, e.g. "Open" / „Offen“.
pub fn conversation_status_label(status: ConversationStatus) -> &'static str {
    let i18n = use_i18n();
    match status {
        ConversationStatus::Open => t_string!(i18n, common.conversation_status.open),
        ConversationStatus::Closed => t_string!(i18n, common.conversation_status.closed),
        ConversationStatus::Blocked => t_string!(i18n, common.conversation_status.blocked),
    }
}

/// A kind of channel: brand names stay as they are, the generic kinds are
/// translated ("E-mail" / „E-Mail“).
pub fn channel_kind_label(kind: ChannelKind) -> &'static str {
    let i18n = use_i18n();
    match kind {
        ChannelKind::Email => t_string!(i18n, common.channel_kinds.email),
        ChannelKind::Sms => t_string!(i18n, common.channel_kinds.sms),
        ChannelKind::WebsiteChat => t_string!(i18n, common.channel_kinds.website_chat),
        ChannelKind::Custom => t_string!(i18n, common.channel_kinds.custom),
        brand => brand.label(),
    }
}

/// A bulk action's button text, e.g. "Assign tags" / „Tags zuweisen“.
pub fn bulk_action_label(action: BulkAction) -> &'static str {
    let i18n = use_i18n();
    match action {
        BulkAction::AssignTags => t_string!(i18n, common.bulk_actions.assign_tags),
        BulkAction::ExportCsv => t_string!(i18n, common.bulk_actions.export_csv),
        BulkAction::Delete => t_string!(i18n, common.delete),
        BulkAction::Unblock => t_string!(i18n, common.bulk_actions.unblock),
    }
}

/// A custom field type's name, e.g. "Checkbox" / „Kontrollkästchen“.
pub fn field_type_label(field_type: CustomFieldType) -> &'static str {
    let i18n = use_i18n();
    match field_type {
        CustomFieldType::Text => t_string!(i18n, common.field_types.text),
        CustomFieldType::Number => t_string!(i18n, common.field_types.number),
        CustomFieldType::Date => t_string!(i18n, common.field_types.date),
        CustomFieldType::List => t_string!(i18n, common.field_types.list),
        CustomFieldType::Checkbox => t_string!(i18n, common.field_types.checkbox),
        CustomFieldType::Email => t_string!(i18n, common.field_types.email),
        CustomFieldType::Url => t_string!(i18n, common.field_types.url),
        CustomFieldType::Phone => t_string!(i18n, common.field_types.phone),
    }
}

/// An import mode's name, e.g. "Add and update".
pub fn import_mode_label(mode: ImportMode) -> &'static str {
    let i18n = use_i18n();
    match mode {
        ImportMode::Add => t_string!(i18n, common.import_modes.add),
        ImportMode::Update => t_string!(i18n, common.import_modes.update),
        ImportMode::AddAndUpdate => t_string!(i18n, common.import_modes.add_and_update),
    }
}
