//! A custom field's value, parsed from what the user typed against the field's
//! definition (R19).

use super::{CustomFieldDefinition, CustomFieldType};
use crate::country::Country;
use crate::date::Date;
use crate::email::Email;
use crate::error::FieldError;
use crate::phone::PhoneNumber;
use crate::text::{char_len, collapse_whitespace, has_forbidden_char};
use serde::{Deserialize, Serialize};
use std::fmt;

/// The most characters a text value may have.
pub const MAX_TEXT_VALUE_LEN: usize = 500;
/// The most characters accepted for a number before parsing.
const MAX_NUMBER_INPUT_LEN: usize = 40;
/// The most characters a web address may have.
const MAX_URL_LEN: usize = 2000;

/// A checked value of a custom field. Serializes as
/// `{"type": "number", "value": 42.0}`; e-mail, phone and date values validate
/// again when deserialized.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", content = "value", rename_all = "lowercase")]
pub enum CustomFieldValue {
    /// One line of text, trimmed.
    Text(String),
    /// A finite number.
    Number(f64),
    /// A calendar date.
    Date(Date),
    /// One of the list's options, spelled as defined.
    List(String),
    /// Checked or not.
    Checkbox(bool),
    /// An e-mail address.
    Email(Email),
    /// An `http` or `https` web address, normalized.
    Url(String),
    /// A phone number in E.164.
    Phone(PhoneNumber),
}

impl CustomFieldValue {
    /// Parses what the user typed for the field `definition` (R19). A blank
    /// input clears the value: `Ok(None)`. Errors name the field by its label.
    ///
    /// - text: trimmed, at most [`MAX_TEXT_VALUE_LEN`] characters, one line;
    /// - number: a finite decimal such as `42`, `-3.5` or `1e6`;
    /// - date: `YYYY-MM-DD`, a real calendar date;
    /// - list: one of the options, case-insensitive, stored as defined;
    /// - checkbox: `true` or `false`;
    /// - e-mail: as [`Email::parse`];
    /// - URL: `http`/`https` with a host and no user name or password;
    ///   `example.com` gets `https://`;
    /// - phone: as [`PhoneNumber::parse`] with `default_region`.
    pub fn parse(
        definition: &CustomFieldDefinition,
        input: &str,
        default_region: Option<Country>,
    ) -> Result<Option<Self>, FieldError> {
        let trimmed = input.trim();
        if trimmed.is_empty() {
            return Ok(None);
        }
        let refuse = |message: &str| FieldError::new(definition.label(), message);
        let value = match definition.field_type() {
            CustomFieldType::Text => {
                if has_forbidden_char(trimmed) {
                    return Err(refuse(
                        "must be one line, without tabs or other control characters",
                    ));
                }
                if char_len(trimmed) > MAX_TEXT_VALUE_LEN {
                    return Err(refuse(&format!(
                        "is too long (at most {MAX_TEXT_VALUE_LEN} characters)"
                    )));
                }
                Self::Text(trimmed.to_owned())
            }
            CustomFieldType::Number => Self::Number(
                parse_number(trimmed).ok_or_else(|| refuse("enter a number such as 42 or -3.5"))?,
            ),
            CustomFieldType::Date => {
                Self::Date(Date::parse(trimmed).map_err(|e| refuse(&e.to_string()))?)
            }
            CustomFieldType::List => {
                let wanted = collapse_whitespace(trimmed).to_lowercase();
                let option = definition
                    .options()
                    .iter()
                    .find(|option| option.to_lowercase() == wanted)
                    .ok_or_else(|| refuse(&choose_one_of(definition.options())))?;
                Self::List(option.clone())
            }
            CustomFieldType::Checkbox => match trimmed.to_ascii_lowercase().as_str() {
                "true" => Self::Checkbox(true),
                "false" => Self::Checkbox(false),
                _ => return Err(refuse("must be true or false")),
            },
            CustomFieldType::Email => {
                Self::Email(Email::parse(trimmed).map_err(|e| refuse(&e.message()))?)
            }
            CustomFieldType::Url => Self::Url(
                parse_url(trimmed)
                    .ok_or_else(|| refuse("enter a web address such as https://example.com"))?,
            ),
            CustomFieldType::Phone => Self::Phone(
                PhoneNumber::parse(trimmed, default_region).map_err(|e| refuse(&e.message()))?,
            ),
        };
        Ok(Some(value))
    }

