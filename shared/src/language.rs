//! Languages as BCP 47 tags built from ISO 639 codes, e.g. `de`, `pt-BR`,
//! `zh-Hant-TW`.
//!
//! R18: a contact's language comes from its browser or channel, or is set by
//! hand; [`Language::from_accept_language`] reads a browser's header.

mod table;

use crate::country::Country;
use crate::error::{FieldError, FieldName, FieldRefusal};
use crate::name_columns::{column, row_named, Column};
use crate::text::alphabetical_key;
use crate::ui_language::UiLanguage;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;
use table::LANGUAGES;

const COUNT: usize = LANGUAGES.len();
static CODES: [&str; COUNT] = column(LANGUAGES, Column::Code);
static ENGLISH_NAMES: [&str; COUNT] = column(LANGUAGES, Column::English);
static GERMAN_NAMES: [&str; COUNT] = column(LANGUAGES, Column::German);

/// The user-facing name of the language field.
pub const LANGUAGE_FIELD: &str = "Language";
/// The language field's name in each interface language.
pub(crate) const LANGUAGE_FIELD_NAME: FieldName = FieldName::new(LANGUAGE_FIELD, "Sprache");

/// Longest tag text looked at; real tags of the shape accepted here are far
/// shorter.
const MAX_INPUT_LEN: usize = 35;

/// A language: an ISO 639 primary language, optionally with a script and a
/// region (a [`Country`]).
///
/// Parsing is case-insensitive, accepts `-` or `_` between subtags and also
/// an English language name; the canonical form is the BCP 47 tag in its
/// usual case (`pt-BR`, `zh-Hant-TW`), which is also how it serializes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Language {
    primary: u16,
    script: Option<Script>,
    region: Option<Country>,
}

/// A writing system subtag (ISO 15924) — only the few that matter for the
/// languages people write in with more than one script.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Script {
    /// `Arab`
    Arabic,
    /// `Cyrl`
    Cyrillic,
    /// `Deva`
    Devanagari,
    /// `Hans`
    Simplified,
    /// `Hant`
    Traditional,
    /// `Latn`
    Latin,
}

impl Script {
    const ALL: [Script; 6] = [
        Script::Arabic,
        Script::Cyrillic,
        Script::Devanagari,
        Script::Simplified,
        Script::Traditional,
        Script::Latin,
    ];

    /// The four-letter ISO 15924 code in title case, e.g. `"Hant"`.
    pub fn code(self) -> &'static str {
        match self {
            Script::Arabic => "Arab",
            Script::Cyrillic => "Cyrl",
            Script::Devanagari => "Deva",
            Script::Simplified => "Hans",
            Script::Traditional => "Hant",
            Script::Latin => "Latn",
        }
    }

    /// The English name used inside a language's display name.
    pub fn name(self) -> &'static str {
        self.name_in(UiLanguage::English)
    }

    /// The name used inside a language's display name in `language`.
    pub fn name_in(self, language: UiLanguage) -> &'static str {
        if language.wording() == UiLanguage::German {
            return match self {
                Script::Arabic => "Arabisch",
                Script::Cyrillic => "Kyrillisch",
                Script::Devanagari => "Devanagari",
                Script::Simplified => "Vereinfacht",
                Script::Traditional => "Traditionell",
                Script::Latin => "Lateinisch",
            };
        }
        match self {
            Script::Arabic => "Arabic",
            Script::Cyrillic => "Cyrillic",
            Script::Devanagari => "Devanagari",
            Script::Simplified => "Simplified",
            Script::Traditional => "Traditional",
            Script::Latin => "Latin",
        }
    }

    fn from_code(code: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|script| script.code().eq_ignore_ascii_case(code))
    }
}

/// Why a text is not a language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("{}: {}", LANGUAGE_FIELD, self.message())]
pub enum LanguageError {
    /// Nothing was entered.
    Empty,
    /// Not shaped like a language tag.
    Malformed,
    /// The primary language code is not a known ISO 639 code.
    UnknownLanguage,
    /// The script subtag is not one of the supported scripts.
    UnknownScript,
    /// The region subtag is not a known country code.
    UnknownRegion,
}

