//! Custom fields (R19): a workspace defines extra contact fields of a type;
//! a value is checked against its definition, in the browser and again on the
//! server.

mod refusals;
mod value;

pub use refusals::{
    CustomFieldError, CustomFieldKeyError, CustomFieldLabelError, CustomFieldOptionsError,
    DefinitionInput, UnknownFieldType,
};
pub use value::{CustomFieldValue, CustomValueError, CustomValueProblem, MAX_TEXT_VALUE_LEN};

use crate::fields::StandardField;
use crate::text::{char_len, check_label_chars, collapse_whitespace};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// The most characters a key may have.
pub const MAX_KEY_LEN: usize = 40;
/// The most characters a label may have.
pub const MAX_LABEL_LEN: usize = 60;
/// The most characters one list option may have.
pub const MAX_OPTION_LEN: usize = 100;
/// The most options a list may have.
pub const MAX_OPTIONS: usize = 200;

/// The type of a custom field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CustomFieldType {
    /// One line of text.
    Text,
    /// A finite decimal number.
    Number,
    /// A calendar date (`YYYY-MM-DD`).
    Date,
    /// Exactly one of the definition's options.
    List,
    /// Yes or no.
    Checkbox,
    /// An e-mail address.
    Email,
    /// An `http` or `https` web address.
    Url,
    /// A phone number with its country code.
    Phone,
}

impl CustomFieldType {
    /// Every type, in the order offered when creating a field.
    pub const ALL: [CustomFieldType; 8] = [
        CustomFieldType::Text,
        CustomFieldType::Number,
        CustomFieldType::Date,
        CustomFieldType::List,
        CustomFieldType::Checkbox,
        CustomFieldType::Email,
        CustomFieldType::Url,
        CustomFieldType::Phone,
    ];

    /// The stable lower-case key used in storage and JSON, e.g. `"checkbox"`.
    pub fn key(self) -> &'static str {
        match self {
            CustomFieldType::Text => "text",
            CustomFieldType::Number => "number",
            CustomFieldType::Date => "date",
            CustomFieldType::List => "list",
            CustomFieldType::Checkbox => "checkbox",
            CustomFieldType::Email => "email",
            CustomFieldType::Url => "url",
            CustomFieldType::Phone => "phone",
        }
    }

    /// The name shown to users, e.g. `"Checkbox"`.
    pub fn label(self) -> &'static str {
        match self {
            CustomFieldType::Text => "Text",
            CustomFieldType::Number => "Number",
            CustomFieldType::Date => "Date",
            CustomFieldType::List => "List",
            CustomFieldType::Checkbox => "Checkbox",
            CustomFieldType::Email => "E-mail",
            CustomFieldType::Url => "URL",
            CustomFieldType::Phone => "Phone",
        }
    }
}

impl fmt::Display for CustomFieldType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

impl FromStr for CustomFieldType {
    type Err = UnknownFieldType;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        Self::ALL
            .into_iter()
            .find(|t| t.key().eq_ignore_ascii_case(s))
            .ok_or(UnknownFieldType)
    }
}

/// A workspace's custom field: a stable key, the label users see, its type
/// and, for lists, the options to choose from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(
    try_from = "RawCustomFieldDefinition",
    into = "RawCustomFieldDefinition"
)]
pub struct CustomFieldDefinition {
    key: String,
    label: String,
    field_type: CustomFieldType,
    options: Vec<String>,
}

/// The unchecked wire form of a [`CustomFieldDefinition`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RawCustomFieldDefinition {
    /// See [`CustomFieldDefinition::key`].
    pub key: String,
    /// See [`CustomFieldDefinition::label`].
    pub label: String,
    /// See [`CustomFieldDefinition::field_type`].
    pub field_type: CustomFieldType,
    /// See [`CustomFieldDefinition::options`].
    #[serde(default)]
    pub options: Vec<String>,
}

