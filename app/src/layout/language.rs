//! The interface language of a page: the server decides it per request (the
//! user's choice, else the browser's `Accept-Language`) and writes it into
//! `<html lang>`; the browser reads it back from there when hydrating, so
//! both render the same words.

use crate::i18n::Locale;
use leptos::prelude::*;
use leptos_i18n::context::init_i18n_subcontext;
use leptos_i18n::I18nContext;
use shared::UiLanguage;

/// The translations' locale of an interface language.
pub fn locale_of(language: UiLanguage) -> Locale {
    match language {
        UiLanguage::English => Locale::en,
        UiLanguage::German => Locale::de,
    }
}

/// The interface language of the page being rendered.
#[cfg(feature = "ssr")]
pub fn page_language() -> UiLanguage {
    use_context::<axum::http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<UiLanguage>().copied())
        .unwrap_or_default()
}

/// The interface language of the page being rendered.
#[cfg(not(feature = "ssr"))]
pub fn page_language() -> UiLanguage {
    document()
        .document_element()
        .and_then(|html| html.get_attribute("lang"))
        .and_then(|tag| UiLanguage::from_tag(&tag))
        .unwrap_or_default()
}

/// Provides the page's language to every `t!` below. The language stays for
/// the page's life: changing it is a new page, rendered by the server in
/// the new language.
pub fn provide_page_language() {
    let locale = locale_of(page_language());
    provide_context(init_i18n_subcontext::<Locale>(Some(Signal::stored(locale))));
}

/// The signed-in user's own choice of language, noted for the server
/// function being answered once its viewer is loaded.
#[cfg(feature = "ssr")]
#[derive(Debug, Clone, Copy)]
pub struct ChosenLanguage(pub UiLanguage);

#[cfg(feature = "ssr")]
tokio::task_local! {
    /// The language of a request answered outside Leptos (the file routes).
    static ANSWER_LANGUAGE: UiLanguage;
}

/// Answers a request handled outside Leptos in `language`: refusals made
/// while `answer` runs are worded in it.
#[cfg(feature = "ssr")]
pub async fn answer_in<F: std::future::Future>(language: UiLanguage, answer: F) -> F::Output {
    ANSWER_LANGUAGE.scope(language, answer).await
}

/// [`answer_in`] for work moved to a blocking thread, which does not see
/// the request's language otherwise: `language` is taken along.
#[cfg(feature = "ssr")]
pub fn answer_in_blocking<R>(language: UiLanguage, work: impl FnOnce() -> R) -> R {
    ANSWER_LANGUAGE.sync_scope(language, work)
}

/// The language the current reader gets words in, for errors and refusals
/// worded outside a view: on the server the user's choice (for a server
/// function, once its viewer is loaded), else the request's language (the
/// page's, else the browser's `Accept-Language`); in the browser the page's.
#[cfg(feature = "ssr")]
pub fn reader_language() -> UiLanguage {
    if let Some(ChosenLanguage(language)) = use_context() {
        return language;
    }
    if let Ok(language) = ANSWER_LANGUAGE.try_with(|language| *language) {
        return language;
    }
    use_context::<axum::http::request::Parts>().map_or_else(UiLanguage::default, |parts| {
        parts
            .extensions
            .get::<UiLanguage>()
            .copied()
            .unwrap_or_else(|| crate::ssr::language_from_headers(&parts.headers, None))
    })
}

/// The language the current reader gets words in: the page's.
#[cfg(not(feature = "ssr"))]
pub fn reader_language() -> UiLanguage {
    page_language()
}

/// The interface language of a translations' locale.
pub fn language_of(locale: Locale) -> UiLanguage {
    match locale {
        Locale::en => UiLanguage::English,
        Locale::de => UiLanguage::German,
    }
}

/// The interface language of the current page, for code that words text
/// outside the translation macros (numbers, dates). English outside a page
/// render (e.g. a model formatted in a test).
pub fn current_language() -> UiLanguage {
    use_context::<I18nContext<Locale>>()
        .map(|i18n| language_of(i18n.get_locale_untracked()))
        .unwrap_or_default()
}