impl LanguageError {
    /// What is wrong, without the field name, in English.
    pub fn message(self) -> &'static str {
        self.message_in(UiLanguage::English)
    }

    /// What is wrong, without the field name, in `language`.
    pub fn message_in(self, language: UiLanguage) -> &'static str {
        match language.wording() {
            UiLanguage::English => match self {
                LanguageError::Empty => "choose a language",
                LanguageError::Malformed => "use a language code such as en or pt-BR",
                LanguageError::UnknownLanguage => "is not a known language code",
                LanguageError::UnknownScript => {
                    "has an unknown script; use Latn, Cyrl, Arab, Deva, Hans or Hant"
                }
                LanguageError::UnknownRegion => {
                    "has an unknown region; use a country code such as BR in pt-BR"
                }
            },
            UiLanguage::German => match self {
                LanguageError::Empty => "wählen Sie eine Sprache",
                LanguageError::Malformed => "verwenden Sie einen Sprachcode wie de oder pt-BR",
                LanguageError::UnknownLanguage => "ist kein bekannter Sprachcode",
                LanguageError::UnknownScript => {
                    "hat eine unbekannte Schrift; verwenden Sie Latn, Cyrl, Arab, Deva, Hans oder Hant"
                }
                LanguageError::UnknownRegion => {
                    "hat eine unbekannte Region; verwenden Sie einen Ländercode wie BR in pt-BR"
                }
            },
        }
    }
}

impl FieldRefusal for LanguageError {
    fn field_error(&self, language: UiLanguage) -> FieldError {
        LANGUAGE_FIELD_NAME.refuse(language, self.message_in(language))
    }
}

impl Language {
    /// Parses a BCP 47 tag of the form `language[-Script][-REGION]` (any case,
    /// `-` or `_`), or an English or German language name such as
    /// `"German"` or `"Deutsch"`.
    pub fn parse(input: &str) -> Result<Self, LanguageError> {
        let input = Self::trimmed(input)?;
        // Stored values are tags, so those are tried first: a page shows a
        // language per row, and comparing with every name of the list
        // first was a measurable share of rendering it.
        Self::from_tag(input).or_else(|error| Self::from_name(input).ok_or(error))
    }

    /// Parses a BCP 47 tag as [`Language::parse`] does, but no names: for
    /// values that are tags by construction, such as stored ones.
    pub fn parse_tag(input: &str) -> Result<Self, LanguageError> {
        Self::from_tag(Self::trimmed(input)?)
    }

    /// The input without surrounding whitespace, if it is neither empty nor
    /// longer than any tag or name.
    fn trimmed(input: &str) -> Result<&str, LanguageError> {
        let input = input.trim();
        if input.is_empty() {
            return Err(LanguageError::Empty);
        }
        if input.len() > MAX_INPUT_LEN {
            return Err(LanguageError::Malformed);
        }
        Ok(input)
    }

    /// Parses a trimmed, non-empty BCP 47 tag.
    fn from_tag(input: &str) -> Result<Self, LanguageError> {
        let mut subtags = input.split(['-', '_']);
        let primary = subtags.next().ok_or(LanguageError::Malformed)?;
        if !(2..=3).contains(&primary.len()) || !primary.chars().all(|c| c.is_ascii_alphabetic()) {
            return Err(LanguageError::Malformed);
        }
        let primary = primary_index(primary).ok_or(LanguageError::UnknownLanguage)?;
        let mut language = Language {
            primary,
            script: None,
            region: None,
        };
        let mut next = subtags.next();
        if let Some(subtag) = next.filter(|s| s.len() == 4) {
            language.script = Some(Script::from_code(subtag).ok_or(LanguageError::UnknownScript)?);
            next = subtags.next();
        }
        if let Some(subtag) = next {
            if subtag.len() != 2 || !subtag.chars().all(|c| c.is_ascii_alphabetic()) {
                return Err(LanguageError::Malformed);
            }
            language.region = Some(Country::from_code(subtag).ok_or(LanguageError::UnknownRegion)?);
        }
        if subtags.next().is_some() {
            return Err(LanguageError::Malformed);
        }
        Ok(language)
    }

    /// R18: the contact's language from a browser's `Accept-Language` header:
    /// the first tag, by weight, that [`Language::parse`] accepts. Wildcards,
    /// weight-0 entries and unknown tags are skipped.
    pub fn from_accept_language(header: &str) -> Option<Self> {
        accepted_tags(header)
            .into_iter()
            .find_map(|tag| Language::parse(tag).ok())
    }

    /// The canonical BCP 47 tag, e.g. `"pt-BR"`.
    pub fn tag(self) -> String {
        let mut tag = self.primary_code().to_owned();
        if let Some(script) = self.script {
            tag.push('-');
            tag.push_str(script.code());
        }
        if let Some(region) = self.region {
            tag.push('-');
            tag.push_str(region.code());
        }
        tag
    }

