use super::*;
use proptest::prelude::*;
use regex::Regex;

fn country(code: &str) -> Option<Country> {
    Country::from_code(code)
}

/// Real-world inputs: `(input, default region, expected E.164 or error)`.
#[allow(clippy::type_complexity)]
fn r18_phone_table() -> Vec<(
    &'static str,
    Option<&'static str>,
    Result<&'static str, PhoneError>,
)> {
    use PhoneError::*;
    vec![
        // International format, any spacing and punctuation.
        ("+49 30 1234567", None, Ok("+49301234567")),
        ("+49301234567", None, Ok("+49301234567")),
        ("+49-30-123-4567", None, Ok("+49301234567")),
        ("+49.30.1234567", None, Ok("+49301234567")),
        ("+49 (30) 1234567", None, Ok("+49301234567")),
        ("+49 (0)30 1234567", None, Ok("+49301234567")),
        ("+49 1512 3456789", None, Ok("+4915123456789")),
        ("  +49 30 1234567  ", None, Ok("+49301234567")),
        ("+1 (650) 253-0000", None, Ok("+16502530000")),
        ("+1 202 555 0143", None, Ok("+12025550143")),
        ("+1 268 464 1234", None, Ok("+12684641234")),
        ("+44 20 7946 0958", None, Ok("+442079460958")),
        ("+44 (0)20 7946 0958", None, Ok("+442079460958")),
        ("+33 6 12 34 56 78", None, Ok("+33612345678")),
        ("+33 (0)6 12 34 56 78", None, Ok("+33612345678")),
        ("+39 06 6982 1234", None, Ok("+390669821234")),
        ("+7 495 123-45-67", None, Ok("+74951234567")),
        ("+86 138 0013 8000", None, Ok("+8613800138000")),
        ("+91 98765 43210", None, Ok("+919876543210")),
        ("+55 11 91234-5678", None, Ok("+5511912345678")),
        ("+52 55 1234 5678", None, Ok("+525512345678")),
        ("+81 3-1234-5678", None, Ok("+81312345678")),
        ("+82 10-1234-5678", None, Ok("+821012345678")),
        ("+971 50 123 4567", None, Ok("+971501234567")),
        ("+61 412 345 678", None, Ok("+61412345678")),
        ("+41 44 668 18 00", None, Ok("+41446681800")),
        ("+43 1 58858", None, Ok("+43158858")),
        ("+31 20 123 4567", None, Ok("+31201234567")),
        ("+34 612 34 56 78", None, Ok("+34612345678")),
        ("+383 44 123 456", None, Ok("+38344123456")),
        ("+800 1234 5678", None, Ok("+80012345678")),
        // `00` international prefix.
        ("0049 30 1234567", None, Ok("+49301234567")),
        ("00 44 20 7946 0958", None, Ok("+442079460958")),
        ("0049 30 1234567", Some("FR"), Ok("+49301234567")),
        // National format with a default region.
        ("030 1234567", Some("DE"), Ok("+49301234567")),
        ("030/1234567", Some("DE"), Ok("+49301234567")),
        ("0151 23456789", Some("DE"), Ok("+4915123456789")),
        ("(650) 253-0000", Some("US"), Ok("+16502530000")),
        ("650.253.0000", Some("US"), Ok("+16502530000")),
        ("011 49 30 1234567", Some("US"), Ok("+49301234567")),
        ("07911 123456", Some("GB"), Ok("+447911123456")),
        ("06 12 34 56 78", Some("FR"), Ok("+33612345678")),
        ("0412 345 678", Some("AU"), Ok("+61412345678")),
        ("06 6982 1234", Some("IT"), Ok("+390669821234")),
        // An international number ignores the default region.
        ("+44 20 7946 0958", Some("DE"), Ok("+442079460958")),
        // Missing country code.
        ("030 1234567", None, Err(MissingCountryCode)),
        ("650 253 0000", None, Err(MissingCountryCode)),
        ("1234567", Some("AQ"), Err(MissingCountryCode)),
        // Wrong country codes.
        ("+999 123456", None, Err(UnknownCountryCode)),
        ("+0 123 456", None, Err(UnknownCountryCode)),
        ("000 123 456", None, Err(UnknownCountryCode)),
        // Invalid lengths.
        ("+49 30", None, Err(TooShort)),
        ("+", None, Err(TooShort)),
        ("+1", None, Err(TooShort)),
        ("12", Some("DE"), Err(TooShort)),
        ("+49 30 12345678901234567", None, Err(TooLong)),
        ("+1 (0) 202 555 0143", None, Err(TooLong)),
        ("+44 20 7946 095", None, Err(NotValid(None))),
        // Numbers that do not exist.
        ("+1 555 555 5555", None, Err(NotValid(country("US")))),
        ("+49 000 0000000", None, Err(NotValid(None))),
        ("+49 30 12", None, Err(NotValid(country("DE")))),
        // Not phone-number characters.
        ("+49 30 1234567 ext 12", None, Err(InvalidCharacters)),
        ("tel:+49-30-1234567", None, Err(InvalidCharacters)),
        ("+49 30 12+34567", None, Err(InvalidCharacters)),
        ("call me", None, Err(InvalidCharacters)),
        ("+49 30 1234567\n", None, Ok("+49301234567")),
        ("+49\t30\u{a0}1234567", None, Ok("+49301234567")),
        // Empty and over-long input.
        ("", None, Err(Empty)),
        ("   ", Some("DE"), Err(Empty)),
        (
            "+49 3 0 1 2 3 4 5 6 7 - - - - - - - - - - -",
            None,
            Err(InputTooLong),
        ),
    ]
}

