use super::*;
use proptest::prelude::*;

fn strings(keys: &[&str]) -> Vec<String> {
    keys.iter().map(|k| (*k).to_owned()).collect()
}

fn default_keys(custom: &[&str]) -> Vec<String> {
    FieldOrder::default_for(&strings(custom)).to_strings()
}

#[test]
fn r18_standard_fields_in_default_order() {
    let keys: Vec<_> = StandardField::DEFAULT_ORDER
        .iter()
        .map(|f| f.key())
        .collect();
    assert_eq!(
        keys,
        [
            "profile",
            "first_name",
            "last_name",
            "country",
            "language",
            "email",
            "phone",
            "assignee",
            "conversation_status"
        ]
    );
}

#[test]
fn r18_standard_fields_types_and_editability() {
    use StandardField::*;
    let table = [
        (
            Profile,
            "Contact profile",
            StandardFieldType::Profile,
            false,
        ),
        (FirstName, "First name", StandardFieldType::Text, true),
        (LastName, "Last name", StandardFieldType::Text, true),
        (Country, "Country", StandardFieldType::Country, true),
        (Language, "Language", StandardFieldType::Language, true),
        (Email, "E-mail address", StandardFieldType::Email, true),
        (Phone, "Phone number", StandardFieldType::Phone, true),
        (Assignee, "Assignee", StandardFieldType::User, true),
        (
            ConversationStatus,
            "Conversation status",
            StandardFieldType::ConversationStatus,
            false,
        ),
    ];
    for (field, label, field_type, editable) in table {
        assert_eq!(field.label(), label);
        assert_eq!(field.field_type(), field_type);
        assert_eq!(field.editable(), editable, "{label}");
        assert_eq!(StandardField::from_key(field.key()), Some(field));
    }
    assert_eq!(StandardField::from_key("nickname"), None);
}

#[test]
fn r18_field_labels_match_the_error_field_names() {
    assert_eq!(
        StandardField::FirstName.label(),
        crate::name::FIRST_NAME_FIELD
    );
    assert_eq!(
        StandardField::LastName.label(),
        crate::name::LAST_NAME_FIELD
    );
    assert_eq!(
        StandardField::Country.label(),
        crate::country::COUNTRY_FIELD
    );
    assert_eq!(
        StandardField::Language.label(),
        crate::language::LANGUAGE_FIELD
    );
    assert_eq!(StandardField::Email.label(), crate::email::EMAIL_FIELD);
    assert_eq!(StandardField::Phone.label(), crate::phone::PHONE_FIELD);
}

