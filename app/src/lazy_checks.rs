//! Checks that need the phone-number library, which is too large for the
//! first page load. In the browser each function lives in its own chunk,
//! fetched on first use (build with `--split`); on the server it is a plain
//! call. Call `preload_phone_checks` when a phone input gets focus so the
//! user rarely waits.
//!
//! Every `#[lazy]` function here must be called from browser code (at least
//! through `preload_phone_checks`): one that is never called stays in the
//! main bundle and drags the phone library with it.

use leptos::prelude::lazy;
use serde::{Deserialize, Serialize};
use shared::{
    Country, CustomFieldDefinition, CustomFieldType, CustomFieldValue, FieldError, PhoneNumber,
};

/// A phone number as the user typed it, checked by the shared parser.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckedPhone {
    /// What is stored and compared, e.g. `+4930123456`.
    pub e164: String,
    /// For display, e.g. `+49 30 123456`.
    pub international: String,
    /// ISO 3166 alpha-2 code of the number's country, when it has one.
    pub country: Option<String>,
}

/// Checks a typed phone number; a blank input is `Ok(None)` (no number).
/// `default_region` (an ISO 3166 code) allows national formats.
#[lazy]
pub fn check_phone(
    input: String,
    default_region: Option<String>,
) -> Result<Option<CheckedPhone>, FieldError> {
    let region = default_region.and_then(|code| Country::parse(&code).ok());
    Ok(
        PhoneNumber::parse_optional(&input, region)?.map(|phone| CheckedPhone {
            e164: phone.e164().to_string(),
            international: phone.format_international().to_string(),
            country: phone.country().map(|country| country.code().to_string()),
        }),
    )
}

/// Checks a custom-field value against its definition (phone values need
/// the phone library, so every type goes through here); returns the value
/// as it will be stored, `None` for a cleared field.
#[lazy]
pub fn check_custom_value(
    definition: CustomFieldDefinition,
    input: String,
    default_region: Option<String>,
) -> Result<Option<String>, FieldError> {
    let region = default_region.and_then(|code| Country::parse(&code).ok());
    Ok(CustomFieldValue::parse(&definition, &input, region)?.map(|value| value.to_input()))
}

/// Starts fetching the phone checks' chunk ahead of the first use.
pub fn preload_phone_checks() {
    leptos::task::spawn_local(async {
        let _ = check_phone(String::new(), None).await;
        let text = CustomFieldDefinition::new("preload", "Preload", CustomFieldType::Text, vec![]);
        if let Ok(definition) = text {
            let _ = check_custom_value(definition, String::new(), None).await;
        }
    });
}
