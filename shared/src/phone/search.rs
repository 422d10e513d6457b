//! Searches written as phone numbers (R24): the E.164 prefixes and whole
//! numbers a contact search looks up, international or national.

use super::PhoneNumber;
use crate::country::Country;
use phonenumber::metadata::DATABASE;

/// The digits of a search written as a phone number: digits with spaces,
/// `-`, `.`, `/`, brackets and, where `plus` allows it, `+`.
fn search_number_digits(text: &str, plus: bool) -> Option<String> {
    let text = text.trim();
    let phone_like = text
        .chars()
        .all(|c| c.is_ascii_digit() || " -()./".contains(c) || (plus && c == '+'));
    phone_like.then(|| text.chars().filter(char::is_ascii_digit).collect())
}

/// R24: the digits of a search that looks like a phone number in
/// international form ("+49 151 2345", "0049 (151) 2345-6", "49151…"),
/// without an international "00" prefix: the E.164 prefix it stands for.
pub fn international_search_digits(text: &str) -> Option<String> {
    let digits = search_number_digits(text, true).filter(|digits| digits.len() >= 3)?;
    let international = text.trim_start().starts_with('+');
    match digits.strip_prefix("00") {
        Some(rest) if !international => Some(rest.to_string()),
        _ => Some(digits),
    }
}

/// R24: a search typed as a national number, e.g. `"0151 2345"` (trunk
/// prefix `0`, then digits), as the E.164 prefixes it may stand for: one per
/// calling code of the countries that dial `0` before national numbers,
/// sorted and without repeats. Empty for anything else.
pub fn national_search_prefixes(text: &str) -> Vec<String> {
    let Some(digits) = search_number_digits(text, false) else {
        return Vec::new();
    };
    let Some(national) = digits.strip_prefix('0') else {
        return Vec::new();
    };
    if national.starts_with('0') || national.len() < 3 {
        return Vec::new();
    }
    let mut prefixes: Vec<String> = Country::all()
        .filter_map(|country| DATABASE.by_id(country.code()))
        .filter(|metadata| metadata.national_prefix() == Some("0"))
        .map(|metadata| format!("+{}{national}", metadata.country_code()))
        .collect();
    prefixes.sort();
    prefixes.dedup();
    prefixes
}

/// R24: a search typed as a whole national number without a trunk prefix,
/// e.g. `"(11) 98666-2514"`, as the E.164 numbers it stands for: one per
/// country where it is a valid number, sorted and without repeats. Empty for
/// anything else (partial numbers are found by [`national_search_prefixes`]
/// or typed internationally).
pub fn national_search_numbers(text: &str) -> Vec<String> {
    let Some(digits) = search_number_digits(text, false) else {
        return Vec::new();
    };
    if digits.starts_with('0') || !(6..=14).contains(&digits.len()) {
        return Vec::new();
    }
    // Each country's pattern of numbers rules out most countries before the
    // full parse.
    let mut numbers: Vec<String> = national_patterns()
        .iter()
        .filter(|(_, lengths, pattern)| {
            (lengths.is_empty() || lengths.contains(&(digits.len() as u16)))
                && pattern.is_match(&digits)
        })
        .map(|(country, _, _)| *country)
        .filter_map(|country| PhoneNumber::parse(&digits, Some(country)).ok())
        .map(|number| number.e164)
        .collect();
    numbers.sort();
    numbers.dedup();
    numbers
}

/// Each country's possible lengths and pattern of national numbers, compiled
/// once: the phone library keeps only 100 compiled patterns, fewer than there
/// are countries, so trying every country through it compiles them anew.
fn national_patterns() -> &'static [(Country, Vec<u16>, regex::Regex)] {
    static PATTERNS: std::sync::OnceLock<Vec<(Country, Vec<u16>, regex::Regex)>> =
        std::sync::OnceLock::new();
    PATTERNS.get_or_init(|| {
        Country::all()
            .filter_map(|country| {
                let general = DATABASE.by_id(country.code())?.descriptors().general();
                // The metadata writes its patterns spread over lines.
                let pattern = format!("^(?:{})$", general.national_number().as_str());
                let pattern = regex::RegexBuilder::new(&pattern)
                    .ignore_whitespace(true)
                    .build()
                    .ok()?;
                Some((country, general.possible_length().to_vec(), pattern))
            })
            .collect()
    })
}
