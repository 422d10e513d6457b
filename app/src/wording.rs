//! The names of the shared crate's enums (standard fields, roles, channel
//! kinds, conversation statuses) in the page's language. The shared crate
//! knows what these things are; how they are called on screen is worded
//! here, once, from the `common` translations.

use crate::i18n::{td_string, use_i18n, Locale};
use shared::bulk::BulkAction;
use shared::channel::ChannelKind;
use shared::fields::ConversationStatus;
use shared::import::ImportMode;
use shared::CustomFieldType;
use shared::{Role, StandardField};

/// The locale of the page being rendered.
fn page_locale() -> Locale {
    use_i18n().get_locale_untracked()
}

/// A standard field's label, e.g. "Phone number" / „Telefonnummer“.
pub fn field_label(field: StandardField) -> &'static str {
    field_label_in(page_locale(), field)
}

/// [`field_label`] in `locale`, for text made outside a page (CSV files).
pub fn field_label_in(locale: Locale, field: StandardField) -> &'static str {
    match field {
        StandardField::Profile => td_string!(locale, common.fields.profile),
        StandardField::FirstName => td_string!(locale, common.fields.first_name),
        StandardField::LastName => td_string!(locale, common.fields.last_name),
        StandardField::Country => td_string!(locale, common.fields.country),
        StandardField::Language => td_string!(locale, common.fields.language),
        StandardField::Email => td_string!(locale, common.fields.email),
        StandardField::Phone => td_string!(locale, common.fields.phone),
        StandardField::Assignee => td_string!(locale, common.fields.assignee),
        StandardField::ConversationStatus => td_string!(locale, common.fields.conversation_status),
    }
}

/// A role's name, e.g. "Manager".
pub fn role_label(role: Role) -> &'static str {
    role_label_in(page_locale(), role)
}

/// [`role_label`] in `locale`, for text made outside a page (CSV files).
pub fn role_label_in(locale: Locale, role: Role) -> &'static str {
    match role {
        Role::Owner => td_string!(locale, common.roles.owner),
        Role::Manager => td_string!(locale, common.roles.manager),
        Role::Agent => td_string!(locale, common.roles.agent),
    }
}

/// A conversation status, e.g. "Open" / „Offen“.
pub fn conversation_status_label(status: ConversationStatus) -> &'static str {
    conversation_status_label_in(page_locale(), status)
}

/// [`conversation_status_label`] in `locale`, for text made outside a page (CSV files).
pub fn conversation_status_label_in(locale: Locale, status: ConversationStatus) -> &'static str {
    match status {
        ConversationStatus::Open => td_string!(locale, common.conversation_status.open),
        ConversationStatus::Closed => td_string!(locale, common.conversation_status.closed),
        ConversationStatus::Blocked => td_string!(locale, common.conversation_status.blocked),
    }
}

/// A kind of channel: brand names stay as they are, the generic kinds are
/// translated ("E-mail" / „E-Mail“).
pub fn channel_kind_label(kind: ChannelKind) -> &'static str {
    channel_kind_label_in(page_locale(), kind)
}

/// [`channel_kind_label`] in `locale`, for text made outside a page (CSV files).
pub fn channel_kind_label_in(locale: Locale, kind: ChannelKind) -> &'static str {
    match kind {
        ChannelKind::Email => td_string!(locale, common.channel_kinds.email),
        ChannelKind::Sms => td_string!(locale, common.channel_kinds.sms),
        ChannelKind::WebsiteChat => td_string!(locale, common.channel_kinds.website_chat),
        ChannelKind::Custom => td_string!(locale, common.channel_kinds.custom),
        brand => brand.label(),
    }
}

/// A bulk action's button text, e.g. "Assign tags" / „Tags zuweisen“.
pub fn bulk_action_label(action: BulkAction) -> &'static str {
    bulk_action_label_in(page_locale(), action)
}

/// [`bulk_action_label`] in `locale`, for text made outside a page (CSV files).
pub fn bulk_action_label_in(locale: Locale, action: BulkAction) -> &'static str {
    match action {
        BulkAction::AssignTags => td_string!(locale, common.bulk_actions.assign_tags),
        BulkAction::ExportCsv => td_string!(locale, common.bulk_actions.export_csv),
        BulkAction::Delete => td_string!(locale, common.delete),
        BulkAction::Unblock => td_string!(locale, common.bulk_actions.unblock),
    }
}

/// A custom field type's name, e.g. "Checkbox" / „Kontrollkästchen“.
pub fn field_type_label(field_type: CustomFieldType) -> &'static str {
    field_type_label_in(page_locale(), field_type)
}

/// [`field_type_label`] in `locale`, for text made outside a page (CSV files).
pub fn field_type_label_in(locale: Locale, field_type: CustomFieldType) -> &'static str {
    match field_type {
        CustomFieldType::Text => td_string!(locale, common.field_types.text),
        CustomFieldType::Number => td_string!(locale, common.field_types.number),
        CustomFieldType::Date => td_string!(locale, common.field_types.date),
        CustomFieldType::List => td_string!(locale, common.field_types.list),
        CustomFieldType::Checkbox => td_string!(locale, common.field_types.checkbox),
        CustomFieldType::Email => td_string!(locale, common.field_types.email),
        CustomFieldType::Url => td_string!(locale, common.field_types.url),
        CustomFieldType::Phone => td_string!(locale, common.field_types.phone),
    }
}

/// An import mode's name, e.g. "Add and update".
pub fn import_mode_label(mode: ImportMode) -> &'static str {
    import_mode_label_in(page_locale(), mode)
}

/// [`import_mode_label`] in `locale`, for text made outside a page (CSV files).
pub fn import_mode_label_in(locale: Locale, mode: ImportMode) -> &'static str {
    match mode {
        ImportMode::Add => td_string!(locale, common.import_modes.add),
        ImportMode::Update => td_string!(locale, common.import_modes.update),
        ImportMode::AddAndUpdate => td_string!(locale, common.import_modes.add_and_update),
    }
}
