//! How the table shows values: dates, countries, languages, initials. Pure,
//! so the server-rendered page, the hydrated page and the CSV agree.

use shared::{Country, Language, UiLanguage};

/// A day (UTC) in the page's language: `Mar 1, 2025` / `1. März 2025`.
pub fn date(unix: i64) -> String {
    crate::layout::current_language().date(unix)
}

/// A moment (UTC) in the page's language: `Mar 1, 2025, 2:05 PM` /
/// `1. März 2025, 14:05`.
pub fn date_time(unix: i64) -> String {
    crate::layout::current_language().date_time(unix)
}

/// The country's name for a stored code in `language`, e.g. `Germany` /
/// `Deutschland`.
pub fn country_name(code: &str, language: UiLanguage) -> String {
    Country::from_code(code).map_or_else(
        || code.to_string(),
        |country| country.name_in(language).to_string(),
    )
}

/// The language's name for a stored tag in `language`, e.g. `German` /
/// `Deutsch`.
pub fn language_name(tag: &str, language: UiLanguage) -> String {
    Language::parse_tag(tag).map_or_else(|_| tag.to_string(), |known| known.name_in(language))
}

/// Up to two initials of a name, for the avatar.
pub fn initials(name: &str) -> String {
    name.split_whitespace()
        .filter_map(|word| word.chars().find(|c| c.is_alphanumeric()))
        .take(2)
        .flat_map(char::to_uppercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outside_a_page_dates_are_english_utc_calendar_dates() {
        assert_eq!(date(0), "Jan 1, 1970");
        assert_eq!(date(951_782_400), "Feb 29, 2000");
        assert_eq!(date_time(1_700_000_000), "Nov 14, 2023, 10:13 PM");
    }

    #[test]
    fn initials_take_the_first_letters_of_two_words() {
        assert_eq!(initials("lena müller"), "LM");
        assert_eq!(initials("Ada"), "A");
        assert_eq!(initials("Jean Paul Sartre"), "JP");
    }
}
