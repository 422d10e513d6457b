use crate::i18n::{t_string, use_i18n};
use leptos::prelude::*;
use leptos_meta::Title;

/// The document title of a page: the page's own name, then the product's
/// ("Contacts · Contacts", „Kontakte · Kontakte“).
#[component]
pub fn PageTitle(#[prop(into)] text: String) -> impl IntoView {
    let i18n = use_i18n();
    view! { <Title text=format!("{text} · {}", t_string!(i18n, nav.contacts))/> }
}
