//! The one error shape every parse error converts into: which field, what is
//! wrong. The server returns it as JSON and the browser shows it next to the
//! input.

use serde::{Deserialize, Serialize};

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
    fn for_field_keeps_the_message() {
        let error = FieldError::new("E-mail address", "is missing the @").for_field("Work e-mail");
        assert_eq!(error.to_string(), "Work e-mail: is missing the @");
    }
}
