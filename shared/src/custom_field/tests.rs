use super::*;
use crate::country::Country;
use proptest::prelude::*;

fn definition(field_type: CustomFieldType) -> CustomFieldDefinition {
    let options = if field_type == CustomFieldType::List {
        vec!["Gold".to_owned(), "Silver".to_owned(), "Bronze".to_owned()]
    } else {
        Vec::new()
    };
    CustomFieldDefinition::new("field", "My field", field_type, options).expect("valid definition")
}

fn parse(field_type: CustomFieldType, input: &str) -> Result<Option<CustomFieldValue>, FieldError> {
    CustomFieldValue::parse(&definition(field_type), input, Country::from_code("DE"))
}

fn message(field_type: CustomFieldType, input: &str) -> String {
    parse(field_type, input).map_or_else(|e| e.to_string(), |v| format!("accepted {v:?}"))
}

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

#[test]
fn r19_blank_input_clears_any_value() {
    for field_type in CustomFieldType::ALL {
        assert_eq!(parse(field_type, "  "), Ok(None), "{field_type}");
    }
}

#[test]
fn r19_text_values() {
    use CustomFieldType::Text;
    assert_eq!(
        parse(Text, "  hello  "),
        Ok(Some(CustomFieldValue::Text("hello".to_owned())))
    );
    assert_eq!(
        message(Text, "two\nlines"),
        "My field: must be one line, without tabs or other control characters"
    );
    assert!(parse(Text, &"x".repeat(MAX_TEXT_VALUE_LEN)).is_ok());
    assert_eq!(
        message(Text, &"x".repeat(MAX_TEXT_VALUE_LEN + 1)),
        "My field: is too long (at most 500 characters)"
    );
}

#[test]
fn r19_number_values() {
    use CustomFieldType::Number;
    for (input, expected) in [
        ("42", 42.0),
        ("-3.5", -3.5),
        ("+7", 7.0),
        (".5", 0.5),
        ("1e6", 1e6),
        ("0", 0.0),
    ] {
        assert_eq!(
            parse(Number, input),
            Ok(Some(CustomFieldValue::Number(expected))),
            "{input}"
        );
    }
    for input in [
        "abc",
        "1,5",
        "NaN",
        "inf",
        "-infinity",
        "1e400",
        "12 34",
        "0x10",
        "1_000",
    ] {
        assert_eq!(
            message(Number, input),
            "My field: enter a number such as 42 or -3.5",
            "{input}"
        );
    }
}

#[test]
fn r19_date_values() {
    use CustomFieldType::Date;
    assert_eq!(
        parse(Date, "2024-02-29").map(|v| v.map(|v| v.to_input())),
        Ok(Some("2024-02-29".to_owned()))
    );
    assert_eq!(
        message(Date, "2023-02-29"),
        "My field: is not a real calendar date"
    );
    assert_eq!(
        message(Date, "29.02.2024"),
        "My field: enter a date as YYYY-MM-DD, e.g. 2024-02-29"
    );
}

#[test]
fn r19_list_values_must_be_one_of_the_options() {
    use CustomFieldType::List;
    assert_eq!(
        parse(List, " silver "),
        Ok(Some(CustomFieldValue::List("Silver".to_owned())))
    );
    assert_eq!(
        message(List, "Platinum"),
        "My field: choose one of: Gold, Silver, Bronze"
    );
    assert!(parse(List, "Gold, Silver").is_err());
}

#[test]
fn r19_checkbox_values() {
    use CustomFieldType::Checkbox;
    assert_eq!(
        parse(Checkbox, "true"),
        Ok(Some(CustomFieldValue::Checkbox(true)))
    );
    assert_eq!(
        parse(Checkbox, "FALSE"),
        Ok(Some(CustomFieldValue::Checkbox(false)))
    );
    assert_eq!(
        message(Checkbox, "maybe"),
        "My field: must be true or false"
    );
    assert_eq!(CustomFieldValue::Checkbox(true).to_string(), "Yes");
}

#[test]
fn r19_email_values_use_the_email_rules_under_the_field_label() {
    use CustomFieldType::Email;
    assert!(matches!(
        parse(Email, "Ann@Example.com"),
        Ok(Some(CustomFieldValue::Email(_)))
    ));
    assert_eq!(
        message(Email, "ann.example.com"),
        "My field: is missing the @, e.g. name@example.com"
    );
}

