//! Field types, definitions, and adding, renaming and deleting a field.

use super::*;
use proptest::prelude::*;

#[test]
fn r19_field_types_have_stable_keys() {
    let keys: Vec<_> = CustomFieldType::ALL.iter().map(|t| t.key()).collect();
    assert_eq!(
        keys,
        ["text", "number", "date", "list", "checkbox", "email", "url", "phone"]
    );
    for field_type in CustomFieldType::ALL {
        assert_eq!(field_type.key().parse(), Ok(field_type));
        let json = serde_json::to_string(&field_type).expect("serializes");
        assert_eq!(json, format!("\"{}\"", field_type.key()));
    }
    assert_eq!("Phone".parse(), Ok(CustomFieldType::Phone));
    assert_eq!("money".parse::<CustomFieldType>(), Err(UnknownFieldType));
}

#[test]
fn r19_definition_checks_key_label_and_options() {
    let list = CustomFieldType::List;
    let new = |key: &str, label: &str, options: &[&str]| {
        let options = options.iter().map(|o| (*o).to_owned()).collect();
        CustomFieldDefinition::new(key, label, list, options).map_err(|e| e.to_string())
    };
    assert!(new("tier", "Tier", &["Gold"]).is_ok());
    assert_eq!(
        new("", "Tier", &["Gold"]),
        Err("Key: enter a key".to_owned())
    );
    assert!(new("Tier", "Tier", &["Gold"]).is_err_and(|e| e.starts_with("Key: use lower-case")));
    assert!(new("1tier", "Tier", &["Gold"]).is_err());
    assert!(new("ti-er", "Tier", &["Gold"]).is_err());
    assert!(new(&"t".repeat(41), "Tier", &["Gold"]).is_err());
    assert_eq!(
        new("email", "Mail", &["Gold"]),
        Err("Key: is already used by a standard field".to_owned())
    );
    assert_eq!(
        new("tier", "  ", &["Gold"]),
        Err("Label: enter a label".to_owned())
    );
    assert!(new("tier", &"L".repeat(61), &["Gold"]).is_err());
    assert_eq!(
        new("tier", "\u{200B}\u{FEFF}", &["Gold"]),
        Err("Label: must contain at least one visible character".to_owned())
    );
    assert_eq!(
        new("tier", "Tier\u{202E}", &["Gold"]),
        Err("Label: must not contain text-direction control characters".to_owned())
    );
    assert_eq!(
        new("tier", "Tier", &["\u{200B}"]),
        Err("Options: an option must contain at least one visible character".to_owned())
    );
    assert!(new("tier", "Ti\ner", &["Gold"]).is_err());
    assert_eq!(
        new("tier", "Tier", &[]),
        Err("Options: a list needs at least one option".to_owned())
    );
    assert_eq!(
        new("tier", "Tier", &["Gold", " "]),
        Err("Options: an option must not be empty".to_owned())
    );
    assert_eq!(
        new("tier", "Tier", &["Gold", "gold "]),
        Err("Options: \"gold\" is listed twice".to_owned())
    );
    let too_many: Vec<String> = (0..=MAX_OPTIONS).map(|i| format!("o{i}")).collect();
    assert!(CustomFieldDefinition::new("tier", "Tier", list, too_many).is_err());
}

#[test]
fn r19_definition_refusals_are_typed() {
    let list = CustomFieldType::List;
    let new = |key: &str, label: &str, options: &[&str]| {
        let options = options.iter().map(|o| (*o).to_owned()).collect();
        CustomFieldDefinition::new(key, label, list, options)
    };
    assert_eq!(
        new("1tier", "Tier", &["Gold"]),
        Err(CustomFieldError::Key(CustomFieldKeyError::Malformed))
    );
    assert_eq!(
        new("tier", "Ti\ner", &["Gold"]),
        Err(CustomFieldError::Label(CustomFieldLabelError::Characters(
            LabelCharsError::Control
        )))
    );
    assert_eq!(
        new("tier", "Tier", &["Gold", "gold "]),
        Err(CustomFieldError::Options(
            CustomFieldOptionsError::Repeated("gold".to_owned())
        ))
    );
}

