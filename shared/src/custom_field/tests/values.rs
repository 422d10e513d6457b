//! The values a contact holds, one kind of value per field type.

use super::*;
use proptest::prelude::*;

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
fn r19_a_refused_value_is_worded_in_the_readers_language_under_its_label() {
    let german = |field_type: CustomFieldType, input: &str| {
        parse(field_type, input)
            .map_err(|e| e.field_error(UiLanguage::German).to_string())
            .err()
    };
    assert_eq!(
        german(CustomFieldType::Number, "abc").as_deref(),
        Some("My field: Geben Sie eine Zahl ein, z. B. 42 oder -3.5 (mit Punkt statt Komma)")
    );
    assert_eq!(
        german(CustomFieldType::List, "Platinum").as_deref(),
        Some("My field: wählen Sie eine dieser Optionen: Gold, Silver, Bronze")
    );
    assert_eq!(
        german(CustomFieldType::Date, "2023-02-29").as_deref(),
        Some("My field: ist kein gültiges Kalenderdatum")
    );
    assert_eq!(
        german(CustomFieldType::Email, "ann.example.com").as_deref(),
        Some("My field: das @ fehlt, z. B. name@example.com")
    );
    assert_eq!(
        german(CustomFieldType::Checkbox, "ja").as_deref(),
        Some("My field: muss true oder false sein")
    );
    let wrong_type = CustomFieldValue::Checkbox(true)
        .check(&definition(CustomFieldType::List))
        .expect_err("a list's value");
    assert_eq!(
        wrong_type,
        CustomValueError {
            label: "My field".to_owned(),
            problem: CustomValueProblem::WrongType(CustomFieldType::List),
        }
    );
    assert_eq!(
        wrong_type.field_error(UiLanguage::German).to_string(),
        "My field: muss ein Wert vom Typ „Liste“ sein"
    );
    assert_eq!(
        wrong_type.field_error(UiLanguage::English).to_string(),
        "My field: must be a List value"
    );
}

#[test]
fn r19_list_refusals_show_at_most_ten_options() {
    let options: Vec<String> = (1..=12).map(|i| format!("o{i}")).collect();
    let many =
        CustomFieldDefinition::new("many", "Many", CustomFieldType::List, options).expect("valid");
    let refused = CustomFieldValue::parse(&many, "none", None).expect_err("not an option");
    assert_eq!(
        refused.to_string(),
        "Many: choose one of: o1, o2, o3, o4, o5, o6, o7, o8, o9, o10, …"
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
