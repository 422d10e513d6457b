//! What the settings pages (contact fields, channels, usage) show and send.

use serde::{Deserialize, Serialize};
use shared::channel::ChannelKind;
use shared::permissions::Role;
use shared::CustomFieldDefinition;

/// The workspace's custom fields and its order of all contact fields.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldSettings {
    /// R19: the custom fields, oldest first.
    pub custom_fields: Vec<CustomFieldDefinition>,
    /// R20: every field's key, in the workspace's order.
    pub order: Vec<String>,
}

/// R19: a custom field as typed into the "New field" form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewCustomField {
    /// The stable key, e.g. `customer_tier`.
    pub key: String,
    /// The label users see.
    pub label: String,
    /// The type's key, e.g. `list`.
    pub field_type: String,
    /// A list's options, one per entry.
    pub options: Vec<String>,
}

/// R19: a new label for a custom field; its key stays.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldRename {
    /// The field's key.
    pub key: String,
    /// The new label.
    pub label: String,
}

/// R19: names one custom field by its key.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldRef {
    /// The field's key.
    pub key: String,
}

/// R19: how many contacts hold a value for a custom field (before deleting
/// it), or held one (after).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldValueCount {
    /// Contacts with a value for the field.
    pub contacts: i64,
}

/// R20: a new order of the workspace's fields.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldOrderEdit {
    /// Every field's key in the new order.
    pub keys: Vec<String>,
}

/// A channel as the storage knows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChannelSettings {
    pub id: i64,
    pub kind: ChannelKind,
    pub name: String,
    pub token: String,
}

/// A channel as the settings page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChannelRow {
    pub id: i64,
    pub kind: ChannelKind,
    pub name: String,
    /// Where the channel's incoming messages are posted.
    pub endpoint_url: String,
    /// The secret token; only owners get it.
    pub token: Option<String>,
}

/// Who may see and rotate ingress tokens: owners only.
pub fn may_manage_channel_tokens(role: Role) -> bool {
    role == Role::Owner
}

/// The ingress path of a channel (see the README for the JSON it takes).
pub fn ingress_path(channel_id: i64) -> String {
    format!("/api/ingress/{channel_id}")
}

/// How many periods the usage page shows.
pub const PERIODS_SHOWN: usize = 6;

/// One billing period's count of active contacts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UsagePeriod {
    /// e.g. `"2026-01"`.
    pub key: String,
    /// e.g. `"January 2026"`.
    pub label: String,
    /// Distinct contacts that sent or received a message in the period.
    pub active_contacts: i64,
    /// Whether it is the period we are in.
    pub current: bool,
}
