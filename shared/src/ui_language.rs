//! The languages the product itself speaks (its labels, messages and
//! formats), as opposed to a contact's [`crate::Language`].
//!
//! A user's choice is stored with the user; before sign-in, and for users
//! who never chose, the browser's `Accept-Language` header decides.

use crate::error::{FieldError, FieldName, FieldRefusal};
use crate::language::accepted_tags;
use crate::timestamp::civil_from_days;
use serde::{Deserialize, Serialize};

/// The user-facing name of the interface-language choice.
pub const UI_LANGUAGE_FIELD: &str = "Language";
/// The interface-language choice's name in each interface language.
const UI_LANGUAGE_FIELD_NAME: FieldName = FieldName::new(UI_LANGUAGE_FIELD, "Sprache");

/// A stored or submitted interface language the product does not speak.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.field_error(UiLanguage::English))]
pub struct UiLanguageError;

impl FieldRefusal for UiLanguageError {
    fn field_error(&self, language: UiLanguage) -> FieldError {
        let message = match language.wording() {
            UiLanguage::English => "choose English or Deutsch",
            UiLanguage::German => "wählen Sie English oder Deutsch",
        };
        UI_LANGUAGE_FIELD_NAME.refuse(language, message)
    }
}

/// A language the interface is written in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub enum UiLanguage {
    /// English, the default for every browser that prefers no German.
    #[default]
    English,
    /// German (formal "Sie").
    German,
}

impl UiLanguage {
    /// Every interface language, in the order a language menu lists them.
    pub const ALL: [UiLanguage; 2] = [UiLanguage::English, UiLanguage::German];

    /// The BCP 47 primary language subtag, as written in `<html lang>` and
    /// stored with the user: `"en"` or `"de"`.
    pub fn code(self) -> &'static str {
        match self {
            UiLanguage::English => "en",
            UiLanguage::German => "de",
        }
    }

    /// The locale dates and numbers are formatted in: `"en-US"` or
    /// `"de-DE"`.
    pub fn locale_tag(self) -> &'static str {
        match self {
            UiLanguage::English => "en-US",
            UiLanguage::German => "de-DE",
        }
    }

    /// The language texts meant for this language are worded in: itself,
    /// except in a build that carries one language's texts only (the page
    /// code sent to that language's pages), where it is that language, so
    /// the compiler leaves the other language's words out.
    #[inline]
    pub const fn wording(self) -> UiLanguage {
        if cfg!(all(
            feature = "texts-only-en",
            not(feature = "texts-only-de")
        )) {
            UiLanguage::English
        } else if cfg!(all(
            feature = "texts-only-de",
            not(feature = "texts-only-en")
        )) {
            UiLanguage::German
        } else {
            self
        }
    }

    /// Of the same text in English and German, the one in this language.
    pub fn pick<T>(self, english: T, german: T) -> T {
        match self.wording() {
            UiLanguage::English => english,
            UiLanguage::German => german,
        }
    }

    /// A whole number with the language's thousands separator: `1,234`
    /// or `1.234`.
    pub fn count(self, value: u64) -> String {
        let separator = match self.wording() {
            UiLanguage::English => ',',
            UiLanguage::German => '.',
        };
        let digits = value.to_string();
        let mut out = String::with_capacity(digits.len() + digits.len() / 3);
        for (index, digit) in digits.chars().enumerate() {
            if index > 0 && (digits.len() - index).is_multiple_of(3) {
                out.push(separator);
            }
            out.push(digit);
        }
        out
    }

    /// A day in this language, from unix seconds in UTC: `"Dec 2, 2026"`
    /// or `"2. Dez. 2026"`.
    pub fn date(self, unix_seconds: i64) -> String {
        let (year, month, day) = civil_from_days(unix_seconds.div_euclid(86_400));
        let month = self.short_month(month);
        match self.wording() {
            UiLanguage::English => format!("{month} {day}, {year}"),
            UiLanguage::German => format!("{day}. {month} {year}"),
        }
    }

    /// A moment in this language, from unix seconds in UTC:
    /// `"Dec 2, 2026, 2:05 PM"` or `"2. Dez. 2026, 14:05"`.
    pub fn date_time(self, unix_seconds: i64) -> String {
        let seconds = unix_seconds.rem_euclid(86_400);
        let (hour, minute) = (seconds / 3_600, seconds % 3_600 / 60);
        let time = match self.wording() {
            UiLanguage::English => {
                let half = if hour < 12 { "AM" } else { "PM" };
                let hour = match hour % 12 {
                    0 => 12,
                    other => other,
                };
                format!("{hour}:{minute:02} {half}")
            }
            UiLanguage::German => format!("{hour:02}:{minute:02}"),
        };
        format!("{}, {time}", self.date(unix_seconds))
    }

    /// A month's abbreviated name (1 = January), as dates show it.
    fn short_month(self, month: u8) -> &'static str {
        const ENGLISH: [&str; 12] = [
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
        ];
        const GERMAN: [&str; 12] = [
            "Jan.", "Feb.", "März", "Apr.", "Mai", "Juni", "Juli", "Aug.", "Sept.", "Okt.", "Nov.",
            "Dez.",
        ];
        let names = match self.wording() {
            UiLanguage::English => &ENGLISH,
            UiLanguage::German => &GERMAN,
        };
        names[usize::from(month.clamp(1, 12) - 1)]
    }

    /// The language's name in itself, as a language menu shows it to
    /// someone who may not read the current one.
    pub fn native_name(self) -> &'static str {
        match self {
            UiLanguage::English => "English",
            UiLanguage::German => "Deutsch",
        }
    }

    /// The interface language of a language tag (`de`, `de-AT`, `en_GB`,
    /// any case), if the product speaks it.
    pub fn from_tag(tag: &str) -> Option<Self> {
        let primary = tag.trim().split(['-', '_']).next().unwrap_or_default();
        Self::ALL
            .into_iter()
            .find(|language| language.code().eq_ignore_ascii_case(primary))
    }

    /// Parses a stored or submitted choice: exactly a known language tag.
    pub fn parse(input: &str) -> Result<Self, UiLanguageError> {
        Self::from_tag(input).ok_or(UiLanguageError)
    }

    /// The interface language a browser asks for with its `Accept-Language`
    /// header: of the languages the product speaks, the one the browser
    /// weighs highest (earlier wins a tie); English when it names none of
    /// them. `de`, `de-AT` and `de-CH` all mean German.
    pub fn from_accept_language(header: &str) -> Self {
        accepted_tags(header)
            .into_iter()
            .find_map(Self::from_tag)
            .unwrap_or_default()
    }
}

