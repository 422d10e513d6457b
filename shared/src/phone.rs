//! Phone numbers: parsed with the `phonenumber` crate, must carry a country
//! code, stored and compared in E.164 (R18).

use crate::country::Country;
use crate::error::{FieldError, FieldName, FieldRefusal};
use crate::ui_language::UiLanguage;
use phonenumber::metadata::DATABASE;
use phonenumber::Mode;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::hash::{Hash, Hasher};
use std::str::FromStr;

mod search;
pub use search::{international_search_digits, national_search_numbers, national_search_prefixes};

/// The user-facing name of the phone field.
pub const PHONE_FIELD: &str = "Phone number";
/// The phone field's name in each interface language.
pub(crate) const PHONE_FIELD_NAME: FieldName = FieldName::new(PHONE_FIELD, "Telefonnummer");
/// The most characters accepted as input, before any parsing.
pub const MAX_PHONE_INPUT_LEN: usize = 40;
/// The most digits an E.164 number has (country code included).
const MAX_E164_DIGITS: usize = 15;

/// A valid phone number with its country code, kept in E.164 (`+4930123456`).
///
/// Two numbers are equal when their E.164 forms are; it serializes as the
/// E.164 string and deserializing validates again.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct PhoneNumber {
    e164: String,
    international: String,
    country: Option<Country>,
}

/// Why a text is not a phone number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("{}: {}", PHONE_FIELD, self.message())]
pub enum PhoneError {
    /// Nothing was entered.
    Empty,
    /// The input has more than [`MAX_PHONE_INPUT_LEN`] characters.
    InputTooLong,
    /// Letters or symbols other than digits, a leading `+`, spaces, `-`, `.`,
    /// `/` and brackets.
    InvalidCharacters,
    /// A national number (no `+` or `00`) and no country to read it in.
    MissingCountryCode,
    /// The digits after `+` or `00` do not start with a country code.
    UnknownCountryCode,
    /// Too few digits for a number of that country.
    TooShort,
    /// Too many digits for a number of that country (or for E.164).
    TooLong,
    /// The right length, but no such number exists (in that country, if
    /// known).
    NotValid(Option<Country>),
}

impl PhoneError {
    /// What is wrong, without the field name, in English.
    pub fn message(self) -> String {
        self.message_in(UiLanguage::English)
    }

    /// What is wrong, without the field name, in `language`.
    pub fn message_in(self, language: UiLanguage) -> String {
        if language.wording() == UiLanguage::German {
            return self.german_message();
        }
        match self {
            PhoneError::Empty => "enter a phone number".to_owned(),
            PhoneError::InputTooLong => {
                format!("is too long (at most {MAX_PHONE_INPUT_LEN} characters)")
            }
            PhoneError::InvalidCharacters => {
                "may contain only digits, a leading +, spaces and - . / ( )".to_owned()
            }
            PhoneError::MissingCountryCode => {
                "include the country code, e.g. +49 30 1234567".to_owned()
            }
            PhoneError::UnknownCountryCode => {
                "does not start with a known country code, e.g. +49 for Germany".to_owned()
            }
            PhoneError::TooShort => "has too few digits".to_owned(),
            PhoneError::TooLong => "has too many digits".to_owned(),
            PhoneError::NotValid(Some(country)) => {
                format!("is not a valid phone number for {}", country.name())
            }
            PhoneError::NotValid(None) => "is not a valid phone number".to_owned(),
        }
    }

    fn german_message(self) -> String {
        match self {
            PhoneError::Empty => "Geben Sie eine Telefonnummer ein".to_owned(),
            PhoneError::InputTooLong => {
                format!("ist zu lang (höchstens {MAX_PHONE_INPUT_LEN} Zeichen)")
            }
            PhoneError::InvalidCharacters => {
                "darf nur Ziffern, ein führendes +, Leerzeichen und - . / ( ) enthalten".to_owned()
            }
            PhoneError::MissingCountryCode => {
                "geben Sie die Ländervorwahl an, z. B. +49 30 1234567".to_owned()
            }
            PhoneError::UnknownCountryCode => {
                "beginnt nicht mit einer bekannten Ländervorwahl, z. B. +49 für Deutschland"
                    .to_owned()
            }
            PhoneError::TooShort => "hat zu wenige Ziffern".to_owned(),
            PhoneError::TooLong => "hat zu viele Ziffern".to_owned(),
            PhoneError::NotValid(Some(country)) => {
                format!(
                    "ist keine gültige Telefonnummer für {}",
                    country.name_in(UiLanguage::German)
                )
            }
            PhoneError::NotValid(None) => "ist keine gültige Telefonnummer".to_owned(),
        }
    }
}

