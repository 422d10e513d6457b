use super::*;
use crate::text::LabelCharsError;
use proptest::prelude::*;

#[test]
fn r4_name_is_trimmed_and_inner_whitespace_collapsed() {
    let name = PersonName::parse("  Anna  Maria ", " Schmidt ").expect("valid");
    assert_eq!(name.first(), "Anna Maria");
    assert_eq!(name.last(), "Schmidt");
    assert_eq!(name.display_name(), "Anna Maria Schmidt");
}

#[test]
fn r3_display_name_joins_first_and_last() {
    let name = PersonName::parse("Ann", "Smith").expect("valid");
    assert_eq!(name.display_name(), "Ann Smith");
    assert_eq!(name.to_string(), "Ann Smith");
}

#[test]
fn r4_name_accepts_one_part_empty() {
    let only_first = PersonName::parse("Cher", "").expect("valid");
    assert_eq!(only_first.display_name(), "Cher");
    let only_last = PersonName::parse(" ", "Madonna").expect("valid");
    assert_eq!(only_last.display_name(), "Madonna");
}

#[test]
fn r4_name_refuses_both_empty() {
    assert_eq!(PersonName::parse("", ""), Err(NameError::BothEmpty));
    assert_eq!(PersonName::parse("  ", "\u{a0}"), Err(NameError::BothEmpty));
    let error = (NameError::BothEmpty).field_error(UiLanguage::English);
    assert_eq!(
        error.to_string(),
        "First name: enter a first name or a last name"
    );
}

#[test]
fn r4_name_refuses_over_long_parts() {
    let long = "a".repeat(MAX_NAME_LEN + 1);
    assert_eq!(
        PersonName::parse(&long, "x"),
        Err(NameError::TooLong(NamePart::First))
    );
    assert_eq!(
        PersonName::parse("x", &long),
        Err(NameError::TooLong(NamePart::Last))
    );
    let exactly = "ü".repeat(MAX_NAME_LEN);
    assert!(
        PersonName::parse(&exactly, "").is_ok(),
        "limit counts characters, not bytes"
    );
    assert_eq!(
        (NameError::TooLong(NamePart::Last))
            .field_error(UiLanguage::English)
            .to_string(),
        "Last name: is too long (at most 100 characters)"
    );
}

#[test]
fn r4_a_refused_name_is_worded_in_the_readers_language() {
    let german = |error: NameError| error.field_error(UiLanguage::German).to_string();
    assert_eq!(
        NameError::BothEmpty
            .field_error(UiLanguage::English)
            .to_string(),
        "First name: enter a first name or a last name"
    );
    assert_eq!(
        german(NameError::BothEmpty),
        "Vorname: Geben Sie einen Vornamen oder einen Nachnamen ein"
    );
    assert_eq!(
        german(NameError::TooLong(NamePart::Last)),
        "Nachname: ist zu lang (höchstens 100 Zeichen)"
    );
    assert_eq!(
        german(NameError::Characters(
            NamePart::First,
            LabelCharsError::Direction
        )),
        "Vorname: darf keine Steuerzeichen für die Textrichtung enthalten"
    );
}

#[test]
fn r4_name_refuses_control_characters() {
    for bad in [
        "Ann\na",
        "Ann\ta",
        "Ann\u{0}",
        "Ann\u{1b}[31m",
        "Ann\u{2028}a",
        "\r",
    ] {
        assert_eq!(
            PersonName::parse(bad, "Smith"),
            Err(NameError::Characters(
                NamePart::First,
                LabelCharsError::Control
            )),
            "{bad:?}"
        );
        assert_eq!(
            PersonName::parse("Ann", bad),
            Err(NameError::Characters(
                NamePart::Last,
                LabelCharsError::Control
            )),
            "{bad:?}"
        );
    }
    assert_eq!(
        NameError::Characters(NamePart::First, LabelCharsError::Control).to_string(),
        "First name: must not contain line breaks, tabs or other control characters"
    );
}

#[test]
fn r4_name_refuses_invisible_only_and_direction_controls() {
    for invisible in ["\u{200B}", "\u{FEFF}", "\u{200B}\u{FEFF} \u{2060}"] {
        assert_eq!(
            PersonName::parse(invisible, ""),
            Err(NameError::Characters(
                NamePart::First,
                LabelCharsError::NothingVisible
            )),
            "{invisible:?}"
        );
    }
    assert_eq!(
        PersonName::parse("Ann", "\u{202E}htimS"),
        Err(NameError::Characters(
            NamePart::Last,
            LabelCharsError::Direction
        ))
    );
    assert_eq!(
        NameError::Characters(NamePart::First, LabelCharsError::NothingVisible).to_string(),
        "First name: must contain at least one visible character"
    );
}

#[test]
fn r4_name_accepts_real_world_names() {
    for (first, last) in [
        ("José", "García-López"),
        ("Zoë", "O'Brien"),
        ("李", "小龍"),
        ("Nguyễn", "Văn An"),
        ("محمد", "علي"),
        ("Jean-Luc", "d'Artagnan"),
    ] {
        assert!(PersonName::parse(first, last).is_ok(), "{first} {last}");
    }
}

#[test]
fn r4_name_deserializing_validates() {
    let ok: Result<PersonName, _> = serde_json::from_str(r#"{"first":" Ann ","last":""}"#);
    assert_eq!(ok.map(|n| n.display_name()).ok(), Some("Ann".to_owned()));
    let bad: Result<PersonName, _> = serde_json::from_str(r#"{"first":"","last":""}"#);
    assert!(bad.is_err());
}

proptest! {
    #[test]
    fn r4_name_parse_never_panics(first in any::<String>(), last in any::<String>()) {
        let _ = PersonName::parse(&first, &last);
    }

    #[test]
    fn r4_name_round_trips(first in "\\PC{0,120}", last in "\\PC{0,120}") {
        if let Ok(name) = PersonName::parse(&first, &last) {
            prop_assert_eq!(PersonName::parse(name.first(), name.last()), Ok(name.clone()));
            let json = serde_json::to_string(&name).expect("serializes");
            prop_assert_eq!(serde_json::from_str::<PersonName>(&json).ok(), Some(name));
        }
    }
}

#[test]
fn the_phone_or_email_stands_in_only_for_nameless_contacts() {
    assert_eq!(shown_name("Ann", "", "", Some("+4930123"), 7), "Ann");
    assert_eq!(
        shown_name("", "", "Contact Center", Some("+4930123"), 7),
        "Contact Center"
    );
    assert_eq!(
        shown_name(" ", "", "", Some("a@b.example"), 7),
        "a@b.example"
    );
    assert_eq!(shown_name("", "", "", None, 7), "Contact 7");
}
