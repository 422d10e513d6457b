//! What the "Contact fields" settings page shows and sends.

use serde::{Deserialize, Serialize};
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

/// R20: a new order of the workspace's fields.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldOrderEdit {
    /// Every field's key in the new order.
    pub keys: Vec<String>,
}