impl FieldRefusal for PhoneError {
    fn field_error(&self, language: UiLanguage) -> FieldError {
        PHONE_FIELD_NAME.refuse(language, self.message_in(language))
    }
}

impl PhoneNumber {
    /// Parses a phone number as a user types it.
    ///
    /// Spaces, `-`, `.`, `/` and brackets are ignored. Input starting with `+`
    /// or `00` is read as international, whatever `default_region` says. A
    /// national number (`030 1234567`) is read in `default_region` — the
    /// workspace's or the contact's country — and refused without one, so
    /// every stored number carries its country code. Numbers the phone
    /// metadata does not consider valid are refused.
    pub fn parse(input: &str, default_region: Option<Country>) -> Result<Self, PhoneError> {
        let input = input.trim();
        if input.is_empty() {
            return Err(PhoneError::Empty);
        }
        if input.chars().count() > MAX_PHONE_INPUT_LEN {
            return Err(PhoneError::InputTooLong);
        }
        let (has_plus, digits) = strip_formatting(input)?;
        let international = if has_plus {
            Some(digits.as_str())
        } else {
            digits.strip_prefix("00")
        };
        let number = match international {
            Some(digits) => parse_international(digits)?,
            None => parse_national(&digits, default_region)?,
        };
        let country = country_of(&number);
        if !number.is_valid() {
            return Err(invalid_reason(&number, country));
        }
        let e164 = number.format().mode(Mode::E164).to_string();
        if !is_e164(&e164) {
            return Err(PhoneError::NotValid(country));
        }
        Ok(Self {
            e164,
            international: number.format().mode(Mode::International).to_string(),
            country,
        })
    }

    /// Like [`PhoneNumber::parse`], but a blank input means "no number"
    /// (clearing the field) instead of an error.
    pub fn parse_optional(
        input: &str,
        default_region: Option<Country>,
    ) -> Result<Option<Self>, PhoneError> {
        if input.trim().is_empty() {
            Ok(None)
        } else {
            Self::parse(input, default_region).map(Some)
        }
    }

    /// The E.164 form, e.g. `"+49301234567"`: what is stored and compared.
    pub fn e164(&self) -> &str {
        &self.e164
    }

    /// The international form for display, e.g. `"+49 30 1234567"`.
    pub fn format_international(&self) -> &str {
        &self.international
    }

    /// R18: the country the number belongs to, if it belongs to one (numbers
    /// such as +800 toll-free ones belong to none).
    pub fn country(&self) -> Option<Country> {
        self.country
    }

    /// How a stored number is shown everywhere (table, drawer, merge pages):
    /// the international form, or the stored text as it is when the rules
    /// no longer read it (stored before a rule changed), never nothing.
    pub fn display_stored(stored: &str) -> String {
        Self::parse(stored, None).map_or_else(|_| stored.to_owned(), |phone| phone.international)
    }
}

/// A typed number as the browser's check answers it: what will be stored
/// and shown. Plain text, so reading an answer needs no phone library.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckedPhone {
    /// What is stored and compared, e.g. `+4930123456`.
    pub e164: String,
    /// For display, e.g. `+49 30 123456`.
    pub international: String,
    /// ISO 3166 alpha-2 code of the number's country, when it has one.
    pub country: Option<String>,
}

impl CheckedPhone {
    /// Checks a typed number; a blank input is `Ok(None)` (no number).
    /// `default_region` (an ISO 3166 code) allows national formats.
    /// A refusal is worded in `language`.
    pub fn check(
        input: &str,
        default_region: Option<&str>,
        language: UiLanguage,
    ) -> Result<Option<Self>, FieldError> {
        let region = default_region.and_then(Country::from_code);
        let parsed = PhoneNumber::parse_optional(input, region)
            .map_err(|error| error.field_error(language))?;
        Ok(parsed.map(|phone| CheckedPhone {
            country: phone.country().map(|country| country.code().to_owned()),
            e164: phone.e164,
            international: phone.international,
        }))
    }
}

/// Removes the allowed formatting characters: returns whether the input
/// starts with `+` and its digits.
fn strip_formatting(input: &str) -> Result<(bool, String), PhoneError> {
    let (has_plus, rest) = match input.strip_prefix('+') {
        Some(rest) => (true, rest),
        None => (false, input),
    };
    let mut digits = String::with_capacity(rest.len());
    for c in rest.chars() {
        if c.is_ascii_digit() {
            digits.push(c);
        } else if !(c.is_whitespace() || matches!(c, '-' | '.' | '/' | '(' | ')')) {
            return Err(PhoneError::InvalidCharacters);
        }
    }
    Ok((has_plus, digits))
}