    /// The ISO 639 code of the language itself, e.g. `"pt"`.
    pub fn primary_code(self) -> &'static str {
        CODES
            .get(usize::from(self.primary))
            .copied()
            .unwrap_or("und")
    }

    /// The script, if the tag names one.
    pub fn script(self) -> Option<Script> {
        self.script
    }

    /// The region, if the tag names one.
    pub fn region(self) -> Option<Country> {
        self.region
    }

    /// The English display name, e.g. `"Portuguese (Brazil)"` or
    /// `"Chinese (Traditional, Taiwan)"`.
    pub fn name(self) -> String {
        self.name_in(UiLanguage::English)
    }

    /// The display name in `language`, e.g. `"Portugiesisch (Brasilien)"`.
    pub fn name_in(self, language: UiLanguage) -> String {
        let names: &[&str] = language.pick(&ENGLISH_NAMES, &GERMAN_NAMES);
        let base = names
            .get(usize::from(self.primary))
            .copied()
            .unwrap_or(language.pick("Unknown", "Unbekannt"));
        let details: Vec<&str> = self
            .script
            .map(|script| script.name_in(language))
            .into_iter()
            .chain(self.region.map(|region| region.name_in(language)))
            .collect();
        if details.is_empty() {
            base.to_owned()
        } else {
            format!("{base} ({})", details.join(", "))
        }
    }

    /// Every known primary language without script or region, sorted by code
    /// (for drop-downs).
    pub fn all() -> impl Iterator<Item = Language> {
        (0..COUNT).filter_map(|index| {
            u16::try_from(index).ok().map(|primary| Language {
                primary,
                script: None,
                region: None,
            })
        })
    }

    /// Every primary language in alphabetical order of its English name.
    pub fn by_name() -> Vec<Language> {
        Self::by_name_in(UiLanguage::English)
    }

    /// Every primary language in alphabetical order of its name in
    /// `language`, as lists offer them.
    pub fn by_name_in(language: UiLanguage) -> Vec<Language> {
        let mut languages: Vec<Language> = Self::all().collect();
        languages.sort_by_cached_key(|each| alphabetical_key(&each.name_in(language)));
        languages
    }

    fn from_name(input: &str) -> Option<Self> {
        row_named(&ENGLISH_NAMES, &GERMAN_NAMES, input)
            .and_then(|index| u16::try_from(index).ok())
            .map(|primary| Language {
                primary,
                script: None,
                region: None,
            })
    }
}

fn primary_index(code: &str) -> Option<u16> {
    let lower = code.to_ascii_lowercase();
    CODES
        .binary_search(&lower.as_str())
        .ok()
        .and_then(|index| u16::try_from(index).ok())
}

/// The language tags of an `Accept-Language` header, highest weight first
/// (the header's order among equal weights); wildcards, weight-0 entries
/// and malformed weights are left out.
pub(crate) fn accepted_tags(header: &str) -> Vec<&str> {
    let mut weighted: Vec<(u16, &str)> = header
        .split(',')
        .take(32)
        .filter_map(|entry| {
            let mut parts = entry.split(';');
            let tag = parts.next()?.trim();
            let weight = parts
                .find_map(|p| p.trim().strip_prefix("q="))
                .map_or(Some(1000), parse_weight)?;
            (weight > 0 && tag != "*").then_some((weight, tag))
        })
        .collect();
    // A stable sort keeps the header's order among equal weights.
    weighted.sort_by_key(|(weight, _)| std::cmp::Reverse(*weight));
    weighted.into_iter().map(|(_, tag)| tag).collect()
}

/// An `Accept-Language` weight (`0`, `0.8`, `1.000`) in thousandths.
fn parse_weight(text: &str) -> Option<u16> {
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    if fraction.len() > 3 || !fraction.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let fraction: u16 = format!("{fraction:0<3}").parse().ok()?;
    match whole {
        "0" => Some(fraction),
        "1" if fraction == 0 => Some(1000),
        _ => None,
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.tag())
    }
}

impl FromStr for Language {
    type Err = LanguageError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl TryFrom<String> for Language {
    type Error = LanguageError;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<Language> for String {
    fn from(language: Language) -> Self {
        language.tag()
    }
}

#[cfg(test)]
mod tests;
