use super::*;
use proptest::prelude::*;

#[test]
fn r18_email_accepts_common_addresses() {
    for input in [
        "ann@example.com",
        "ann.smith+newsletter@mail.example.co.uk",
        "o'brien@example.ie",
        "user_name-1@sub.domain.io",
        "jürgen@münchen.de",
        "x@y.zz",
    ] {
        assert!(Email::parse(input).is_ok(), "{input}");
    }
}

#[test]
fn r18_email_is_trimmed() {
    let email = Email::parse("  Ann@Example.com \n").expect("valid");
    assert_eq!(email.as_str(), "Ann@Example.com");
    assert_eq!(email.to_string(), "Ann@Example.com");
}

#[test]
fn r11_email_compares_case_insensitively() {
    let a = Email::parse("Ann.Smith@Example.COM").expect("valid");
    let b = Email::parse(" ann.smith@example.com ").expect("valid");
    assert_eq!(a, b);
    assert_eq!(a.key(), "ann.smith@example.com");
    assert_eq!(a.key(), b.key());
}

#[test]
fn r18_email_refuses_bad_syntax_with_a_clear_message() {
    let cases = [
        ("", EmailError::Empty),
        ("   ", EmailError::Empty),
        ("ann.example.com", EmailError::MissingAt),
        ("@example.com", EmailError::MissingLocalPart),
        ("ann@", EmailError::MissingDomain),
        ("ann@localhost", EmailError::MissingDomain),
        ("ann@example..com", EmailError::InvalidDomain),
        ("Ann <ann@example.com>", EmailError::NotPlainAddress),
        ("\"ann smith\"@example.com", EmailError::NotPlainAddress),
        ("ann@[127.0.0.1]", EmailError::NotPlainAddress),
        ("ann smith@example.com", EmailError::InvalidCharacter),
        ("ann@exa mple.com", EmailError::InvalidCharacter),
        ("ann@@example.com", EmailError::InvalidCharacter),
        ("ann..smith@example.com", EmailError::InvalidCharacter),
        ("ann@-example.com", EmailError::InvalidCharacter),
        (
            &format!("ann@{}.com", "a".repeat(64)),
            EmailError::InvalidDomain,
        ),
        ("ann,bob@example.com", EmailError::InvalidCharacter),
    ];
    for (input, expected) in cases {
        assert_eq!(Email::parse(input), Err(expected), "{input:?}");
    }
    assert_eq!(
        (EmailError::MissingAt)
            .field_error(UiLanguage::English)
            .to_string(),
        "E-mail address: is missing the @, e.g. name@example.com"
    );
}

#[test]
fn r18_email_refuses_over_long_addresses() {
    let local = "a".repeat(65);
    assert_eq!(
        Email::parse(&format!("{local}@example.com")),
        Err(EmailError::LocalPartTooLong)
    );
    let domain = format!("{}.com", vec!["a".repeat(60); 5].join("."));
    assert_eq!(
        Email::parse(&format!("ann@{domain}")),
        Err(EmailError::TooLong)
    );
}

#[test]
fn r18_blank_email_clears_the_field() {
    assert_eq!(Email::parse_optional("  "), Ok(None));
    assert!(matches!(Email::parse_optional("a@b.de"), Ok(Some(_))));
    assert_eq!(Email::parse_optional("nope"), Err(EmailError::MissingAt));
}

#[test]
fn email_serializes_as_the_address_and_validates_on_deserialize() {
    let email = Email::parse("Ann@Example.com").expect("valid");
    assert_eq!(
        serde_json::to_string(&email).ok(),
        Some(r#""Ann@Example.com""#.to_owned())
    );
    assert!(serde_json::from_str::<Email>(r#""not an address""#).is_err());
}

proptest! {
    #[test]
    fn email_parse_never_panics(input in any::<String>()) {
        let _ = Email::parse(&input);
    }

    #[test]
    fn email_parse_never_panics_on_address_like_input(input in "[a-zA-Z0-9.+@\\-_ \"<>\\[\\]]{0,80}") {
        let _ = Email::parse(&input);
    }

    #[test]
    fn email_round_trips(local in "[a-zA-Z0-9][a-zA-Z0-9._+-]{0,20}", domain in "[a-z0-9]{1,10}\\.[a-z]{2,6}") {
        let input = format!("{local}@{domain}");
        if let Ok(email) = Email::parse(&input) {
            let again = Email::parse(email.as_str());
            prop_assert_eq!(again.as_ref().map(Email::as_str), Ok(email.as_str()));
            prop_assert_eq!(Email::parse(&email.as_str().to_uppercase()).ok(), Some(email));
        }
    }
}

#[test]
fn r18_a_refused_address_is_worded_in_the_users_language() {
    let error = Email::parse("ann.example.com").expect_err("no @");
    assert_eq!(
        error.field_error(UiLanguage::English),
        error.field_error(UiLanguage::English)
    );
    assert_eq!(
        error.field_error(UiLanguage::German).to_string(),
        "E-Mail-Adresse: das @ fehlt, z. B. name@example.com"
    );
    assert_eq!(
        EmailError::Empty
            .field_error(UiLanguage::English)
            .to_string(),
        "E-mail address: enter an e-mail address"
    );
    assert_eq!(
        EmailError::Empty
            .field_error(UiLanguage::German)
            .to_string(),
        "E-Mail-Adresse: Geben Sie eine E-Mail-Adresse ein"
    );
}