#[test]
fn r19_url_values() {
    use CustomFieldType::Url;
    let url = |input: &str| parse(Url, input).map(|v| v.map(|v| v.to_input()));
    assert_eq!(
        url("https://example.com/a?b=c"),
        Ok(Some("https://example.com/a?b=c".to_owned()))
    );
    assert_eq!(
        url("HTTP://Example.com"),
        Ok(Some("http://example.com/".to_owned()))
    );
    assert_eq!(
        url("www.example.com/shop"),
        Ok(Some("https://www.example.com/shop".to_owned()))
    );
    for input in [
        "ftp://example.com",
        "javascript:alert(1)",
        "https://",
        "https://user:pw@example.com",
        "exa mple.com",
        "http://[::1",
    ] {
        assert_eq!(
            message(Url, input),
            "My field: enter a web address such as https://example.com",
            "{input}"
        );
    }
}

#[test]
fn r19_phone_values_use_the_phone_rules_and_default_region() {
    use CustomFieldType::Phone;
    let value = parse(Phone, "030 1234567")
        .expect("valid in DE")
        .expect("not blank");
    assert_eq!(value.to_input(), "+49301234567");
    assert_eq!(value.to_string(), "+49 30 1234567");
    let no_region =
        CustomFieldValue::parse(&definition(Phone), "030 1234567", None).map_err(|e| e.to_string());
    assert_eq!(
        no_region,
        Err("My field: include the country code, e.g. +49 30 1234567".to_owned())
    );
}

#[test]
fn r19_stored_value_is_checked_against_a_changed_definition() {
    let list = definition(CustomFieldType::List);
    assert_eq!(
        CustomFieldValue::List("Gold".to_owned()).check(&list),
        Ok(())
    );
    assert!(CustomFieldValue::List("Platinum".to_owned())
        .check(&list)
        .is_err());
    assert_eq!(
        CustomFieldValue::Number(1.0)
            .check(&list)
            .map_err(|e| e.to_string()),
        Err("My field: must be a List value".to_owned())
    );
}

#[test]
fn r19_values_serialize_with_their_type() {
    let value = CustomFieldValue::Number(42.5);
    let json = serde_json::to_string(&value).expect("serializes");
    assert_eq!(json, r#"{"type":"number","value":42.5}"#);
    assert_eq!(
        serde_json::from_str::<CustomFieldValue>(&json).ok(),
        Some(value)
    );
    let bad_phone = r#"{"type":"phone","value":"12345"}"#;
    assert!(serde_json::from_str::<CustomFieldValue>(bad_phone).is_err());
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

    #[test]
    fn r19_value_parse_never_panics(input in any::<String>(), type_index in 0usize..8) {
        let _ = parse(CustomFieldType::ALL[type_index], &input);
    }

    #[test]
    fn r19_values_round_trip_through_to_input(input in "\\PC{0,30}", type_index in 0usize..8) {
        let field_type = CustomFieldType::ALL[type_index];
        if let Ok(Some(value)) = parse(field_type, &input) {
            prop_assert_eq!(value.field_type(), field_type);
            prop_assert_eq!(parse(field_type, &value.to_input()), Ok(Some(value)));
        }
    }

    #[test]
    fn r19_numbers_round_trip(number in any::<f64>().prop_filter("finite", |n| n.is_finite())) {
        let value = CustomFieldValue::Number(number);
        let text = value.to_input();
        prop_assert!(text.len() <= 40, "{}", text);
        prop_assert_eq!(parse(CustomFieldType::Number, &text), Ok(Some(value)));
    }

    #[test]
    fn r19_urls_round_trip(host in "[a-z]{1,10}\\.[a-z]{2,5}", path in "(/[a-zA-Z0-9_.~-]{0,8}){0,3}") {
        let input = format!("https://{host}{path}");
        let first = parse(CustomFieldType::Url, &input);
        prop_assert!(matches!(first, Ok(Some(_))), "{}: {:?}", input, first);
        if let Ok(Some(value)) = first {
            prop_assert_eq!(parse(CustomFieldType::Url, &value.to_input()), Ok(Some(value)));
        }
    }
}
