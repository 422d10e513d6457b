//! The contact fields of R18 and a workspace's order of them (R20).

use crate::error::{FieldError, FieldName, FieldRefusal};
use crate::text::{excerpt, EXCERPT_CHARS};
use crate::ui_language::UiLanguage;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::fmt;

/// The user-facing name of the field-order setting.
pub const FIELD_ORDER_FIELD: &str = "Field order";
/// The field-order setting's name in each interface language.
const FIELD_ORDER_FIELD_NAME: FieldName =
    FieldName::new(FIELD_ORDER_FIELD, "Reihenfolge der Felder");

/// The standard contact fields of R18.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StandardField {
    /// Avatar and display name, from the channel the contact wrote on.
    Profile,
    /// First name.
    FirstName,
    /// Last name.
    LastName,
    /// Country, derived from the phone number unless set by hand.
    Country,
    /// Language, from the browser or channel, or set by hand.
    Language,
    /// E-mail address.
    Email,
    /// Phone number, with country code, stored in E.164.
    Phone,
    /// The workspace user the contact is assigned to.
    Assignee,
    /// The state of the contact's conversation.
    ConversationStatus,
}

/// What kind of value a standard field holds (how the drawer edits it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StandardFieldType {
    /// Avatar plus display name.
    Profile,
    /// Free text.
    Text,
    /// A [`crate::Country`].
    Country,
    /// A [`crate::Language`].
    Language,
    /// A [`crate::Email`].
    Email,
    /// A [`crate::PhoneNumber`].
    Phone,
    /// A drop-down of the workspace's users.
    User,
    /// A [`ConversationStatus`].
    ConversationStatus,
}

/// The state of a contact's conversation (R18, R27).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ConversationStatus {
    /// Being worked on.
    Open,
    /// Done.
    Closed,
    /// The contact is blocked (R27: closed, then blocked).
    Blocked,
}

impl ConversationStatus {
    /// The stable key used in storage, e.g. `"open"`.
    pub fn key(self) -> &'static str {
        match self {
            ConversationStatus::Open => "open",
            ConversationStatus::Closed => "closed",
            ConversationStatus::Blocked => "blocked",
        }
    }

    /// The name shown to users, e.g. `"Open"`.
    pub fn label(self) -> &'static str {
        match self {
            ConversationStatus::Open => "Open",
            ConversationStatus::Closed => "Closed",
            ConversationStatus::Blocked => "Blocked",
        }
    }
}

impl StandardField {
    /// R18's default order, which is also every standard field.
    pub const DEFAULT_ORDER: [StandardField; 9] = [
        StandardField::Profile,
        StandardField::FirstName,
        StandardField::LastName,
        StandardField::Country,
        StandardField::Language,
        StandardField::Email,
        StandardField::Phone,
        StandardField::Assignee,
        StandardField::ConversationStatus,
    ];

    /// The stable key used in storage and in a [`FieldOrder`], e.g.
    /// `"first_name"`.
    pub fn key(self) -> &'static str {
        match self {
            StandardField::Profile => "profile",
            StandardField::FirstName => "first_name",
            StandardField::LastName => "last_name",
            StandardField::Country => "country",
            StandardField::Language => "language",
            StandardField::Email => "email",
            StandardField::Phone => "phone",
            StandardField::Assignee => "assignee",
            StandardField::ConversationStatus => "conversation_status",
        }
    }

    /// The field with this key, if any.
    pub fn from_key(key: &str) -> Option<Self> {
        Self::DEFAULT_ORDER
            .into_iter()
            .find(|field| field.key() == key)
    }

    /// The name shown to users and used in error messages, e.g. `"First name"`.
    pub fn label(self) -> &'static str {
        match self {
            StandardField::Profile => "Contact profile",
            StandardField::FirstName => "First name",
            StandardField::LastName => "Last name",
            StandardField::Country => "Country",
            StandardField::Language => "Language",
            StandardField::Email => "E-mail address",
            StandardField::Phone => "Phone number",
            StandardField::Assignee => "Assignee",
            StandardField::ConversationStatus => "Conversation status",
        }
    }

    /// The kind of value the field holds.
    pub fn field_type(self) -> StandardFieldType {
        match self {
            StandardField::Profile => StandardFieldType::Profile,
            StandardField::FirstName | StandardField::LastName => StandardFieldType::Text,
            StandardField::Country => StandardFieldType::Country,
            StandardField::Language => StandardFieldType::Language,
            StandardField::Email => StandardFieldType::Email,
            StandardField::Phone => StandardFieldType::Phone,
            StandardField::Assignee => StandardFieldType::User,
            StandardField::ConversationStatus => StandardFieldType::ConversationStatus,
        }
    }

    /// Whether users edit the field in the drawer (R18: all but the profile
    /// and the conversation status).
    pub fn editable(self) -> bool {
        !matches!(
            self,
            StandardField::Profile | StandardField::ConversationStatus
        )
    }
}

/// One entry of a field order: a standard field or a custom field's key.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(into = "String", from = "String")]
pub enum FieldKey {
    /// A standard field.
    Standard(StandardField),
    /// A custom field, by its key (never a standard field's key).
    Custom(String),
}