impl TryFrom<String> for UiLanguage {
    type Error = UiLanguageError;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<UiLanguage> for String {
    fn from(language: UiLanguage) -> Self {
        language.code().to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::UiLanguage::{English, German};
    use super::*;

    #[test]
    fn german_speaking_browsers_get_german() {
        for header in ["de", "de-DE", "de-AT,de;q=0.9", "de-CH", "DE_at"] {
            assert_eq!(UiLanguage::from_accept_language(header), German, "{header}");
        }
    }

    #[test]
    fn every_other_browser_gets_english() {
        for header in ["", "en-US,en;q=0.9", "fr-FR", "*", "nl;q=0.8,fr", "de;q=0"] {
            assert_eq!(
                UiLanguage::from_accept_language(header),
                English,
                "{header}"
            );
        }
    }

    #[test]
    fn the_highest_weighted_spoken_language_wins() {
        assert_eq!(
            UiLanguage::from_accept_language("fr-FR,de;q=0.8,en;q=0.5"),
            German
        );
        assert_eq!(
            UiLanguage::from_accept_language("en;q=0.5,de;q=0.7"),
            German
        );
        assert_eq!(
            UiLanguage::from_accept_language("de;q=0.5,en-GB;q=0.7"),
            English
        );
        assert_eq!(UiLanguage::from_accept_language("en,de"), English);
        assert_eq!(
            UiLanguage::from_accept_language("de;q=nonsense,en;q=0.1"),
            English
        );
    }

    #[test]
    fn counts_group_thousands_the_way_each_language_writes_them() {
        assert_eq!(English.count(0), "0");
        assert_eq!(English.count(999), "999");
        assert_eq!(English.count(1_000), "1,000");
        assert_eq!(German.count(1_000), "1.000");
        assert_eq!(German.count(1_234_567), "1.234.567");
    }

    #[test]
    fn dates_and_times_read_as_each_language_writes_them() {
        // 2026-12-02 14:05 UTC
        let at = 1_796_220_300;
        assert_eq!(English.date(at), "Dec 2, 2026");
        assert_eq!(German.date(at), "2. Dez. 2026");
        assert_eq!(English.date_time(at), "Dec 2, 2026, 2:05 PM");
        assert_eq!(German.date_time(at), "2. Dez. 2026, 14:05");
        assert_eq!(English.date_time(0), "Jan 1, 1970, 12:00 AM");
        assert_eq!(German.date_time(0), "1. Jan. 1970, 00:00");
        // 2025-03-01 12:30 UTC
        assert_eq!(English.date_time(1_740_832_200), "Mar 1, 2025, 12:30 PM");
        assert_eq!(German.date(1_740_832_200), "1. März 2025");
    }

    #[test]
    fn a_stored_choice_round_trips_and_nonsense_is_refused_by_field() {
        for language in UiLanguage::ALL {
            let json = serde_json::to_string(&language).expect("serializes");
            let back: UiLanguage = serde_json::from_str(&json).expect("deserializes");
            assert_eq!(back, language);
        }
        let error = UiLanguage::parse("klingon").expect_err("refused");
        assert_eq!(error, UiLanguageError);
        assert_eq!(
            error.field_error(UiLanguage::English).field,
            UI_LANGUAGE_FIELD
        );
    }

    #[test]
    fn an_unknown_interface_language_is_refused_in_the_readers_language() {
        assert_eq!(
            UiLanguageError.to_string(),
            "Language: choose English or Deutsch"
        );
        assert_eq!(
            UiLanguageError.field_error(German).to_string(),
            "Sprache: wählen Sie English oder Deutsch"
        );
    }
}
