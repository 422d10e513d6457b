//! A custom field's value, parsed from what the user typed against the field's
//! definition (R19).

use super::{CustomFieldDefinition, CustomFieldType};
use crate::country::Country;
use crate::date::{Date, DateError};
use crate::email::{Email, EmailError};
use crate::error::{FieldError, FieldRefusal};
use crate::phone::{PhoneError, PhoneNumber};
use crate::text::{char_len, collapse_whitespace, has_forbidden_char};
use crate::ui_language::UiLanguage;
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
    ) -> Result<Option<Self>, CustomValueError> {
        let trimmed = input.trim();
        if trimmed.is_empty() {
            return Ok(None);
        }
        let refuse = |problem| CustomValueError::new(definition, problem);
        let value = match definition.field_type() {
            CustomFieldType::Text => {
                if has_forbidden_char(trimmed) {
                    return Err(refuse(CustomValueProblem::NotOneLine));
                }
                if char_len(trimmed) > MAX_TEXT_VALUE_LEN {
                    return Err(refuse(CustomValueProblem::TooLong));
                }
                Self::Text(trimmed.to_owned())
            }
            CustomFieldType::Number => Self::Number(
                parse_number(trimmed).ok_or_else(|| refuse(CustomValueProblem::NotANumber))?,
            ),
            CustomFieldType::Date => {
                Self::Date(Date::parse(trimmed).map_err(|e| refuse(CustomValueProblem::Date(e)))?)
            }
            CustomFieldType::List => {
                let wanted = collapse_whitespace(trimmed).to_lowercase();
                let option = definition
                    .options()
                    .iter()
                    .find(|option| option.to_lowercase() == wanted)
                    .ok_or_else(|| refuse(not_an_option(definition)))?;
                Self::List(option.clone())
            }
            CustomFieldType::Checkbox => match trimmed.to_ascii_lowercase().as_str() {
                "true" => Self::Checkbox(true),
                "false" => Self::Checkbox(false),
                _ => return Err(refuse(CustomValueProblem::NotTrueOrFalse)),
            },
            CustomFieldType::Email => Self::Email(
                Email::parse(trimmed).map_err(|e| refuse(CustomValueProblem::Email(e)))?,
            ),
            CustomFieldType::Url => Self::Url(
                parse_url(trimmed).ok_or_else(|| refuse(CustomValueProblem::NotAWebAddress))?,
            ),
            CustomFieldType::Phone => Self::Phone(
                PhoneNumber::parse(trimmed, default_region)
                    .map_err(|e| refuse(CustomValueProblem::Phone(e)))?,
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
    ) -> Result<Option<String>, CustomValueError> {
        let region = default_region.and_then(Country::from_code);
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
    pub fn check(&self, definition: &CustomFieldDefinition) -> Result<(), CustomValueError> {
        if self.field_type() != definition.field_type() {
            return Err(CustomValueError::new(
                definition,
                CustomValueProblem::WrongType(definition.field_type()),
            ));
        }
        match self {
            Self::List(option) if !definition.options().contains(option) => {
                Err(CustomValueError::new(definition, not_an_option(definition)))
            }
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

/// A list's value that is none of its options.
fn not_an_option(definition: &CustomFieldDefinition) -> CustomValueProblem {
    CustomValueProblem::NotAnOption(definition.options().to_vec())
}

/// R19: why a value was refused for a custom field, named by the field's
/// label (the workspace's own words, shown as they are in every language).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.field_error(UiLanguage::English))]
pub struct CustomValueError {
    /// The custom field's label.
    pub label: String,
    /// What is wrong with the value.
    pub problem: CustomValueProblem,
}

impl CustomValueError {
    fn new(definition: &CustomFieldDefinition, problem: CustomValueProblem) -> Self {
        Self {
            label: definition.label().to_owned(),
            problem,
        }
    }
}

impl FieldRefusal for CustomValueError {
    fn field_error(&self, language: UiLanguage) -> FieldError {
        FieldError::new(self.label.clone(), self.problem.message_in(language))
    }
}

/// What is wrong with a custom field's value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CustomValueProblem {
    /// A text with a line break, tab or other control character.
    NotOneLine,
    /// A text of more than [`MAX_TEXT_VALUE_LEN`] characters.
    TooLong,
    /// Not a finite decimal number.
    NotANumber,
    /// Not a date.
    Date(DateError),
    /// None of the list's options (which it holds, in the defined order).
    NotAnOption(Vec<String>),
    /// A checkbox value other than `true` or `false`.
    NotTrueOrFalse,
    /// Not an e-mail address.
    Email(EmailError),
    /// Not an `http` or `https` web address.
    NotAWebAddress,
    /// Not a phone number.
    Phone(PhoneError),
    /// A stored value of another type than the field now has.
    WrongType(CustomFieldType),
}

impl CustomValueProblem {
    /// What is wrong, without the field's label, in `language`.
    pub fn message_in(&self, language: UiLanguage) -> String {
        use CustomValueProblem as P;
        match (language.wording(), self) {
            (_, P::Date(error)) => error.message_in(language).to_owned(),
            (_, P::Email(error)) => error.message_in(language),
            (_, P::Phone(error)) => error.message_in(language),
            (UiLanguage::English, P::NotOneLine) => {
                "must be one line, without tabs or other control characters".to_owned()
            }
            (UiLanguage::English, P::TooLong) => {
                format!("is too long (at most {MAX_TEXT_VALUE_LEN} characters)")
            }
            (UiLanguage::English, P::NotANumber) => "enter a number such as 42 or -3.5".to_owned(),
            (UiLanguage::English, P::NotAnOption(options)) => {
                format!("choose one of: {}", listed(options))
            }
            (UiLanguage::English, P::NotTrueOrFalse) => "must be true or false".to_owned(),
            (UiLanguage::English, P::NotAWebAddress) => {
                "enter a web address such as https://example.com".to_owned()
            }
            (UiLanguage::English, P::WrongType(field_type)) => {
                format!("must be a {} value", field_type.label())
            }
            (UiLanguage::German, P::NotOneLine) => {
                "muss eine einzige Zeile sein, ohne Tabulatoren oder andere Steuerzeichen"
                    .to_owned()
            }
            (UiLanguage::German, P::TooLong) => {
                format!("ist zu lang (höchstens {MAX_TEXT_VALUE_LEN} Zeichen)")
            }
            (UiLanguage::German, P::NotANumber) => {
                "Geben Sie eine Zahl ein, z. B. 42 oder -3.5 (mit Punkt statt Komma)".to_owned()
            }
            (UiLanguage::German, P::NotAnOption(options)) => {
                format!("wählen Sie eine dieser Optionen: {}", listed(options))
            }
            (UiLanguage::German, P::NotTrueOrFalse) => "muss true oder false sein".to_owned(),
            (UiLanguage::German, P::NotAWebAddress) => {
                "Geben Sie eine Webadresse ein, z. B. https://example.com".to_owned()
            }
            (UiLanguage::German, P::WrongType(field_type)) => {
                format!(
                    "muss ein Wert vom Typ „{}“ sein",
                    german_type_name(*field_type)
                )
            }
        }
    }
}

/// Options as a refusal lists them: the first ten, then `…`.
fn listed(options: &[String]) -> String {
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
    list
}

/// A type's name as the German interface shows it.
fn german_type_name(field_type: CustomFieldType) -> &'static str {
    match field_type {
        CustomFieldType::Text => "Text",
        CustomFieldType::Number => "Zahl",
        CustomFieldType::Date => "Datum",
        CustomFieldType::List => "Liste",
        CustomFieldType::Checkbox => "Kontrollkästchen",
        CustomFieldType::Email => "E-Mail",
        CustomFieldType::Url => "URL",
        CustomFieldType::Phone => "Telefon",
    }
}
