//! "Add contact": first and last name, phone, e-mail, country, language,
//! checked by the shared code as the user types and again on the server.
//! A phone number or e-mail address another contact already uses is
//! allowed; the form says it becomes a merge suggestion (R11).

use super::api::ContactsAdd;
use super::dialog::Dialog;
use super::model::{AddedContact, NewContact};
use super::selection::TableState;
use crate::lazy_checks::{check_phone, preload_phone_checks};
use leptos::prelude::*;
use shared::{Country, Email, Language, PersonName};

/// The "Add contact" dialog.
#[component]
pub fn AddContactDialog(on_close: Callback<()>) -> impl IntoView {
    let state = expect_context::<TableState>();
    let first = RwSignal::new(String::new());
    let last = RwSignal::new(String::new());
    let phone = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let country = RwSignal::new(String::new());
    let language = RwSignal::new(String::new());
    let phone_state = RwSignal::new(PhoneState::Empty);
    let phone_version = StoredValue::new(0u64);
    let add = ServerAction::<ContactsAdd>::new();

    let name_error = move || {
        let (first, last) = (first.get(), last.get());
        (!first.is_empty() || !last.is_empty())
            .then(|| {
                PersonName::parse(&first, &last)
                    .err()
                    .map(shared::name::NameError::message)
            })
            .flatten()
    };
    let email_error = move || {
        Email::parse_optional(&email.get())
            .err()
            .map(shared::email::EmailError::message)
    };
    // The phone check lives in a chunk loaded on first use; answers to older
    // input are dropped.
    let check = move || {
        let input = phone.get_untracked();
        let region = Some(country.get_untracked()).filter(|code| !code.is_empty());
        let version = phone_version.get_value() + 1;
        phone_version.set_value(version);
        if input.trim().is_empty() {
            phone_state.set(PhoneState::Empty);
            return;
        }
        phone_state.set(PhoneState::Checking);
        leptos::task::spawn_local(async move {
            let answer = check_phone(input, region).await;
            if phone_version.get_value() == version {
                phone_state.set(match answer {
                    Ok(Some(checked)) => PhoneState::Valid(checked.international),
                    Ok(None) => PhoneState::Empty,
                    Err(error) => PhoneState::Invalid(error.to_string()),
                });
            }
        });
    };
    let can_save = move || {
        (!first.get().trim().is_empty() || !last.get().trim().is_empty())
            && name_error().is_none()
            && email_error().is_none()
            && !matches!(
                phone_state.get(),
                PhoneState::Invalid(_) | PhoneState::Checking
            )
            && !add.pending().get()
    };
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if !can_save() {
            return;
        }
        add.dispatch(ContactsAdd {
            contact: NewContact {
                first_name: first.get_untracked(),
                last_name: last.get_untracked(),
                phone: phone.get_untracked(),
                email: email.get_untracked(),
                country: country.get_untracked(),
                language: language.get_untracked(),
            },
        });
    };
    Effect::new(move || {
        if let Some(Ok(_)) = add.value().get() {
            state.list_version.update(|version| *version += 1);
        }
    });
    let result = move || match add.value().get() {
        Some(Ok(added)) => view! { <Added added/> }.into_any(),
        Some(Err(error)) => {
            view! { <p class="form-error" role="alert">{error.to_string()}</p> }.into_any()
        }
        None => ().into_any(),
    };

    view! {
        <Dialog title="Add contact" id="add-contact-title" on_close=move || on_close.run(())>
            <form class="form add-contact" on:submit=submit novalidate>
                <label for="add-first">"First name"</label>
                <input id="add-first" autocomplete="off" aria-describedby="add-name-error"
                    on:input=move |event| first.set(event_target_value(&event))/>
                <label for="add-last">"Last name"</label>
                <input id="add-last" autocomplete="off" aria-describedby="add-name-error"
                    on:input=move |event| last.set(event_target_value(&event))/>
                <p id="add-name-error" class="form-error">{name_error}</p>
                <label for="add-phone">"Phone number"</label>
                <input id="add-phone" type="tel" autocomplete="off" aria-describedby="add-phone-state"
                    on:focus=move |_| preload_phone_checks()
                    on:input=move |event| { phone.set(event_target_value(&event)); check(); }/>
                <p id="add-phone-state" class=move || phone_state.get().class()>{move || phone_state.get().text()}</p>
                <label for="add-email">"E-mail"</label>
                <input id="add-email" type="email" autocomplete="off" aria-describedby="add-email-error"
                    on:input=move |event| email.set(event_target_value(&event))/>
                <p id="add-email-error" class="form-error">{email_error}</p>
                <label for="add-country">"Country"</label>
                <select id="add-country" on:change=move |event| { country.set(event_target_value(&event)); check(); }>
                    <option value="">"Not set"</option>
                    {Country::all().map(|country| view! {
                        <option value=country.code()>{country.name()}</option>
                    }).collect_view()}
                </select>
                <label for="add-language">"Language"</label>
                <select id="add-language" on:change=move |event| language.set(event_target_value(&event))>
                    <option value="">"Not set"</option>
                    {Language::all().map(|language| view! {
                        <option value=language.tag()>{language.name()}</option>
                    }).collect_view()}
                </select>
                {result}
                <div class="dialog-buttons">
                    <button type="button" class="button" on:click=move |_| on_close.run(())>"Close"</button>
                    <button type="submit" class="button primary" disabled=move || !can_save()>"Save contact"</button>
                </div>
            </form>
        </Dialog>
    }
}

/// What the phone input holds, as far as the check has got.
#[derive(Debug, Clone, PartialEq, Eq)]
enum PhoneState {
    Empty,
    Checking,
    Valid(String),
    Invalid(String),
}

impl PhoneState {
    fn text(&self) -> String {
        match self {
            PhoneState::Empty => String::new(),
            PhoneState::Checking => "Checking…".to_string(),
            PhoneState::Valid(international) => format!("Will be saved as {international}"),
            PhoneState::Invalid(message) => message.clone(),
        }
    }

    fn class(&self) -> &'static str {
        match self {
            PhoneState::Invalid(_) => "form-error",
            _ => "form-hint",
        }
    }
}

#[component]
fn Added(added: AddedContact) -> impl IntoView {
    let shared = match (added.phone_shared, added.email_shared) {
        (true, true) => Some("Another contact already uses this phone number and e-mail address"),
        (true, false) => Some("Another contact already uses this phone number"),
        (false, true) => Some("Another contact already uses this e-mail address"),
        (false, false) => None,
    };
    view! {
        <p class="form-success" role="status">
            {format!("{} was added.", added.display_name)}
            {shared.map(|text| format!(" {text}; it will show up as a merge suggestion."))}
        </p>
    }
}
