//! Countries and territories (ISO 3166-1 alpha-2) with English and German
//! names and flags.
//!
//! R18: a contact's country is derived from its phone number unless set by
//! hand; see [`crate::phone::PhoneNumber::country`] and
//! [`effective_country`].

mod table;

use crate::error::{FieldError, FieldName, FieldRefusal};
use crate::name_columns::{column, row_named, Column};
use crate::text::alphabetical_key;
use crate::ui_language::UiLanguage;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;
use table::COUNTRIES;

const COUNT: usize = COUNTRIES.len();
static CODES: [&str; COUNT] = column(COUNTRIES, Column::Code);
static ENGLISH_NAMES: [&str; COUNT] = column(COUNTRIES, Column::English);
static GERMAN_NAMES: [&str; COUNT] = column(COUNTRIES, Column::German);

/// The user-facing name of the country field.
pub const COUNTRY_FIELD: &str = "Country";
/// The country field's name in each interface language.
pub(crate) const COUNTRY_FIELD_NAME: FieldName = FieldName::new(COUNTRY_FIELD, "Land");

/// A country or territory, by its ISO 3166-1 alpha-2 code (plus `XK`, Kosovo).
///
/// Parsing is case-insensitive and also accepts the English or German name;
/// the
/// canonical form is the upper-case code, which is also how it serializes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Country(u16);

/// Why a text is not a country.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("{}: {}", COUNTRY_FIELD, self.message())]
pub enum CountryError {
    /// Nothing was entered.
    Empty,
    /// Neither a known two-letter code nor a known English or German name.
    Unknown,
}

impl CountryError {
    /// What is wrong, without the field name, in English.
    pub fn message(self) -> &'static str {
        self.message_in(UiLanguage::English)
    }

    /// What is wrong, without the field name, in `language`.
    pub fn message_in(self, language: UiLanguage) -> &'static str {
        match (language.wording(), self) {
            (UiLanguage::English, CountryError::Empty) => "choose a country",
            (UiLanguage::English, CountryError::Unknown) => {
                "is not a known country; use a two-letter code such as DE or a name such as Germany"
            }
            (UiLanguage::German, CountryError::Empty) => "wählen Sie ein Land",
            (UiLanguage::German, CountryError::Unknown) => {
                "ist kein bekanntes Land; verwenden Sie einen Code wie DE oder einen Namen wie Deutschland"
            }
        }
    }
}

impl FieldRefusal for CountryError {
    fn field_error(&self, language: UiLanguage) -> FieldError {
        COUNTRY_FIELD_NAME.refuse(language, self.message_in(language))
    }
}

impl Country {
    /// Parses a two-letter code (any case) or an English or German country
    /// name (any case), ignoring surrounding whitespace.
    pub fn parse(input: &str) -> Result<Self, CountryError> {
        let input = input.trim();
        if input.is_empty() {
            return Err(CountryError::Empty);
        }
        if input.len() == 2 {
            if let Some(country) = Self::from_code(input) {
                return Ok(country);
            }
        }
        row_named(&ENGLISH_NAMES, &GERMAN_NAMES, input)
            .and_then(|index| u16::try_from(index).ok())
            .map(Country)
            .ok_or(CountryError::Unknown)
    }

    /// Parses a two-letter code (any case, surrounding whitespace ignored)
    /// and nothing else: for values that are codes by construction, such as
    /// a chosen option.
    pub fn parse_code(input: &str) -> Result<Self, CountryError> {
        if input.trim().is_empty() {
            return Err(CountryError::Empty);
        }
        Self::from_code(input).ok_or(CountryError::Unknown)
    }

    /// The country with this two-letter code (any case), if it is known.
    pub fn from_code(code: &str) -> Option<Self> {
        let upper = code.trim().to_ascii_uppercase();
        CODES
            .binary_search(&upper.as_str())
            .ok()
            .and_then(|index| u16::try_from(index).ok())
            .map(Country)
    }

    /// The upper-case ISO 3166-1 alpha-2 code, e.g. `"DE"`.
    pub fn code(self) -> &'static str {
        CODES.get(self.index()).copied().unwrap_or("ZZ")
    }

    /// The English name, e.g. `"Germany"`.
    pub fn name(self) -> &'static str {
        self.name_in(UiLanguage::English)
    }

    /// Every known country, sorted by code (for drop-downs).
    pub fn all() -> impl Iterator<Item = Country> {
        (0..COUNT).filter_map(|index| u16::try_from(index).ok().map(Country))
    }

    /// The name in `language`, e.g. `"Germany"` or `"Deutschland"`.
    pub fn name_in(self, language: UiLanguage) -> &'static str {
        let names: &[&str] = language.pick(&ENGLISH_NAMES, &GERMAN_NAMES);
        names
            .get(self.index())
            .copied()
            .unwrap_or(language.pick("Unknown", "Unbekannt"))
    }

    /// Every known country in alphabetical order of its English name.
    pub fn by_name() -> Vec<Country> {
        Self::by_name_in(UiLanguage::English)
    }

    /// Every known country in alphabetical order of its name in
    /// `language`, as lists offer them („Österreich“ with the O's).
    pub fn by_name_in(language: UiLanguage) -> Vec<Country> {
        let mut countries: Vec<Country> = Self::all().collect();
        countries.sort_by_cached_key(|country| alphabetical_key(country.name_in(language)));
        countries
    }

    fn index(self) -> usize {
        usize::from(self.0)
    }
}

/// R18: the country shown for a contact — the one set by hand if there is one,
/// otherwise the one its phone number belongs to.
pub fn effective_country(
    set_by_hand: Option<Country>,
    from_phone: Option<Country>,
) -> Option<Country> {
    set_by_hand.or(from_phone)
}

/// R18: the country shown when the stored one may not have been set by
/// hand: the stored one if it was, else the phone number's, else the one
/// the contact came with.
pub fn shown_country(
    stored: Option<Country>,
    set_by_hand: bool,
    from_phone: Option<Country>,
) -> Option<Country> {
    if set_by_hand {
        stored
    } else {
        effective_country(None, from_phone).or(stored)
    }
}

impl fmt::Display for Country {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Country {
    type Err = CountryError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl TryFrom<String> for Country {
    type Error = CountryError;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<Country> for String {
    fn from(country: Country) -> Self {
        country.code().to_owned()
    }
}

#[cfg(test)]
mod tests;