fn parse_international(digits: &str) -> Result<phonenumber::PhoneNumber, PhoneError> {
    if digits.len() < 3 {
        return Err(PhoneError::TooShort);
    }
    if digits.len() > MAX_E164_DIGITS {
        return Err(PhoneError::TooLong);
    }
    if digits.starts_with('0') {
        return Err(PhoneError::UnknownCountryCode);
    }
    phonenumber::parse(None, format!("+{digits}")).map_err(map_parse_error)
}

fn parse_national(
    digits: &str,
    region: Option<Country>,
) -> Result<phonenumber::PhoneNumber, PhoneError> {
    let region = region
        .and_then(|country| country.code().parse::<phonenumber::country::Id>().ok())
        .ok_or(PhoneError::MissingCountryCode)?;
    if digits.len() < 3 {
        return Err(PhoneError::TooShort);
    }
    // National numbers may carry a trunk prefix or an exit code, so allow a
    // few digits beyond E.164; the library rejects what is still too long.
    if digits.len() > MAX_E164_DIGITS + 3 {
        return Err(PhoneError::TooLong);
    }
    phonenumber::parse(Some(region), digits).map_err(map_parse_error)
}

fn map_parse_error(error: phonenumber::ParseError) -> PhoneError {
    use phonenumber::ParseError as E;
    match error {
        E::NoNumber | E::TooShortAfterIdd | E::TooShortNsn => PhoneError::TooShort,
        E::TooLong => PhoneError::TooLong,
        E::InvalidCountryCode => PhoneError::UnknownCountryCode,
        E::MalformedInteger(_) => PhoneError::NotValid(None),
    }
}

/// The region whose metadata describes `number`. The library's own lookup
/// drops Italian-style leading zeros, so fall back to matching the full
/// national number against each region sharing the country code.
fn region_metadata(number: &phonenumber::PhoneNumber) -> Option<&'static phonenumber::Metadata> {
    if let Some(id) = number.country().id() {
        return DATABASE.by_id(id.as_ref());
    }
    let national = number.national().to_string();
    DATABASE
        .by_code(&number.code().value())?
        .into_iter()
        .find(|meta| meta.descriptors().general().is_match(&national))
}

fn country_of(number: &phonenumber::PhoneNumber) -> Option<Country> {
    region_metadata(number).and_then(|meta| Country::from_code(meta.id()))
}

/// Tells a too short or too long number from one that merely does not exist,
/// using the shortest and longest lengths of any number type of its region.
fn invalid_reason(number: &phonenumber::PhoneNumber, country: Option<Country>) -> PhoneError {
    let length = number.national().to_string().len();
    let lengths: Vec<usize> = region_metadata(number)
        .map(|meta| {
            let d = meta.descriptors();
            [
                d.fixed_line(),
                d.mobile(),
                d.toll_free(),
                d.premium_rate(),
                d.shared_cost(),
                d.personal_number(),
                d.voip(),
                d.pager(),
                d.uan(),
                d.voicemail(),
            ]
            .into_iter()
            .flatten()
            .flat_map(|descriptor| descriptor.possible_length().iter().map(|&l| usize::from(l)))
            .collect()
        })
        .unwrap_or_default();
    match (lengths.iter().min(), lengths.iter().max()) {
        (Some(&shortest), _) if length < shortest => PhoneError::TooShort,
        (_, Some(&longest)) if length > longest => PhoneError::TooLong,
        _ => PhoneError::NotValid(country),
    }
}

/// Whether `text` has the shape `^\+[1-9][0-9]{1,14}$`.
fn is_e164(text: &str) -> bool {
    let Some(digits) = text.strip_prefix('+') else {
        return false;
    };
    (2..=MAX_E164_DIGITS).contains(&digits.len())
        && digits.chars().all(|c| c.is_ascii_digit())
        && !digits.starts_with('0')
}

impl PartialEq for PhoneNumber {
    fn eq(&self, other: &Self) -> bool {
        self.e164 == other.e164
    }
}

impl Eq for PhoneNumber {}

impl Hash for PhoneNumber {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.e164.hash(state);
    }
}

impl fmt::Display for PhoneNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.international)
    }
}

impl FromStr for PhoneNumber {
    type Err = PhoneError;

    /// Parses without a default region: the input must carry its country code.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s, None)
    }
}

impl TryFrom<String> for PhoneNumber {
    type Error = PhoneError;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value, None)
    }
}

impl From<PhoneNumber> for String {
    fn from(number: PhoneNumber) -> Self {
        number.e164
    }
}

#[cfg(test)]
mod tests;
