//! Checks that need the phone-number library, which is too large for the
//! first page load. In the browser they run in the `phone-check` wasm
//! module, which is fetched the first time it is needed (its hashed file
//! names are in [`PHONE_CHECK_MANIFEST`], written by
//! `scripts/build-phone-check.sh`); on the server they are plain calls to
//! `shared`. Call `preload_phone_checks` when a phone input gets focus so
//! the user rarely waits.
//!
//! When the module cannot be loaded (the network went away), a check
//! answers "nothing to say" and the server's own check on save decides.

#[cfg(not(feature = "hydrate"))]
use shared::FieldRefusal;
use shared::{CheckedPhone, CustomFieldDefinition, FieldError, UiLanguage};

/// Where the browser finds the names of the phone-check module's files.
pub const PHONE_CHECK_MANIFEST: &str = "/pkg/phone-check.json";

/// Checks a typed phone number; a blank input is `Ok(None)` (no number).
/// `default_region` (an ISO 3166 code) allows national formats; a refusal
/// is worded in `language`.
pub async fn check_phone(
    input: String,
    default_region: Option<String>,
    language: UiLanguage,
) -> Result<Option<CheckedPhone>, FieldError> {
    #[cfg(feature = "hydrate")]
    {
        browser::read(
            browser::check_phone(
                PHONE_CHECK_MANIFEST,
                &input,
                default_region,
                language.code(),
            )
            .await,
        )
    }
    #[cfg(not(feature = "hydrate"))]
    {
        CheckedPhone::check(&input, default_region.as_deref(), language)
    }
}

/// Checks a custom-field value against its definition (phone values need
/// the phone library, so every type goes through here); returns the value
/// as it will be stored, `None` for a cleared field; a refusal is worded in
/// `language`.
pub async fn check_custom_value(
    definition: CustomFieldDefinition,
    input: String,
    default_region: Option<String>,
    language: UiLanguage,
) -> Result<Option<String>, FieldError> {
    #[cfg(feature = "hydrate")]
    {
        let Ok(definition) = serde_json::to_string(&definition) else {
            return Ok(None);
        };
        browser::read(
            browser::check_custom_value(
                PHONE_CHECK_MANIFEST,
                &definition,
                &input,
                default_region,
                language.code(),
            )
            .await,
        )
    }
    #[cfg(not(feature = "hydrate"))]
    {
        shared::CustomFieldValue::check_input(&definition, &input, default_region.as_deref())
            .map_err(|error| error.field_error(language))
    }
}

/// Starts fetching the phone-check module ahead of the first use.
pub fn preload_phone_checks() {
    leptos::task::spawn_local(async {
        let _ = check_phone(String::new(), None, UiLanguage::English).await;
    });
}

#[cfg(feature = "hydrate")]
mod browser {
    use serde::de::DeserializeOwned;
    use shared::FieldError;
    use wasm_bindgen::prelude::*;

    /// The module's JSON answer, or why it could not be asked.
    type Answer = Result<String, String>;

    // One load per page: the manifest names the module's hashed files; the
    // promise is kept, and dropped after a failure so a later check retries.
    #[wasm_bindgen(inline_js = r#"
let loading;
function load(manifest) {
  if (!loading) {
    loading = fetch(manifest)
      .then((answer) => {
        if (!answer.ok) throw new Error(`${manifest}: ${answer.status}`);
        return answer.json();
      })
      .then(async (names) => {
        const module = await import(names.js);
        await module.default({ module_or_path: names.wasm });
        return module;
      });
    loading.catch(() => { loading = undefined; });
  }
  return loading;
}
export async function check_phone(manifest, input, region, language) {
  return (await load(manifest)).check_phone(input, region, language);
}
export async function check_custom_value(manifest, definition, input, region, language) {
  return (await load(manifest)).check_custom_value(definition, input, region, language);
}
"#)]
    extern "C" {
        #[wasm_bindgen(catch, js_name = check_phone)]
        async fn check_phone_js(
            manifest: &str,
            input: &str,
            region: Option<String>,
            language: &str,
        ) -> Result<JsValue, JsValue>;

        #[wasm_bindgen(catch, js_name = check_custom_value)]
        async fn check_custom_value_js(
            manifest: &str,
            definition: &str,
            input: &str,
            region: Option<String>,
            language: &str,
        ) -> Result<JsValue, JsValue>;
    }

    pub async fn check_phone(
        manifest: &str,
        input: &str,
        region: Option<String>,
        language: &str,
    ) -> Answer {
        text(check_phone_js(manifest, input, region, language).await)
    }

    pub async fn check_custom_value(
        manifest: &str,
        definition: &str,
        input: &str,
        region: Option<String>,
        language: &str,
    ) -> Answer {
        text(check_custom_value_js(manifest, definition, input, region, language).await)
    }

    /// The answer read back; `Ok(None)` ("nothing to say") when there is
    /// none, so the server's check on save decides.
    pub fn read<T: DeserializeOwned>(answer: Answer) -> Result<Option<T>, FieldError> {
        match answer {
            Ok(json) => serde_json::from_str(&json).unwrap_or(Ok(None)),
            Err(failure) => {
                leptos::logging::warn!("the phone checks could not be loaded: {failure}");
                Ok(None)
            }
        }
    }

    fn text(answer: Result<JsValue, JsValue>) -> Answer {
        match answer {
            Ok(value) => value.as_string().ok_or_else(|| "no answer".to_owned()),
            Err(error) => Err(error
                .as_string()
                .or_else(|| js_sys::JSON::stringify(&error).ok().map(String::from))
                .unwrap_or_default()),
        }
    }
}