    /// The type this value belongs to.
    pub fn field_type(&self) -> CustomFieldType {
        match self {
            Self::Text(_) => CustomFieldType::Text,
            Self::Number(_) => CustomFieldType::Number,
            Self::Date(_) => CustomFieldType::Date,
            Self::List(_) => CustomFieldType::List,
            Self::Checkbox(_) => CustomFieldType::Checkbox,
            Self::Email(_) => CustomFieldType::Email,
            Self::Url(_) => CustomFieldType::Url,
            Self::Phone(_) => CustomFieldType::Phone,
        }
    }

    /// Checks what was typed for the field as [`CustomFieldValue::parse`]
    /// does, with the region as an ISO 3166 code; answers the text the value
    /// will be stored as, `None` for a cleared field.
    pub fn check_input(
        definition: &CustomFieldDefinition,
        input: &str,
        default_region: Option<&str>,
    ) -> Result<Option<String>, FieldError> {
        let region = default_region.and_then(|code| Country::parse(code).ok());
        Ok(Self::parse(definition, input, region)?.map(|value| value.to_input()))
    }

    /// The canonical text of the value: what an edit input is filled with and
    /// what [`CustomFieldValue::parse`] reads back to an equal value.
    pub fn to_input(&self) -> String {
        match self {
            Self::Text(text) | Self::List(text) | Self::Url(text) => text.clone(),
            Self::Number(number) => format_number(*number),
            Self::Date(date) => date.to_string(),
            Self::Checkbox(checked) => checked.to_string(),
            Self::Email(email) => email.to_string(),
            Self::Phone(phone) => phone.e164().to_owned(),
        }
    }

    /// Checks a stored value against the field's current definition (which
    /// may have changed since): same type, and for lists still one of the
    /// options.
    pub fn check(&self, definition: &CustomFieldDefinition) -> Result<(), FieldError> {
        if self.field_type() != definition.field_type() {
            return Err(FieldError::new(
                definition.label(),
                format!("must be a {} value", definition.field_type().label()),
            ));
        }
        match self {
            Self::List(option) if !definition.options().contains(option) => Err(FieldError::new(
                definition.label(),
                choose_one_of(definition.options()),
            )),
            _ => Ok(()),
        }
    }
}

impl fmt::Display for CustomFieldValue {
    /// The value as shown in the drawer: checkboxes as Yes/No, phone numbers
    /// in international format, everything else as [`CustomFieldValue::to_input`].
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Checkbox(true) => f.write_str("Yes"),
            Self::Checkbox(false) => f.write_str("No"),
            Self::Phone(phone) => f.write_str(phone.format_international()),
            other => f.write_str(&other.to_input()),
        }
    }
}

fn parse_number(input: &str) -> Option<f64> {
    let shaped = input.len() <= MAX_NUMBER_INPUT_LEN
        && input
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '+' | '-' | '.' | 'e' | 'E'));
    if !shaped {
        return None;
    }
    input.parse::<f64>().ok().filter(|n| n.is_finite())
}

/// The shortest text that parses back to exactly `number`; exponent notation
/// only for very large or very small magnitudes, so it stays short.
fn format_number(number: f64) -> String {
    let magnitude = number.abs();
    if number == 0.0 || (1e-6..1e15).contains(&magnitude) {
        number.to_string()
    } else {
        format!("{number:e}")
    }
}

fn parse_url(input: &str) -> Option<String> {
    if input.len() > MAX_URL_LEN || input.chars().any(char::is_whitespace) {
        return None;
    }
    let with_scheme = if input.contains("://") {
        input.to_owned()
    } else {
        format!("https://{input}")
    };
    let url = url::Url::parse(&with_scheme).ok()?;
    let has_host = url.host_str().is_some_and(|host| !host.is_empty());
    let has_credentials = !url.username().is_empty() || url.password().is_some();
    (matches!(url.scheme(), "http" | "https") && has_host && !has_credentials)
        .then(|| url.to_string())
}

fn choose_one_of(options: &[String]) -> String {
    const SHOWN: usize = 10;
    let mut list = options
        .iter()
        .take(SHOWN)
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join(", ");
    if options.len() > SHOWN {
        list.push_str(", …");
    }
    format!("choose one of: {list}")
}