#[test]
fn r24_phone_searches_in_common_formats_become_e164_digits() {
    let digits = international_search_digits;
    assert_eq!(digits("+49 151 2345").as_deref(), Some("491512345"));
    assert_eq!(digits("0049 (151) 23-45").as_deref(), Some("491512345"));
    assert_eq!(digits("+44 7700.900").as_deref(), Some("447700900"));
    assert_eq!(digits("lena"), None);
    assert_eq!(digits("12"), None);
}

#[test]
fn r24_whole_national_numbers_become_the_e164_numbers_they_are_valid_for() {
    let numbers = national_search_numbers("(11) 98666-2514");
    assert!(
        numbers.contains(&"+5511986662514".to_owned()),
        "Brazil: {numbers:?}"
    );
    assert!(numbers.len() < 10, "only where valid: {numbers:?}");
    assert!(
        numbers.windows(2).all(|w| w[0] < w[1]),
        "sorted, no repeats"
    );
    for other in ["+55 11 98666-2514", "011 98666", "1234", "lena", "(11) x"] {
        assert!(national_search_numbers(other).is_empty(), "{other}");
    }
}

#[test]
fn r24_national_searches_become_e164_prefixes_of_trunk_zero_countries() {
    let prefixes = national_search_prefixes("0151 2345");
    assert!(prefixes.contains(&"+491512345".to_owned()), "Germany");
    assert!(
        prefixes.contains(&"+441512345".to_owned()),
        "United Kingdom"
    );
    assert!(
        !prefixes.iter().any(|p| p.starts_with("+1")),
        "NANP has no trunk 0"
    );
    assert!(
        prefixes.windows(2).all(|w| w[0] < w[1]),
        "sorted, no repeats"
    );
    for other in ["+49 151", "0049 151", "151 2345", "01", "lena", "0151x"] {
        assert!(national_search_prefixes(other).is_empty(), "{other}");
    }
}

