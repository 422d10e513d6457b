use super::*;
use proptest::prelude::*;

fn tag(input: &str) -> Result<String, LanguageError> {
    Language::parse(input).map(Language::tag)
}

#[test]
fn table_is_sorted_unique_and_large_enough() {
    assert!(LANGUAGES.len() >= 60);
    for pair in LANGUAGES.windows(2) {
        assert!(pair[0].0 < pair[1].0, "{:?} before {:?}", pair[0], pair[1]);
    }
}

#[test]
fn r18_languages_are_named_and_parsed_in_both_languages() {
    let german = Language::parse("de").expect("known");
    assert_eq!(german.name_in(UiLanguage::English), "German");
    assert_eq!(german.name_in(UiLanguage::German), "Deutsch");
    assert_eq!(Language::parse("Deutsch"), Ok(german));
    assert_eq!(Language::parse("german"), Ok(german));
    assert_eq!(
        Language::parse("FRANZÖSISCH"),
        Language::parse("fr"),
        "names match in any case, beyond ASCII too"
    );
    let brazilian = Language::parse("pt-BR").expect("known");
    assert_eq!(
        brazilian.name_in(UiLanguage::German),
        "Portugiesisch (Brasilien)"
    );
    let taiwanese = Language::parse("zh-Hant-TW").expect("known");
    assert_eq!(
        taiwanese.name_in(UiLanguage::German),
        "Chinesisch (Traditionell, Taiwan)"
    );
    for (code, english, german) in LANGUAGES {
        assert!(!english.is_empty() && !german.is_empty(), "{code}");
    }
}

#[test]
fn r18_language_parses_primary_codes() {
    assert_eq!(tag("de"), Ok("de".to_owned()));
    assert_eq!(tag(" EN "), Ok("en".to_owned()));
    assert_eq!(tag("fil"), Ok("fil".to_owned()));
    assert_eq!(
        Language::parse("de").map(Language::name),
        Ok("German".to_owned())
    );
}

#[test]
fn r18_language_parses_bcp47_tags_into_canonical_case() {
    assert_eq!(tag("pt-br"), Ok("pt-BR".to_owned()));
    assert_eq!(tag("PT_BR"), Ok("pt-BR".to_owned()));
    assert_eq!(tag("zh-hant-tw"), Ok("zh-Hant-TW".to_owned()));
    assert_eq!(tag("sr-LATN"), Ok("sr-Latn".to_owned()));
    assert_eq!(
        Language::parse("pt-BR").map(Language::name),
        Ok("Portuguese (Brazil)".to_owned())
    );
    assert_eq!(
        Language::parse("zh-Hant-TW").map(Language::name),
        Ok("Chinese (Traditional, Taiwan)".to_owned())
    );
}

#[test]
fn r18_language_parses_english_names() {
    assert_eq!(tag("german"), Ok("de".to_owned()));
    assert_eq!(tag("Norwegian Bokmål"), Ok("nb".to_owned()));
}

#[test]
fn r18_language_refuses_bad_input() {
    assert_eq!(tag(""), Err(LanguageError::Empty));
    assert_eq!(tag("x"), Err(LanguageError::Malformed));
    assert_eq!(tag("qq"), Err(LanguageError::UnknownLanguage));
    assert_eq!(tag("en-QQ"), Err(LanguageError::UnknownRegion));
    assert_eq!(tag("zh-Qaaa"), Err(LanguageError::UnknownScript));
    assert_eq!(tag("en-US-x-private"), Err(LanguageError::Malformed));
    assert_eq!(tag("en-419"), Err(LanguageError::Malformed));
    assert_eq!(tag("e1"), Err(LanguageError::Malformed));
    let error = (LanguageError::UnknownLanguage).field_error(UiLanguage::English);
    assert_eq!(error.to_string(), "Language: is not a known language code");
}

#[test]
fn r18_language_from_browser_accept_language_header() {
    let pick = |header: &str| Language::from_accept_language(header).map(Language::tag);
    assert_eq!(pick("de-DE,de;q=0.9,en;q=0.8"), Some("de-DE".to_owned()));
    assert_eq!(pick("en;q=0.5, fr-CH, fr;q=0.9"), Some("fr-CH".to_owned()));
    assert_eq!(pick("*;q=1, xx, es;q=0.1"), Some("es".to_owned()));
    assert_eq!(pick("en;q=0"), None);
    assert_eq!(pick("en;q=2"), None);
    assert_eq!(pick(""), None);
}

#[test]
fn language_serializes_as_its_tag() {
    let language = Language::parse("pt_br").expect("valid");
    assert_eq!(
        serde_json::to_string(&language).ok(),
        Some(r#""pt-BR""#.to_owned())
    );
    assert_eq!(
        serde_json::from_str::<Language>(r#""pt-br""#).ok(),
        Some(language)
    );
    assert!(serde_json::from_str::<Language>(r#""klingon""#).is_err());
}

proptest! {
    #[test]
    fn language_parse_never_panics(input in any::<String>()) {
        let _ = Language::parse(&input);
        let _ = Language::from_accept_language(&input);
    }

    #[test]
    fn language_tags_round_trip(input in "[a-zA-Z]{2,3}([-_][a-zA-Z]{4})?([-_][a-zA-Z]{2})?") {
        if let Ok(language) = Language::parse(&input) {
            prop_assert_eq!(Language::parse(&language.tag()), Ok(language));
            prop_assert_eq!(Language::parse(&language.name()).is_ok(), language.script().is_none() && language.region().is_none());
        }
    }

    #[test]
    fn every_known_language_round_trips(index in 0..LANGUAGES.len()) {
        let language = Language::all().nth(index).expect("in range");
        prop_assert_eq!(Language::parse(&language.tag()), Ok(language));
        prop_assert_eq!(Language::parse(&language.name()), Ok(language));
    }
}

#[test]
fn r18_an_unknown_language_is_refused_in_the_users_language() {
    let error = Language::parse("xx").expect_err("unknown");
    assert_eq!(
        error.field_error(UiLanguage::English),
        error.field_error(UiLanguage::English)
    );
    assert_eq!(
        error.field_error(UiLanguage::German).to_string(),
        "Sprache: ist kein bekannter Sprachcode"
    );
    assert_eq!(
        LanguageError::Malformed
            .field_error(UiLanguage::English)
            .to_string(),
        "Language: use a language code such as en or pt-BR"
    );
    assert_eq!(
        LanguageError::Empty.field_error(UiLanguage::German).message,
        "wählen Sie eine Sprache"
    );
}

#[test]
fn a_stored_tag_is_read_as_a_tag_only() {
    assert_eq!(
        Language::parse_tag(" pt-BR ").map(Language::tag),
        Ok("pt-BR".to_string())
    );
    assert!(Language::parse_tag("Deutsch").is_err());
    assert_eq!(Language::parse_tag(""), Err(LanguageError::Empty));
    assert_eq!(
        Language::parse("Deutsch").map(Language::tag),
        Ok("de".to_string())
    );
}
