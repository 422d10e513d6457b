//! Sending the chosen file to the server as the request body (the browser
//! streams it from disk), and reading the answer.

use super::model::UploadedFile;
use crate::error::AppError;
use crate::i18n::Locale;
use leptos_i18n::I18nContext;

/// Posts the file chosen in `input` with the chosen encoding (`auto`,
/// `utf-8` or `windows-1252`); `i18n` words the error when none is chosen.
#[cfg(feature = "hydrate")]
pub async fn post_file(
    input: leptos::web_sys::HtmlInputElement,
    encoding: String,
    i18n: I18nContext<Locale>,
) -> Result<UploadedFile, AppError> {
    use super::model::UPLOAD_PATH;
    use crate::i18n::tu_string;
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;
    let network = || AppError::Network("the upload did not reach the server".into());
    let file = input
        .files()
        .and_then(|files| files.get(0))
        .ok_or_else(|| {
            AppError::invalid(
                tu_string!(i18n, imports.upload.file_field),
                tu_string!(i18n, imports.upload.choose_file),
            )
        })?;
    let init = web_sys::RequestInit::new();
    init.set_method("POST");
    init.set_body(&file);
    let url = format!(
        "{UPLOAD_PATH}?name={}&encoding={}",
        js_sys::encode_uri_component(&file.name()),
        js_sys::encode_uri_component(&encoding)
    );
    let window = web_sys::window().ok_or_else(network)?;
    let response: web_sys::Response = JsFuture::from(window.fetch_with_str_and_init(&url, &init))
        .await
        .map_err(|_| network())?
        .dyn_into()
        .map_err(|_| network())?;
    let text = JsFuture::from(response.text().map_err(|_| network())?)
        .await
        .map_err(|_| network())?
        .as_string()
        .unwrap_or_default();
    if response.ok() {
        serde_json::from_str(&text).map_err(|_| network())
    } else {
        Err(serde_json::from_str(&text).unwrap_or_else(|_| network()))
    }
}

/// Uploads run in the browser only; the server never renders a click.
#[cfg(not(feature = "hydrate"))]
pub async fn post_file(
    _input: leptos::web_sys::HtmlInputElement,
    _encoding: String,
    _i18n: I18nContext<Locale>,
) -> Result<UploadedFile, AppError> {
    Err(AppError::Internal)
}
