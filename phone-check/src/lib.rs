//! The checks that need the phone-number library, built as a wasm module of
//! their own (`scripts/build-phone-check.sh`). The browser loads it the first
//! time a phone input gets focus (`app/src/lazy_checks.rs`), so no page's
//! first download carries the library, its metadata or its regex tables.
//!
//! Each export takes plain strings and answers `Result<_, FieldError>` as
//! JSON, so the caller reads the answer without the phone library.

use serde::Serialize;
use shared::{
    CheckedPhone, CustomFieldDefinition, CustomFieldValue, FieldError, FieldRefusal, UiLanguage,
};
use wasm_bindgen::prelude::wasm_bindgen;

/// [`CheckedPhone::check`]: a typed number, with an optional ISO region;
/// a refusal is worded in `language` (`"en"`, `"de"`; English otherwise).
#[wasm_bindgen]
pub fn check_phone(input: &str, default_region: Option<String>, language: &str) -> String {
    let language = UiLanguage::from_tag(language).unwrap_or_default();
    answer(&CheckedPhone::check(
        input,
        default_region.as_deref(),
        language,
    ))
}

/// [`CustomFieldValue::check_input`] for a definition given as JSON; a
/// refusal is worded in `language` (`"en"`, `"de"`; English otherwise).
#[wasm_bindgen]
pub fn check_custom_value(
    definition: &str,
    input: &str,
    default_region: Option<String>,
    language: &str,
) -> String {
    let language = UiLanguage::from_tag(language).unwrap_or_default();
    let checked = match serde_json::from_str::<CustomFieldDefinition>(definition) {
        Ok(definition) => {
            CustomFieldValue::check_input(&definition, input, default_region.as_deref())
                .map_err(|error| error.field_error(language))
        }
        // Nothing to say: the server's check on save decides.
        Err(_) => Ok(None),
    };
    answer(&checked)
}

fn answer<T: Serialize>(checked: &Result<T, FieldError>) -> String {
    serde_json::to_string(checked).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use shared::CustomFieldType;

    #[test]
    fn r18_answers_are_json_the_browser_reads_back() {
        let answer: Result<Option<CheckedPhone>, FieldError> =
            serde_json::from_str(&check_phone("030 1234567", Some("DE".into()), "en"))
                .expect("JSON");
        assert_eq!(
            answer.expect("valid").expect("a number").e164,
            "+49301234567"
        );
        let refused: Result<Option<CheckedPhone>, FieldError> =
            serde_json::from_str(&check_phone("12", None, "en")).expect("JSON");
        assert_eq!(refused.expect_err("too short").field, "Phone number");
        let refused: Result<Option<CheckedPhone>, FieldError> =
            serde_json::from_str(&check_phone("12", None, "de")).expect("JSON");
        assert_eq!(refused.expect_err("too short").field, "Telefonnummer");
    }

    #[test]
    fn r19_custom_values_are_checked_against_their_definition() {
        let field = CustomFieldDefinition::new("mobile", "Mobile", CustomFieldType::Phone, vec![])
            .expect("definition");
        let definition = serde_json::to_string(&field).expect("JSON");
        let answer: Result<Option<String>, FieldError> = serde_json::from_str(&check_custom_value(
            &definition,
            "+44 20 7946 0958",
            None,
            "en",
        ))
        .expect("JSON");
        assert_eq!(answer, Ok(Some("+442079460958".into())));
        let refused: Result<Option<String>, FieldError> =
            serde_json::from_str(&check_custom_value(&definition, "nope", None, "de"))
                .expect("JSON");
        let refused = refused.expect_err("not a number");
        assert_eq!(refused.field, "Mobile");
        assert_eq!(
            refused.message,
            shared::phone::PhoneError::InvalidCharacters.message_in(UiLanguage::German)
        );
        let unknown: Result<Option<String>, FieldError> =
            serde_json::from_str(&check_custom_value("{}", "x", None, "en")).expect("JSON");
        assert_eq!(unknown, Ok(None));
    }
}