#[test]
fn r19_definition_refusals_are_worded_in_the_readers_language() {
    let german = |error: CustomFieldError| error.field_error(UiLanguage::German).to_string();
    assert_eq!(
        german(CustomFieldKeyError::Empty.into()),
        "Schlüssel: Geben Sie einen Schlüssel ein"
    );
    assert_eq!(
        german(CustomFieldKeyError::Taken.into()),
        "Schlüssel: wird bereits von einem anderen Feld verwendet"
    );
    assert_eq!(
        german(CustomFieldLabelError::Taken.into()),
        "Bezeichnung: ein anderes Feld hat bereits diese Bezeichnung"
    );
    assert_eq!(
        german(CustomFieldLabelError::TooLong.into()),
        "Bezeichnung: ist zu lang (höchstens 60 Zeichen)"
    );
    assert_eq!(
        german(UnknownFieldType.into()),
        "Typ: muss einer dieser Typen sein: text, number, date, list, checkbox, email, url oder phone"
    );
    assert_eq!(
        german(CustomFieldOptionsError::Missing.into()),
        "Listenoptionen: eine Liste braucht mindestens eine Option"
    );
    assert_eq!(
        german(CustomFieldOptionsError::OptionCharacters(LabelCharsError::NothingVisible).into()),
        "Listenoptionen: eine Option muss mindestens ein sichtbares Zeichen enthalten"
    );
    assert_eq!(
        german(CustomFieldOptionsError::Repeated("Gold".to_owned()).into()),
        "Listenoptionen: „Gold“ ist doppelt aufgeführt"
    );
    let english = CustomFieldError::from(CustomFieldOptionsError::TooMany);
    assert_eq!(
        english.field_error(UiLanguage::English).to_string(),
        "Options: a list can have at most 200 options"
    );
    assert_eq!(
        english.to_string(),
        english.field_error(UiLanguage::English).to_string()
    );
}

#[test]
fn r19_definition_normalizes_and_drops_options_of_other_types() {
    let text = CustomFieldDefinition::new(
        " note ",
        "  Internal   note ",
        CustomFieldType::Text,
        vec!["x".to_owned()],
    )
    .expect("valid");
    assert_eq!(text.key(), "note");
    assert_eq!(text.label(), "Internal note");
    assert!(text.options().is_empty());
}

#[test]
fn r19_definition_key_and_label_are_unique_in_the_workspace() {
    let tier = definition(CustomFieldType::List);
    let other = CustomFieldDefinition::new("other", "MY FIELD", CustomFieldType::Text, vec![])
        .expect("valid");
    let same_key =
        CustomFieldDefinition::new("field", "Else", CustomFieldType::Text, vec![]).expect("valid");
    let existing = vec![tier.clone()];
    assert_eq!(
        check_unique(&other, &existing, false).map_err(|e| e.to_string()),
        Err("Label: another field already has this label".to_owned())
    );
    assert_eq!(
        check_unique(&same_key, &existing, false).map_err(|e| e.to_string()),
        Err("Key: is already used by another field".to_owned())
    );
    assert_eq!(check_unique(&same_key, &existing, true), Ok(()));
    assert_eq!(check_unique(&tier, &existing, true), Ok(()));
}

#[test]
fn r19_definition_deserializing_validates() {
    let ok = r#"{"key":"tier","label":"Tier","field_type":"list","options":["Gold"]}"#;
    assert!(serde_json::from_str::<CustomFieldDefinition>(ok).is_ok());
    let bad = r#"{"key":"tier","label":"Tier","field_type":"list","options":[]}"#;
    assert!(serde_json::from_str::<CustomFieldDefinition>(bad).is_err());
}