impl CustomFieldDefinition {
    /// Checks a definition:
    /// - the key is 1 to [`MAX_KEY_LEN`] lower-case ASCII letters, digits or
    ///   `_`, starts with a letter and is not a standard field's key (R18);
    /// - the label is trimmed, 1 to [`MAX_LABEL_LEN`] characters, no control
    ///   characters;
    /// - a list has 1 to [`MAX_OPTIONS`] options, each trimmed, non-empty, at
    ///   most [`MAX_OPTION_LEN`] characters and unique regardless of case.
    ///
    /// Options given for a type other than list are dropped.
    pub fn new(
        key: &str,
        label: &str,
        field_type: CustomFieldType,
        options: Vec<String>,
    ) -> Result<Self, CustomFieldError> {
        let key = check_key(key)?;
        let label = check_label(label)?;
        let options = if field_type == CustomFieldType::List {
            check_options(options)?
        } else {
            Vec::new()
        };
        Ok(Self {
            key,
            label,
            field_type,
            options,
        })
    }

    /// The stable key used in storage and in the field order (R20).
    pub fn key(&self) -> &str {
        &self.key
    }

    /// The label users see; errors about a value name the field by it.
    pub fn label(&self) -> &str {
        &self.label
    }

    /// The field's type.
    pub fn field_type(&self) -> CustomFieldType {
        self.field_type
    }

    /// A list's options, in the defined order (empty for other types).
    pub fn options(&self) -> &[String] {
        &self.options
    }
}

/// Checks that `definition` can join a workspace's `existing` definitions:
/// no other field may have its key, nor its label regardless of case. When
/// `is_edit` is true, the existing definition with the same key is the one
/// being edited and is not compared.
pub fn check_unique(
    definition: &CustomFieldDefinition,
    existing: &[CustomFieldDefinition],
    is_edit: bool,
) -> Result<(), CustomFieldError> {
    if !is_edit && key_taken(&definition.key, existing) {
        return Err(CustomFieldKeyError::Taken.into());
    }
    if label_taken(&definition.label, &definition.key, existing) {
        return Err(CustomFieldLabelError::Taken.into());
    }
    Ok(())
}

/// R19: checks a field typed into the "New custom field" form and reports
/// every problem at once, each naming its input, in the form's order: label,
/// key, type, options. A label or key another of the workspace's `existing`
/// fields has is a problem too. The server answers with the first problem.
pub fn check_new_field(
    key: &str,
    label: &str,
    field_type: &str,
    options: Vec<String>,
    existing: &[CustomFieldDefinition],
) -> Result<CustomFieldDefinition, Vec<CustomFieldError>> {
    let mut problems = Vec::new();
    let key = check_key(key).and_then(|key| {
        if key_taken(&key, existing) {
            Err(CustomFieldKeyError::Taken)
        } else {
            Ok(key)
        }
    });
    let label = check_label(label).and_then(|label| {
        let other_key = key.as_deref().unwrap_or_default();
        if label_taken(&label, other_key, existing) {
            Err(CustomFieldLabelError::Taken)
        } else {
            Ok(label)
        }
    });
    let field_type = field_type.parse::<CustomFieldType>();
    let options = match field_type {
        Ok(CustomFieldType::List) => check_options(options),
        _ => Ok(Vec::new()),
    };
    let label = label.map_err(|error| problems.push(error.into())).ok();
    let key = key.map_err(|error| problems.push(error.into())).ok();
    let field_type = field_type.map_err(|error| problems.push(error.into())).ok();
    let options = options.map_err(|error| problems.push(error.into())).ok();
    match (key, label, field_type, options) {
        (Some(key), Some(label), Some(field_type), Some(options)) if problems.is_empty() => {
            Ok(CustomFieldDefinition {
                key,
                label,
                field_type,
                options,
            })
        }
        _ => Err(problems),
    }
}

impl CustomFieldDefinition {
    /// R19: the same field under a new label, checked as a new field's label
    /// is (including against the labels of the workspace's other fields);
    /// the key, type and options stay.
    pub fn renamed(
        &self,
        label: &str,
        existing: &[CustomFieldDefinition],
    ) -> Result<Self, CustomFieldLabelError> {
        let label = check_label(label)?;
        if label_taken(&label, &self.key, existing) {
            return Err(CustomFieldLabelError::Taken);
        }
        Ok(Self {
            label,
            ..self.clone()
        })
    }
}

