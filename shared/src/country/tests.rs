use super::*;
use proptest::prelude::*;

#[test]
fn table_is_sorted_unique_and_complete() {
    assert_eq!(COUNTRIES.len(), 250, "249 ISO 3166-1 entries plus XK");
    for pair in COUNTRIES.windows(2) {
        assert!(pair[0].0 < pair[1].0, "{:?} before {:?}", pair[0], pair[1]);
    }
    for (code, english, german) in COUNTRIES {
        assert_eq!(code.len(), 2);
        assert!(code.chars().all(|c| c.is_ascii_uppercase()));
        assert!(!english.is_empty() && !german.is_empty());
    }
}

#[test]
fn r18_countries_are_named_and_parsed_in_both_languages() {
    let germany = Country::parse("DE").expect("known");
    assert_eq!(germany.name_in(UiLanguage::English), "Germany");
    assert_eq!(germany.name_in(UiLanguage::German), "Deutschland");
    for input in ["Deutschland", "deutschland", "Germany"] {
        assert_eq!(Country::parse(input), Ok(germany), "{input}");
    }
    assert_eq!(Country::parse("Österreich").map(Country::code), Ok("AT"));
}

#[test]
fn german_lists_sort_umlauts_with_their_base_letter() {
    let names: Vec<&str> = Country::by_name_in(UiLanguage::German)
        .into_iter()
        .map(|country| country.name_in(UiLanguage::German))
        .collect();
    let position = |name: &str| names.iter().position(|n| *n == name).expect(name);
    assert!(position("Ägypten") < position("Albanien"));
    assert!(position("Oman") < position("Österreich"));
    assert!(position("Österreich") < position("Pakistan"));
    assert_eq!(names.first(), Some(&"Afghanistan"));
}

#[test]
fn r18_country_parses_codes_case_insensitively() {
    for input in ["de", "DE", " De "] {
        let country = Country::parse(input).expect("known code");
        assert_eq!(country.code(), "DE");
        assert_eq!(country.name(), "Germany");
    }
}

#[test]
fn r18_country_parses_english_names() {
    assert_eq!(Country::parse("germany").map(Country::code), Ok("DE"));
    assert_eq!(
        Country::parse("United Kingdom").map(Country::code),
        Ok("GB")
    );
    assert_eq!(Country::parse("côte d'ivoire").map(Country::code), Ok("CI"));
}

#[test]
fn r18_country_refuses_unknown_and_empty() {
    assert_eq!(Country::parse(""), Err(CountryError::Empty));
    assert_eq!(Country::parse("  "), Err(CountryError::Empty));
    assert_eq!(Country::parse("XX"), Err(CountryError::Unknown));
    assert_eq!(Country::parse("Atlantis"), Err(CountryError::Unknown));
    let error = (CountryError::Unknown).field_error(UiLanguage::English);
    assert_eq!(error.field, "Country");
}

#[test]
fn r18_effective_country_prefers_the_hand_set_one() {
    let de = Country::from_code("DE");
    let fr = Country::from_code("FR");
    assert_eq!(effective_country(de, fr), de);
    assert_eq!(effective_country(None, fr), fr);
    assert_eq!(effective_country(None, None), None);
}

#[test]
fn country_serializes_as_its_code_and_validates_on_deserialize() {
    let country = Country::parse("at").expect("known");
    assert_eq!(
        serde_json::to_string(&country).ok(),
        Some(r#""AT""#.to_owned())
    );
    assert_eq!(
        serde_json::from_str::<Country>(r#""at""#).ok(),
        Some(country)
    );
    assert!(serde_json::from_str::<Country>(r#""QQ""#).is_err());
}

#[test]
fn all_lists_every_country_in_code_order() {
    let all: Vec<_> = Country::all().collect();
    assert_eq!(all.len(), COUNTRIES.len());
    assert_eq!(all.first().map(|c| c.code()), Some("AD"));
    assert_eq!(all.last().map(|c| c.code()), Some("ZW"));
}

proptest! {
    #[test]
    fn country_parse_never_panics(input in any::<String>()) {
        let _ = Country::parse(&input);
    }

    #[test]
    fn country_round_trips(index in 0..COUNTRIES.len()) {
        let country = Country::all().nth(index).expect("in range");
        prop_assert_eq!(Country::parse(&country.to_string()), Ok(country));
        prop_assert_eq!(Country::parse(country.name()), Ok(country));
        prop_assert_eq!(Country::parse(&country.code().to_lowercase()), Ok(country));
    }
}

#[test]
fn r18_the_shown_country_prefers_hand_set_then_phone_then_stored() {
    let de = Country::from_code("DE");
    let fr = Country::from_code("FR");
    assert_eq!(shown_country(de, true, fr), de, "set by hand wins");
    assert_eq!(shown_country(None, true, fr), None, "cleared by hand");
    assert_eq!(
        shown_country(de, false, fr),
        fr,
        "the phone's over the stored"
    );
    assert_eq!(shown_country(de, false, None), de, "the stored one last");
}

#[test]
fn r18_an_unknown_country_is_refused_in_the_users_language() {
    let error = Country::parse("Atlantis").expect_err("unknown");
    assert_eq!(
        error.field_error(UiLanguage::English),
        error.field_error(UiLanguage::English)
    );
    assert!(error
        .field_error(UiLanguage::German)
        .to_string()
        .starts_with("Land: ist kein bekanntes Land"));
    assert_eq!(
        CountryError::Empty
            .field_error(UiLanguage::English)
            .to_string(),
        "Country: choose a country"
    );
    assert_eq!(
        CountryError::Empty
            .field_error(UiLanguage::German)
            .to_string(),
        "Land: wählen Sie ein Land"
    );
}

#[test]
fn a_code_by_construction_is_read_as_a_code_only() {
    assert_eq!(Country::parse_code(" de ").map(Country::code), Ok("DE"));
    assert_eq!(Country::parse_code("Germany"), Err(CountryError::Unknown));
    assert_eq!(Country::parse_code("  "), Err(CountryError::Empty));
    assert_eq!(Country::parse("Germany").map(Country::code), Ok("DE"));
}
