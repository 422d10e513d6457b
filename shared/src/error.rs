//! The one error shape every parse error converts into: which field, what is
//! wrong. The server returns it as JSON and the browser shows it next to the
//! input. Every typed error words itself into it through [`FieldRefusal`], in the
//! reader's interface language.

use crate::ui_language::UiLanguage;
use serde::{Deserialize, Serialize};

/// A refused input, worded for the reader: the field's name and what is wrong, in `language`.
pub trait FieldRefusal {
    /// The field's name and what is wrong, both in `language`.
    fn field_error(&self, language: UiLanguage) -> FieldError;
}

/// A field's user-facing name in each interface language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct FieldName {
    english: &'static str,
    german: &'static str,
}

impl FieldName {
    /// The field called `english` in English and `german` in German.
    pub(crate) const fn new(english: &'static str, german: &'static str) -> Self {
        Self { english, german }
    }

    /// The name in `language`.
    pub(crate) fn in_language(self, language: UiLanguage) -> &'static str {
        language.pick(self.english, self.german)
    }

    /// A refusal of this field, named in `language`, with `message`.
    pub(crate) fn refuse(self, language: UiLanguage, message: impl Into<String>) -> FieldError {
        FieldError::new(self.in_language(language), message)
    }
}

/// A refused input: the field's user-facing name and a message saying what is
/// wrong, in words a user understands.
///
/// Displays as `"Phone number: include the country code, e.g. +49 30 1234567"`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, thiserror::Error)]
#[error("{field}: {message}")]
pub struct FieldError {
    /// The field as the user sees it, e.g. "First name" or a custom field's
    /// label.
    pub field: String,
    /// What is wrong, starting in lower case, without the field name.
    pub message: String,
}

impl FieldError {
    /// A refusal of `field` with `message`.
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            field: field.into(),
            message: message.into(),
        }
    }

    /// The same message, attributed to another field (e.g. a custom field's
    /// label instead of "Phone number").
    pub fn for_field(self, field: impl Into<String>) -> Self {
        Self {
            field: field.into(),
            message: self.message,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_error_displays_field_then_message() {
        let error = FieldError::new("Phone number", "include the country code");
        assert_eq!(error.to_string(), "Phone number: include the country code");
    }

    #[test]
    fn field_error_round_trips_through_json() {
        let error = FieldError::new("Tag", "enter a tag name");
        let json = serde_json::to_string(&error).expect("serializes");
        assert_eq!(json, r#"{"field":"Tag","message":"enter a tag name"}"#);
        let back: FieldError = serde_json::from_str(&json).expect("deserializes");
        assert_eq!(back, error);
    }

    #[test]
    fn a_field_name_is_worded_in_the_readers_language() {
        let phone = FieldName::new("Phone number", "Telefonnummer");
        assert_eq!(phone.in_language(UiLanguage::German), "Telefonnummer");
        assert_eq!(
            phone.refuse(UiLanguage::English, "has too few digits"),
            FieldError::new("Phone number", "has too few digits")
        );
    }

    #[test]
    fn for_field_keeps_the_message() {
        let error = FieldError::new("E-mail address", "is missing the @").for_field("Work e-mail");
        assert_eq!(error.to_string(), "Work e-mail: is missing the @");
    }
}