#[test]
fn r18_phone_real_world_inputs_table() {
    let table = r18_phone_table();
    assert!(table.len() >= 40);
    let mut failures = Vec::new();
    for (input, region, expected) in table {
        let region = region.and_then(Country::from_code);
        let got = PhoneNumber::parse(input, region);
        let got = got.as_ref().map(PhoneNumber::e164).map_err(|e| *e);
        if got != expected {
            failures.push(format!(
                "{input:?} in {region:?}: expected {expected:?}, got {got:?}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn r18_country_derived_from_phone() {
    let cases = [
        ("+49 30 1234567", Some("DE")),
        ("+1 650 253 0000", Some("US")),
        ("+1 416 555 0123", Some("CA")),
        ("+1 268 464 1234", Some("AG")),
        ("+44 20 7946 0958", Some("GB")),
        ("+39 02 1234 5678", Some("IT")),
        ("+7 701 234 5678", Some("KZ")),
        ("+7 495 123 45 67", Some("RU")),
        ("+383 44 123 456", Some("XK")),
        ("+800 1234 5678", None),
    ];
    for (input, expected) in cases {
        let number = PhoneNumber::parse(input, None).expect(input);
        assert_eq!(number.country().map(Country::code), expected, "{input}");
    }
}

#[test]
fn r18_phone_national_number_uses_the_default_region() {
    let de = country("DE");
    let number = PhoneNumber::parse("030 1234567", de).expect("valid in DE");
    assert_eq!(number.e164(), "+49301234567");
    assert_eq!(number.country(), de);
    assert_eq!(number.format_international(), "+49 30 1234567");
    assert_eq!(number.to_string(), "+49 30 1234567");
}

#[test]
fn r18_phone_missing_country_code_message() {
    let error = PhoneNumber::parse("030 1234567", None).expect_err("no region");
    assert_eq!(
        error.field_error(UiLanguage::English).to_string(),
        "Phone number: include the country code, e.g. +49 30 1234567"
    );
}

#[test]
fn r18_phone_error_messages_name_the_field() {
    let messages = [
        (PhoneError::Empty, "Phone number: enter a phone number"),
        (
            PhoneError::InputTooLong,
            "Phone number: is too long (at most 40 characters)",
        ),
        (
            PhoneError::InvalidCharacters,
            "Phone number: may contain only digits, a leading +, spaces and - . / ( )",
        ),
        (
            PhoneError::UnknownCountryCode,
            "Phone number: does not start with a known country code, e.g. +49 for Germany",
        ),
        (PhoneError::TooShort, "Phone number: has too few digits"),
        (PhoneError::TooLong, "Phone number: has too many digits"),
        (
            PhoneError::NotValid(country("DE")),
            "Phone number: is not a valid phone number for Germany",
        ),
        (
            PhoneError::NotValid(None),
            "Phone number: is not a valid phone number",
        ),
    ];
    for (error, text) in messages {
        assert_eq!(error.to_string(), text);
        assert_eq!(error.field_error(UiLanguage::English).to_string(), text);
    }
}

#[test]
fn r11_phone_numbers_compare_in_e164() {
    let a = PhoneNumber::parse("+49 (0)30 123-4567", None).expect("valid");
    let b = PhoneNumber::parse("030 1234567", country("DE")).expect("valid");
    let c = PhoneNumber::parse("0049301234567", None).expect("valid");
    assert_eq!(a, b);
    assert_eq!(b, c);
}

#[test]
fn r18_blank_phone_clears_the_field() {
    assert_eq!(PhoneNumber::parse_optional(" ", None), Ok(None));
    assert!(matches!(
        PhoneNumber::parse_optional("+49 30 1234567", None),
        Ok(Some(_))
    ));
    assert_eq!(
        PhoneNumber::parse_optional("030 1234567", None),
        Err(PhoneError::MissingCountryCode)
    );
}

#[test]
fn phone_serializes_as_e164_and_validates_on_deserialize() {
    let number = PhoneNumber::parse("+49 30 1234567", None).expect("valid");
    assert_eq!(
        serde_json::to_string(&number).ok(),
        Some(r#""+49301234567""#.to_owned())
    );
    let back: PhoneNumber = serde_json::from_str(r#""+49301234567""#).expect("valid");
    assert_eq!(back, number);
    assert_eq!(back.country(), country("DE"));
    assert!(serde_json::from_str::<PhoneNumber>(r#""030 1234567""#).is_err());
    assert!(serde_json::from_str::<PhoneNumber>(r#""+1 555 555 5555""#).is_err());
}

/// A region's own example number (mobile, else fixed line) in international
/// form, e.g. `"+49 15123456789"`.
fn example_number(country: Country) -> Option<String> {
    let meta = DATABASE.by_id(country.code())?;
    let descriptors = meta.descriptors();
    let example = descriptors
        .mobile()
        .or(descriptors.fixed_line())
        .and_then(|d| d.example())?;
    Some(format!("+{} {example}", meta.country_code()))
}

#[test]
fn r18_example_numbers_of_every_region_parse() {
    let mut parsed = 0;
    for country in Country::all() {
        let Some(input) = example_number(country) else {
            continue;
        };
        let number = PhoneNumber::parse(&input, None);
        assert!(number.is_ok(), "{input} ({country}): {number:?}");
        parsed += 1;
    }
    assert!(parsed > 230, "only {parsed} regions have example numbers");
}

/// Valid numbers of random regions, formatted the way people type them:
/// random separators between digits, `+` or `00` in front.
fn valid_formatted() -> impl Strategy<Value = String> {
    let with_examples: Vec<String> = Country::all().filter_map(example_number).collect();
    (
        proptest::sample::select(with_examples),
        proptest::collection::vec(
            proptest::sample::select(vec!["", " ", "-", ".", "/", " (", ") "]),
            20,
        ),
        any::<bool>(),
    )
        .prop_map(|(number, separators, double_zero)| {
            let digits: String = number.chars().filter(char::is_ascii_digit).collect();
            let mut out = String::from(if double_zero { "00" } else { "+" });
            for (i, digit) in digits.chars().enumerate() {
                out.push(digit);
                out.push_str(separators.get(i).copied().unwrap_or(""));
            }
            out
        })
}

fn e164_shape() -> Regex {
    Regex::new(r"^\+[1-9][0-9]{1,14}$").expect("valid regex")
}

/// Inputs shaped like phone numbers, so the library is reached often.
fn phone_like() -> impl Strategy<Value = String> {
    "(\\+|00)?[0-9 ().\\-/]{0,24}"
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn r18_phone_parse_never_panics(input in any::<String>(), region in 0usize..250) {
        let _ = PhoneNumber::parse(&input, Country::all().nth(region));
        let _ = PhoneNumber::parse(&input, None);
    }

    #[test]
    fn r18_phone_parse_never_panics_on_phone_like_input(input in phone_like(), region in 0usize..250) {
        let _ = PhoneNumber::parse(&input, Country::all().nth(region));
    }

    #[test]
    fn r18_phone_e164_output_matches_the_e164_shape(input in phone_like(), region in 0usize..250) {
        if let Ok(number) = PhoneNumber::parse(&input, Country::all().nth(region)) {
            prop_assert!(e164_shape().is_match(number.e164()), "{}", number.e164());
        }
    }

    #[test]
    fn r18_phone_round_trips(input in valid_formatted()) {
        let parsed = PhoneNumber::parse(&input, None);
        prop_assert!(parsed.is_ok() || parsed == Err(PhoneError::InputTooLong), "{}: {:?}", input, parsed);
        if let Ok(number) = parsed {
            prop_assert!(e164_shape().is_match(number.e164()), "{}", number.e164());
            let again = PhoneNumber::parse(number.e164(), None);
            prop_assert_eq!(again.as_ref(), Ok(&number));
            prop_assert_eq!(again.as_ref().ok().and_then(PhoneNumber::country), number.country());
            let from_display = PhoneNumber::parse(number.format_international(), None);
            prop_assert_eq!(from_display, Ok(number));
        }
    }
}

#[test]
fn a_stored_number_shows_formatted_or_as_stored_never_empty() {
    assert_eq!(
        PhoneNumber::display_stored("+5511986662514"),
        "+55 11 98666-2514"
    );
    assert_eq!(
        PhoneNumber::display_stored("+31612345678"),
        "+31 6 12345678"
    );
    assert_eq!(PhoneNumber::display_stored("+1234"), "+1234");
}

#[test]
fn r18_the_browser_check_answers_what_is_stored_and_shown() {
    let checked = CheckedPhone::check("030 1234567", Some("DE"), UiLanguage::English);
    assert_eq!(
        checked,
        Ok(Some(CheckedPhone {
            e164: "+49301234567".into(),
            international: "+49 30 1234567".into(),
            country: Some("DE".into()),
        }))
    );
    assert_eq!(
        CheckedPhone::check("  ", Some("DE"), UiLanguage::English),
        Ok(None)
    );
    let refused =
        CheckedPhone::check("030 1234567", None, UiLanguage::English).expect_err("no country code");
    assert_eq!(refused.field, PHONE_FIELD);
    // An unknown region is no region: the number must then carry its code.
    assert!(CheckedPhone::check("030 1234567", Some("XX"), UiLanguage::English).is_err());
}

#[test]
fn r18_a_refusal_is_worded_in_the_users_language() {
    let refused =
        CheckedPhone::check("030 1234567", None, UiLanguage::German).expect_err("no country code");
    assert_eq!(
        refused.to_string(),
        "Telefonnummer: geben Sie die Ländervorwahl an, z. B. +49 30 1234567"
    );
    for error in [
        PhoneError::Empty,
        PhoneError::InputTooLong,
        PhoneError::InvalidCharacters,
        PhoneError::MissingCountryCode,
        PhoneError::UnknownCountryCode,
        PhoneError::TooShort,
        PhoneError::TooLong,
        PhoneError::NotValid(None),
        PhoneError::NotValid(Country::parse("DE").ok()),
    ] {
        let english = error.field_error(UiLanguage::English);
        let german = error.field_error(UiLanguage::German);
        assert_eq!(english, error.field_error(UiLanguage::English));
        assert_eq!(english.to_string(), error.to_string());
        assert_ne!(english.message, german.message, "{error:?}");
        assert_eq!(german.field, "Telefonnummer");
    }
    assert_eq!(
        PhoneError::NotValid(country("DE"))
            .field_error(UiLanguage::German)
            .to_string(),
        "Telefonnummer: ist keine gültige Telefonnummer für Deutschland"
    );
    assert_eq!(
        PhoneError::TooShort
            .field_error(UiLanguage::German)
            .to_string(),
        "Telefonnummer: hat zu wenige Ziffern"
    );
}