proptest! {
    #[test]
    fn r19_definition_parse_never_panics_and_round_trips(
        key in "\\PC{0,45}",
        label in "\\PC{0,65}",
        type_index in 0usize..8,
        options in proptest::collection::vec("\\PC{0,12}", 0..5),
    ) {
        let field_type = CustomFieldType::ALL[type_index];
        let _ = field_type.key().parse::<CustomFieldType>();
        let _ = key.parse::<CustomFieldType>();
        if let Ok(definition) = CustomFieldDefinition::new(&key, &label, field_type, options) {
            let again = CustomFieldDefinition::new(
                definition.key(),
                definition.label(),
                definition.field_type(),
                definition.options().to_vec(),
            );
            prop_assert_eq!(again.as_ref(), Ok(&definition));
            let json = serde_json::to_string(&definition).expect("serializes");
            prop_assert_eq!(serde_json::from_str::<CustomFieldDefinition>(&json).ok(), Some(definition));
        }
    }

    #[test]
    fn r19_list_definitions_round_trip(key in "[a-z][a-z0-9_]{0,20}", options in proptest::collection::vec("[A-Za-z ]{1,12}", 1..6)) {
        if let Ok(definition) = CustomFieldDefinition::new(&key, "List", CustomFieldType::List, options) {
            for option in definition.options() {
                let value = CustomFieldValue::parse(&definition, option, None);
                prop_assert_eq!(value, Ok(Some(CustomFieldValue::List(option.clone()))));
            }
        }
    }
}

#[test]
fn r19_a_new_field_reports_every_problem_each_naming_its_input() {
    let existing = vec![definition(CustomFieldType::Text)];
    let problems = |key: &str, label: &str, field_type: &str, options: &[&str]| {
        let options = options.iter().map(|o| (*o).to_owned()).collect();
        check_new_field(key, label, field_type, options, &existing)
            .map(|definition| definition.key().to_owned())
            .map_err(|errors| errors.iter().map(ToString::to_string).collect::<Vec<_>>())
    };
    assert_eq!(
        problems("", " ", "list", &[]),
        Err(vec![
            "Label: enter a label".to_owned(),
            "Key: enter a key".to_owned(),
            "Options: a list needs at least one option".to_owned(),
        ])
    );
    assert_eq!(
        problems("field", "my FIELD", "colour", &[]),
        Err(vec![
            "Label: another field already has this label".to_owned(),
            "Key: is already used by another field".to_owned(),
            "Type: must be one of text, number, date, list, checkbox, email, url or phone"
                .to_owned(),
        ])
    );
    assert_eq!(
        problems("tier", "Tier", "text", &[""]),
        Ok("tier".to_owned())
    );
    assert_eq!(
        problems("tier", "Tier", "list", &["Gold"]),
        Ok("tier".to_owned())
    );
}

#[test]
fn r19_renaming_checks_the_label_like_a_new_one_and_keeps_the_key() {
    let tier =
        CustomFieldDefinition::new("tier", "Tier", CustomFieldType::Text, vec![]).expect("valid");
    let existing = vec![definition(CustomFieldType::Text), tier.clone()];
    let renamed = tier
        .renamed("  Customer   tier ", &existing)
        .expect("renamed");
    assert_eq!((renamed.key(), renamed.label()), ("tier", "Customer tier"));
    assert_eq!(renamed.field_type(), CustomFieldType::Text);
    assert_eq!(
        tier.renamed("TIER", &existing)
            .map(|d| d.label().to_owned()),
        Ok("TIER".to_owned())
    );
    let refused = |label: &str| tier.renamed(label, &existing).map_err(|e| e.to_string());
    assert_eq!(refused(" "), Err("Label: enter a label".to_owned()));
    assert_eq!(
        refused("My Field"),
        Err("Label: another field already has this label".to_owned())
    );
    assert_eq!(
        refused(&"L".repeat(MAX_LABEL_LEN + 1)),
        Err("Label: is too long (at most 60 characters)".to_owned())
    );
    assert_eq!(
        tier.renamed("my field", &existing),
        Err(CustomFieldLabelError::Taken)
    );
}

#[test]
fn r19_deleting_a_field_says_how_many_contacts_lose_a_value() {
    assert_eq!(DeleteConsequence::of(12), DeleteConsequence::Values(12));
    assert_eq!(DeleteConsequence::of(1), DeleteConsequence::OneValue);
    assert_eq!(DeleteConsequence::of(0), DeleteConsequence::NoValues);
}
