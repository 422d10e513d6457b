//! A form that posts to a server function. Until the page is interactive
//! (or with its code off) it is a plain HTML form the server answers with a
//! redirect; once the page runs, a submit sends the server function without
//! leaving the page.
//!
//! Leptos' `ActionForm` does the same by decoding the form as a query string
//! into the server function's arguments; that decoder is a sizeable part of
//! the code every page downloads first, so each form here names how its
//! arguments are read from its fields instead.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::wasm_bindgen::JsCast;
use leptos::web_sys::{FormData, HtmlFormElement};
use server_fn::ServerFn;

/// The fields of a submitted form, by their `name`.
pub struct FormFields(FormData);

impl FormFields {
    /// The field's text; empty when the form has no such field.
    pub fn text(&self, name: &str) -> String {
        self.0.get(name).as_string().unwrap_or_default()
    }

    /// The field's whole number, if it holds one.
    pub fn number(&self, name: &str) -> Option<i64> {
        self.text(name).parse().ok()
    }
}

/// A `<form>` posting to `action`'s server function; `read` builds its
/// arguments from the fields. When `read` finds nothing it can send, the
/// browser posts the form as it is and the server answers it.
#[component]
pub fn ServerForm<S, R>(
    action: ServerAction<S>,
    read: R,
    #[prop(optional)] class: &'static str,
    /// Leaves checking the fields to the page and the server.
    #[prop(optional)]
    novalidate: bool,
    children: Children,
) -> impl IntoView
where
    S: ServerFn + Clone + Send + Sync + 'static,
    S::Output: Send + Sync + 'static,
    S::Error: Send + Sync + 'static,
    R: Fn(&FormFields) -> Option<S> + 'static,
{
    let on_submit = move |event: SubmitEvent| {
        let fields = event
            .target()
            .and_then(|target| target.dyn_into::<HtmlFormElement>().ok())
            .and_then(|form| FormData::new_with_form(&form).ok())
            .map(FormFields);
        if let Some(input) = fields.as_ref().and_then(&read) {
            event.prevent_default();
            action.dispatch(input);
        }
    };
    view! {
        <form
            action=S::url()
            method="post"
            class=(!class.is_empty()).then_some(class)
            novalidate=novalidate
            on:submit=on_submit
        >
            {children()}
        </form>
    }
}