/// R19: how many contacts lose a value when a field is deleted, as the
/// confirmation words it: none, one, or several.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeleteConsequence {
    /// No contact has a value for the field.
    NoValues,
    /// One contact loses its value.
    OneValue,
    /// This many contacts lose their values.
    Values(i64),
}

impl DeleteConsequence {
    /// What deleting a field takes with it, from the number of contacts
    /// with a value for it.
    pub fn of(contacts_with_value: i64) -> Self {
        match contacts_with_value {
            i64::MIN..=0 => DeleteConsequence::NoValues,
            1 => DeleteConsequence::OneValue,
            n => DeleteConsequence::Values(n),
        }
    }
}

fn key_taken(key: &str, existing: &[CustomFieldDefinition]) -> bool {
    existing.iter().any(|other| other.key == key)
}

/// Whether a field other than the one with `key` has `label`, regardless of
/// case.
fn label_taken(label: &str, key: &str, existing: &[CustomFieldDefinition]) -> bool {
    let label = label.to_lowercase();
    existing
        .iter()
        .any(|other| other.key != key && other.label.to_lowercase() == label)
}

fn check_key(key: &str) -> Result<String, CustomFieldKeyError> {
    let key = key.trim();
    if key.is_empty() {
        return Err(CustomFieldKeyError::Empty);
    }
    if key.len() > MAX_KEY_LEN {
        return Err(CustomFieldKeyError::TooLong);
    }
    let well_formed = key.starts_with(|c: char| c.is_ascii_lowercase())
        && key
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if !well_formed {
        return Err(CustomFieldKeyError::Malformed);
    }
    if StandardField::from_key(key).is_some() {
        return Err(CustomFieldKeyError::StandardField);
    }
    Ok(key.to_owned())
}

fn check_label(label: &str) -> Result<String, CustomFieldLabelError> {
    let collapsed = collapse_whitespace(label);
    if collapsed.is_empty() {
        return Err(CustomFieldLabelError::Empty);
    }
    check_label_chars(label).map_err(CustomFieldLabelError::Characters)?;
    let label = collapsed;
    if char_len(&label) > MAX_LABEL_LEN {
        return Err(CustomFieldLabelError::TooLong);
    }
    Ok(label)
}

fn check_options(options: Vec<String>) -> Result<Vec<String>, CustomFieldOptionsError> {
    if options.is_empty() {
        return Err(CustomFieldOptionsError::Missing);
    }
    if options.len() > MAX_OPTIONS {
        return Err(CustomFieldOptionsError::TooMany);
    }
    let mut checked: Vec<String> = Vec::with_capacity(options.len());
    for option in options {
        let collapsed = collapse_whitespace(&option);
        if collapsed.is_empty() {
            return Err(CustomFieldOptionsError::EmptyOption);
        }
        check_label_chars(&option).map_err(CustomFieldOptionsError::OptionCharacters)?;
        let option = collapsed;
        if char_len(&option) > MAX_OPTION_LEN {
            return Err(CustomFieldOptionsError::OptionTooLong);
        }
        let key = option.to_lowercase();
        if checked.iter().any(|known| known.to_lowercase() == key) {
            return Err(CustomFieldOptionsError::Repeated(option));
        }
        checked.push(option);
    }
    Ok(checked)
}

impl TryFrom<RawCustomFieldDefinition> for CustomFieldDefinition {
    type Error = CustomFieldError;

    fn try_from(raw: RawCustomFieldDefinition) -> Result<Self, Self::Error> {
        Self::new(&raw.key, &raw.label, raw.field_type, raw.options)
    }
}

impl From<CustomFieldDefinition> for RawCustomFieldDefinition {
    fn from(definition: CustomFieldDefinition) -> Self {
        RawCustomFieldDefinition {
            key: definition.key,
            label: definition.label,
            field_type: definition.field_type,
            options: definition.options,
        }
    }
}

#[cfg(test)]
mod tests;
