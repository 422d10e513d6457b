//! Calendar dates as ISO 8601 `YYYY-MM-DD`, checked with plain arithmetic (no
//! clock, no time-zone database, so it runs the same in the browser).

use crate::error::{FieldError, FieldName, FieldRefusal};
use crate::ui_language::UiLanguage;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// The user-facing name of a date input (a custom field's value is refused
/// under the field's own label instead).
pub const DATE_FIELD: &str = "Date";
/// The date field's name in each interface language.
const DATE_FIELD_NAME: FieldName = FieldName::new(DATE_FIELD, "Datum");

/// A valid calendar date between 0001-01-01 and 9999-12-31.
///
/// Orders chronologically; serializes as `"YYYY-MM-DD"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Date {
    year: u16,
    month: u8,
    day: u8,
}

/// Why a text is not a date.
///
/// Displays as what is wrong, in English, without a field name: a date is
/// refused under the name of the field it was typed into.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.message_in(UiLanguage::English))]
pub enum DateError {
    /// Not of the shape `YYYY-MM-DD`.
    Format,
    /// The shape is right but the day does not exist (e.g. `2023-02-29`).
    NoSuchDay,
}

impl DateError {
    /// What is wrong, without the field name, in `language`.
    pub fn message_in(self, language: UiLanguage) -> &'static str {
        match (language.wording(), self) {
            (UiLanguage::English, DateError::Format) => {
                "enter a date as YYYY-MM-DD, e.g. 2024-02-29"
            }
            (UiLanguage::English, DateError::NoSuchDay) => "is not a real calendar date",
            (UiLanguage::German, DateError::Format) => {
                "Geben Sie ein Datum im Format JJJJ-MM-TT ein, z. B. 2024-02-29"
            }
            (UiLanguage::German, DateError::NoSuchDay) => "ist kein gültiges Kalenderdatum",
        }
    }
}

impl FieldRefusal for DateError {
    fn field_error(&self, language: UiLanguage) -> FieldError {
        DATE_FIELD_NAME.refuse(language, self.message_in(language))
    }
}

impl Date {
    /// The date with these parts, if it exists.
    pub fn new(year: u16, month: u8, day: u8) -> Result<Self, DateError> {
        if !(1..=9999).contains(&year) || !(1..=12).contains(&month) {
            return Err(DateError::NoSuchDay);
        }
        if day == 0 || day > days_in_month(year, month) {
            return Err(DateError::NoSuchDay);
        }
        Ok(Self { year, month, day })
    }

    /// Parses exactly `YYYY-MM-DD` (surrounding whitespace ignored).
    pub fn parse(input: &str) -> Result<Self, DateError> {
        let bytes = input.trim().as_bytes();
        let shaped = bytes.len() == 10
            && bytes[4] == b'-'
            && bytes[7] == b'-'
            && bytes
                .iter()
                .enumerate()
                .all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
        if !shaped {
            return Err(DateError::Format);
        }
        let number = |range: std::ops::Range<usize>| {
            bytes[range]
                .iter()
                .fold(0u16, |acc, b| acc * 10 + u16::from(b - b'0'))
        };
        let month = u8::try_from(number(5..7)).map_err(|_| DateError::Format)?;
        let day = u8::try_from(number(8..10)).map_err(|_| DateError::Format)?;
        Self::new(number(0..4), month, day)
    }

    /// The year, 1 to 9999.
    pub fn year(self) -> u16 {
        self.year
    }

    /// The month, 1 to 12.
    pub fn month(self) -> u8 {
        self.month
    }

    /// The day of the month, from 1.
    pub fn day(self) -> u8 {
        self.day
    }
}

fn is_leap_year(year: u16) -> bool {
    (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400)
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if is_leap_year(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl FromStr for Date {
    type Err = DateError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl TryFrom<String> for Date {
    type Error = DateError;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<Date> for String {
    fn from(date: Date) -> Self {
        date.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn r19_date_accepts_real_dates() {
        for input in [
            "2024-02-29",
            "2000-02-29",
            "1999-12-31",
            "0001-01-01",
            "9999-12-31",
        ] {
            assert_eq!(
                Date::parse(input).map(|d| d.to_string()),
                Ok(input.to_owned())
            );
        }
    }

    #[test]
    fn r19_date_refuses_days_that_do_not_exist() {
        for input in [
            "2023-02-29",
            "1900-02-29",
            "2024-04-31",
            "2024-13-01",
            "2024-00-10",
            "2024-01-00",
            "0000-01-01",
        ] {
            assert_eq!(Date::parse(input), Err(DateError::NoSuchDay), "{input}");
        }
    }

    #[test]
    fn r19_date_refuses_other_shapes() {
        for input in [
            "",
            "2024-2-29",
            "29.02.2024",
            "2024/02/29",
            "20240229",
            "2024-02-29T00:00",
            "+024-02-29",
            "２０２４-02-29",
        ] {
            assert_eq!(Date::parse(input), Err(DateError::Format), "{input}");
        }
    }

    #[test]
    fn r19_a_refused_date_is_worded_in_the_readers_language() {
        assert_eq!(
            DateError::Format
                .field_error(UiLanguage::English)
                .to_string(),
            "Date: enter a date as YYYY-MM-DD, e.g. 2024-02-29"
        );
        assert_eq!(
            DateError::Format
                .field_error(UiLanguage::German)
                .to_string(),
            "Datum: Geben Sie ein Datum im Format JJJJ-MM-TT ein, z. B. 2024-02-29"
        );
        assert_eq!(
            DateError::NoSuchDay.message_in(UiLanguage::German),
            "ist kein gültiges Kalenderdatum"
        );
        assert_eq!(
            DateError::NoSuchDay.to_string(),
            "is not a real calendar date"
        );
    }

    #[test]
    fn r19_dates_order_chronologically() {
        let earlier = Date::parse("2023-12-31").expect("valid");
        let later = Date::parse("2024-01-01").expect("valid");
        assert!(earlier < later);
        assert_eq!((later.year(), later.month(), later.day()), (2024, 1, 1));
    }

    proptest! {
        #[test]
        fn r19_date_parse_never_panics(input in any::<String>()) {
            let _ = Date::parse(&input);
        }

        #[test]
        fn r19_date_round_trips(input in "[0-9]{4}-[0-9]{2}-[0-9]{2}") {
            if let Ok(date) = Date::parse(&input) {
                prop_assert_eq!(date.to_string(), input);
                prop_assert_eq!(Date::parse(&date.to_string()), Ok(date));
            }
        }
    }
}