impl FieldKey {
    /// The stable key text.
    pub fn as_str(&self) -> &str {
        match self {
            FieldKey::Standard(field) => field.key(),
            FieldKey::Custom(key) => key,
        }
    }
}

impl fmt::Display for FieldKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl From<String> for FieldKey {
    /// A standard field's key becomes that field, anything else a custom key.
    fn from(key: String) -> Self {
        StandardField::from_key(&key).map_or(FieldKey::Custom(key), FieldKey::Standard)
    }
}

impl From<FieldKey> for String {
    fn from(key: FieldKey) -> Self {
        key.as_str().to_owned()
    }
}

/// A workspace's order of the contact fields (R20): every standard field and
/// every custom field exactly once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct FieldOrder(Vec<FieldKey>);

impl FieldOrder {
    /// The order for a workspace with these custom fields when nobody has
    /// changed it: R18's standard order, then the custom fields as given.
    pub fn default_for(custom_keys: &[String]) -> Self {
        let standard = StandardField::DEFAULT_ORDER
            .into_iter()
            .map(FieldKey::Standard);
        let custom = custom_keys.iter().cloned().map(FieldKey::Custom);
        Self(standard.chain(custom).collect())
    }

    /// R20: checks an order sent by a user. It must be a permutation of the
    /// standard fields and `custom_keys`: unknown, repeated and missing
    /// entries are refused, naming the first one found.
    pub fn parse(keys: Vec<String>, custom_keys: &[String]) -> Result<Self, FieldOrderError> {
        let mut seen = HashSet::new();
        let mut order = Vec::with_capacity(keys.len());
        for key in keys {
            let entry = FieldKey::from(key);
            if let FieldKey::Custom(custom) = &entry {
                if !custom_keys.contains(custom) {
                    return Err(FieldOrderError::Unknown(custom.clone()));
                }
            }
            if !seen.insert(entry.clone()) {
                return Err(FieldOrderError::Repeated(entry));
            }
            order.push(entry);
        }
        let missing = Self::default_for(custom_keys)
            .0
            .into_iter()
            .find(|entry| !seen.contains(entry));
        match missing {
            Some(missing) => Err(FieldOrderError::Missing(missing)),
            None => Ok(Self(order)),
        }
    }

    /// The order to show when reading a stored order that may be out of date
    /// (a custom field was added or deleted since): known entries keep their
    /// stored place, unknown and repeated ones are dropped, missing ones are
    /// appended in default order. Never fails, so nothing stored is lost.
    pub fn reconcile(stored: &[String], custom_keys: &[String]) -> Self {
        let known = Self::default_for(custom_keys).0;
        let mut order: Vec<FieldKey> = Vec::with_capacity(known.len());
        for key in stored {
            let entry = FieldKey::from(key.clone());
            if known.contains(&entry) && !order.contains(&entry) {
                order.push(entry);
            }
        }
        for entry in known {
            if !order.contains(&entry) {
                order.push(entry);
            }
        }
        Self(order)
    }

    /// The fields in order.
    pub fn keys(&self) -> &[FieldKey] {
        &self.0
    }

    /// The order as key strings, e.g. for storage.
    pub fn to_strings(&self) -> Vec<String> {
        self.0.iter().map(|key| key.as_str().to_owned()).collect()
    }
}

/// R20: why an order sent by a user is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.field_error(UiLanguage::English))]
pub enum FieldOrderError {
    /// A key that is neither a standard field's nor one of the workspace's
    /// custom fields'.
    Unknown(String),
    /// A field listed more than once.
    Repeated(FieldKey),
    /// A field left out.
    Missing(FieldKey),
}

impl FieldRefusal for FieldOrderError {
    fn field_error(&self, language: UiLanguage) -> FieldError {
        let message = match (language.wording(), self) {
            (UiLanguage::English, FieldOrderError::Unknown(key)) => format!(
                "\"{}\" is not a field of this workspace",
                excerpt(key, EXCERPT_CHARS)
            ),
            (UiLanguage::English, FieldOrderError::Repeated(key)) => format!(
                "\"{}\" is listed more than once",
                excerpt(key.as_str(), EXCERPT_CHARS)
            ),
            (UiLanguage::English, FieldOrderError::Missing(key)) => format!("\"{key}\" is missing"),
            (UiLanguage::German, FieldOrderError::Unknown(key)) => format!(
                "„{}“ ist kein Feld dieses Arbeitsbereichs",
                excerpt(key, EXCERPT_CHARS)
            ),
            (UiLanguage::German, FieldOrderError::Repeated(key)) => format!(
                "„{}“ ist mehrfach aufgeführt",
                excerpt(key.as_str(), EXCERPT_CHARS)
            ),
            (UiLanguage::German, FieldOrderError::Missing(key)) => format!("„{key}“ fehlt"),
        };
        FIELD_ORDER_FIELD_NAME.refuse(language, message)
    }
}

#[cfg(test)]
mod tests;