#[test]
fn r18_conversation_status_keys_and_labels() {
    assert_eq!(ConversationStatus::Open.key(), "open");
    assert_eq!(ConversationStatus::Blocked.label(), "Blocked");
    assert_eq!(
        serde_json::to_string(&ConversationStatus::Closed).ok(),
        Some(r#""closed""#.to_owned())
    );
}

#[test]
fn r20_default_order_is_standard_then_custom() {
    assert_eq!(
        default_keys(&["tier", "birthday"])[7..],
        strings(&["assignee", "conversation_status", "tier", "birthday"])
    );
}

#[test]
fn r20_field_order_accepts_any_permutation() {
    let custom = strings(&["tier"]);
    let mut keys = default_keys(&["tier"]);
    keys.reverse();
    let order = FieldOrder::parse(keys.clone(), &custom).expect("a permutation");
    assert_eq!(order.to_strings(), keys);
    assert_eq!(order.keys()[0], FieldKey::Custom("tier".to_owned()));
    assert_eq!(
        order.keys()[1],
        FieldKey::Standard(StandardField::ConversationStatus)
    );
}

#[test]
fn r20_field_order_refuses_unknown_entries() {
    let mut keys = default_keys(&[]);
    keys.push("shoe_size".to_owned());
    let error = FieldOrder::parse(keys, &[]).expect_err("unknown");
    assert_eq!(
        error.to_string(),
        "Field order: \"shoe_size\" is not a field of this workspace"
    );
}

#[test]
fn r20_field_order_refuses_repeated_entries() {
    let mut keys = default_keys(&[]);
    keys.push("email".to_owned());
    let error = FieldOrder::parse(keys, &[]).expect_err("repeated");
    assert_eq!(
        error.to_string(),
        "Field order: \"email\" is listed more than once"
    );
}

#[test]
fn r20_field_order_refuses_missing_entries() {
    let custom = strings(&["tier"]);
    let mut keys = default_keys(&["tier"]);
    keys.retain(|k| k != "phone");
    let error = FieldOrder::parse(keys, &custom).expect_err("missing phone");
    assert_eq!(error.to_string(), "Field order: \"phone\" is missing");
    let error = FieldOrder::parse(default_keys(&[]), &custom).expect_err("missing tier");
    assert_eq!(error.to_string(), "Field order: \"tier\" is missing");
}

#[test]
fn r20_a_refused_order_is_worded_in_the_readers_language() {
    let german = |error: FieldOrderError| error.field_error(UiLanguage::German).to_string();
    assert_eq!(
        german(FieldOrderError::Unknown("shoe_size".to_owned())),
        "Reihenfolge der Felder: „shoe_size“ ist kein Feld dieses Arbeitsbereichs"
    );
    assert_eq!(
        german(FieldOrderError::Repeated(FieldKey::Standard(
            StandardField::Email
        ))),
        "Reihenfolge der Felder: „email“ ist mehrfach aufgeführt"
    );
    let missing = FieldOrderError::Missing(FieldKey::Custom("tier".to_owned()));
    assert_eq!(
        missing.field_error(UiLanguage::English),
        FieldError::new(FIELD_ORDER_FIELD, "\"tier\" is missing")
    );
    assert_eq!(german(missing), "Reihenfolge der Felder: „tier“ fehlt");
}

#[test]
fn r20_stored_order_is_reconciled_with_current_custom_fields() {
    let stored = strings(&["email", "gone", "tier", "email", "profile"]);
    let custom = strings(&["tier", "new_one"]);
    let order = FieldOrder::reconcile(&stored, &custom);
    let keys = order.to_strings();
    assert_eq!(keys[..3], strings(&["email", "tier", "profile"]));
    assert_eq!(keys.len(), 11);
    assert_eq!(keys.last().map(String::as_str), Some("new_one"));
    assert!(FieldOrder::parse(keys, &custom).is_ok());
}

#[test]
fn r20_field_order_serializes_as_a_list_of_keys() {
    let order = FieldOrder::default_for(&strings(&["tier"]));
    let json = serde_json::to_string(&order).expect("serializes");
    assert!(json.starts_with(r#"["profile","first_name""#));
    assert!(json.ends_with(r#""conversation_status","tier"]"#));
}

proptest! {
    #[test]
    fn r20_field_order_parse_never_panics(keys in proptest::collection::vec("[a-z_]{0,12}", 0..15)) {
        let _ = FieldOrder::parse(keys.clone(), &strings(&["tier"]));
        let reconciled = FieldOrder::reconcile(&keys, &strings(&["tier"]));
        prop_assert!(FieldOrder::parse(reconciled.to_strings(), &strings(&["tier"])).is_ok());
    }

    #[test]
    fn r20_every_shuffle_round_trips(shuffled in Just(default_keys(&["tier", "vip"])).prop_shuffle()) {
        let custom = strings(&["tier", "vip"]);
        let order = FieldOrder::parse(shuffled.clone(), &custom);
        prop_assert_eq!(order.as_ref().map(FieldOrder::to_strings), Ok(shuffled));
        let again = order.map(|o| FieldOrder::parse(o.to_strings(), &custom));
        prop_assert!(matches!(again, Ok(Ok(_))));
    }
}
