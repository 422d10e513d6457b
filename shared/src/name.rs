//! A contact's first and last name (R4).

use crate::error::{FieldError, FieldName, FieldRefusal};
use crate::text::{
    char_len, check_label_chars, collapse_whitespace, has_forbidden_char, LabelCharsError,
};
use crate::ui_language::UiLanguage;
use serde::{Deserialize, Serialize};
use std::fmt;

/// The user-facing name of the first-name field.
pub const FIRST_NAME_FIELD: &str = "First name";
/// The user-facing name of the last-name field.
pub const LAST_NAME_FIELD: &str = "Last name";
/// The first-name field's name in each interface language.
pub(crate) const FIRST_NAME_FIELD_NAME: FieldName = FieldName::new(FIRST_NAME_FIELD, "Vorname");
/// The last-name field's name in each interface language.
pub(crate) const LAST_NAME_FIELD_NAME: FieldName = FieldName::new(LAST_NAME_FIELD, "Nachname");
/// The most characters a first or a last name may have.
pub const MAX_NAME_LEN: usize = 100;

/// Which of the two name inputs an error is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum NamePart {
    /// The first-name input.
    First,
    /// The last-name input.
    Last,
}

impl NamePart {
    /// The user-facing field name, in English.
    pub fn field(self) -> &'static str {
        self.field_in(UiLanguage::English)
    }

    /// The user-facing field name in `language`.
    pub fn field_in(self, language: UiLanguage) -> &'static str {
        let name = match self {
            NamePart::First => FIRST_NAME_FIELD_NAME,
            NamePart::Last => LAST_NAME_FIELD_NAME,
        };
        name.in_language(language)
    }
}

/// Why a first/last name pair was refused (R4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("{}: {}", self.part().field(), self.message())]
pub enum NameError {
    /// Both inputs are empty (or only whitespace).
    BothEmpty,
    /// One input has more than [`MAX_NAME_LEN`] characters.
    TooLong(NamePart),
    /// One input holds a control or text-direction character, or only
    /// invisible ones.
    Characters(NamePart, LabelCharsError),
}

impl NameError {
    /// The input the error belongs next to. Both empty is shown at the first
    /// name.
    pub fn part(self) -> NamePart {
        match self {
            NameError::BothEmpty => NamePart::First,
            NameError::TooLong(part) | NameError::Characters(part, _) => part,
        }
    }

    /// What is wrong, without the field name, in English.
    pub fn message(self) -> String {
        self.message_in(UiLanguage::English)
    }

    /// What is wrong, without the field name, in `language`.
    pub fn message_in(self, language: UiLanguage) -> String {
        match (language.wording(), self) {
            (_, NameError::Characters(_, error)) => error.message_in(language).to_owned(),
            (UiLanguage::English, NameError::BothEmpty) => {
                "enter a first name or a last name".to_owned()
            }
            (UiLanguage::English, NameError::TooLong(_)) => {
                format!("is too long (at most {MAX_NAME_LEN} characters)")
            }
            (UiLanguage::German, NameError::BothEmpty) => {
                "Geben Sie einen Vornamen oder einen Nachnamen ein".to_owned()
            }
            (UiLanguage::German, NameError::TooLong(_)) => {
                format!("ist zu lang (höchstens {MAX_NAME_LEN} Zeichen)")
            }
        }
    }
}

impl FieldRefusal for NameError {
    fn field_error(&self, language: UiLanguage) -> FieldError {
        FieldError::new(self.part().field_in(language), self.message_in(language))
    }
}

/// A contact's name: first and last, each trimmed (inner runs of whitespace
/// become one space), at most [`MAX_NAME_LEN`] characters, no control
/// characters, and not both empty (R4).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "RawName", into = "RawName")]
pub struct PersonName {
    first: String,
    last: String,
}

/// The unchecked wire form of a [`PersonName`]: what the edit form sends.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RawName {
    /// The first-name input as typed.
    pub first: String,
    /// The last-name input as typed.
    pub last: String,
}

impl PersonName {
    /// Checks and normalizes the two inputs of the "Edit name" form (R4).
    pub fn parse(first: &str, last: &str) -> Result<Self, NameError> {
        let first = check_part(first, NamePart::First)?;
        let last = check_part(last, NamePart::Last)?;
        if first.is_empty() && last.is_empty() {
            return Err(NameError::BothEmpty);
        }
        Ok(Self { first, last })
    }

    /// The first name (may be empty when the last name is not).
    pub fn first(&self) -> &str {
        &self.first
    }

    /// The last name (may be empty when the first name is not).
    pub fn last(&self) -> &str {
        &self.last
    }

    /// The name shown at the top of the drawer (R3): first and last joined by
    /// a space, or whichever one is set.
    pub fn display_name(&self) -> String {
        match (self.first.is_empty(), self.last.is_empty()) {
            (false, false) => format!("{} {}", self.first, self.last),
            (false, true) => self.first.clone(),
            _ => self.last.clone(),
        }
    }
}

fn check_part(input: &str, part: NamePart) -> Result<String, NameError> {
    if has_forbidden_char(input) {
        return Err(NameError::Characters(part, LabelCharsError::Control));
    }
    let normalized = collapse_whitespace(input);
    if !normalized.is_empty() {
        check_label_chars(&normalized).map_err(|error| NameError::Characters(part, error))?;
    }
    if char_len(&normalized) > MAX_NAME_LEN {
        return Err(NameError::TooLong(part));
    }
    Ok(normalized)
}

impl fmt::Display for PersonName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.display_name())
    }
}

impl TryFrom<RawName> for PersonName {
    type Error = NameError;

    fn try_from(raw: RawName) -> Result<Self, Self::Error> {
        Self::parse(&raw.first, &raw.last)
    }
}

impl From<PersonName> for RawName {
    fn from(name: PersonName) -> Self {
        RawName {
            first: name.first,
            last: name.last,
        }
    }
}

#[cfg(test)]
mod tests;

/// The name a contact is shown by: first and last name, else the name from
/// its channel, else its id.
pub fn contact_name(first: &str, last: &str, profile: &str, id: i64) -> String {
    let full = format!("{first} {last}");
    let full = full.trim();
    if !full.is_empty() {
        full.to_string()
    } else if !profile.trim().is_empty() {
        profile.trim().to_string()
    } else {
        format!("Contact {id}")
    }
}

/// [`contact_name`], with the phone number or e-mail address standing in
/// for a contact that has no name at all.
pub fn shown_name(
    first: &str,
    last: &str,
    profile: &str,
    phone_or_email: Option<&str>,
    id: i64,
) -> String {
    let nameless = [first, last, profile]
        .iter()
        .all(|part| part.trim().is_empty());
    match phone_or_email {
        Some(value) if nameless => value.to_owned(),
        _ => contact_name(first, last, profile, id),
    }
}
