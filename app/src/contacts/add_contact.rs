//! "Add contact": first and last name, phone, e-mail, country, language,
//! checked by the shared code as the user types and again on the server.
//! A phone number or e-mail address another contact already uses is
//! allowed; the confirmation says it becomes a merge suggestion (R11).
//! "Save contact" closes the dialog and opens the new contact's drawer;
//! "Save and add another" empties the form for the next one.

use super::api::ContactsAdd;
use super::dialog::Dialog;
use super::model::{AddedContact, NewContact};
use super::selection::TableState;
use super::url;
use crate::i18n::{t_string, td_string, use_i18n, Locale};
use crate::layout::Toasts;
use crate::lazy_checks::{check_phone, preload_phone_checks};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;
use shared::{Country, Email, Language, PersonName};

/// The "Add contact" dialog.
#[component]
pub fn AddContactDialog(on_close: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let ui_language = crate::layout::current_language();
    let locale = i18n.get_locale_untracked();
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
    let add_another = StoredValue::new(false);
    let toasts = Toasts::get();
    let navigate = use_navigate();

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
            let answer = check_phone(input, region, ui_language).await;
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
    let save = move |another: bool| {
        if !can_save() {
            return;
        }
        add_another.set_value(another);
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
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        save(false);
    };
    Effect::new(move || {
        let Some(Ok(added)) = add.value().get() else {
            return;
        };
        state.list_version.update(|version| *version += 1);
        toasts.show(added_message(locale, &added));
        if add_another.get_value() {
            for value in [first, last, phone, email, country, language] {
                value.set(String::new());
            }
            phone_state.set(PhoneState::Empty);
            crate::details::browser::focus_id("add-first");
        } else {
            let drawer = url::href(
                &state.query.get_untracked(),
                &state.page.get_untracked(),
                Some(added.id),
            );
            on_close.run(());
            navigate(&drawer, NavigateOptions::default());
        }
    });
    let error = move || match add.value().get() {
        Some(Err(error)) => {
            Some(view! { <p class="form-error" role="alert">{error.to_string()}</p> })
        }
        _ => None,
    };

    view! {
        <Dialog title=t_string!(i18n, contacts.add_contact) id="add-contact-title" on_close=move || on_close.run(())>
            <form class="form add-contact" on:submit=submit novalidate>
                <label for="add-first">{t_string!(i18n, contacts.add.first_name)}</label>
                <input id="add-first" autocomplete="off" aria-describedby="add-name-error"
                    prop:value=first on:input=move |event| first.set(event_target_value(&event))/>
                <label for="add-last">{t_string!(i18n, contacts.add.last_name)}</label>
                <input id="add-last" autocomplete="off" aria-describedby="add-name-error"
                    prop:value=last on:input=move |event| last.set(event_target_value(&event))/>
                <p id="add-name-error" class="form-error">{name_error}</p>
                <label for="add-phone">{t_string!(i18n, contacts.add.phone)}</label>
                <input id="add-phone" type="tel" autocomplete="off" aria-describedby="add-phone-state"
                    on:focus=move |_| preload_phone_checks() prop:value=phone
                    on:input=move |event| { phone.set(event_target_value(&event)); check(); }/>
                <p id="add-phone-state" class=move || phone_state.get().class()>{move || phone_state.get().text(locale)}</p>
                <label for="add-email">{t_string!(i18n, contacts.add.email)}</label>
                <input id="add-email" type="email" autocomplete="off" aria-describedby="add-email-error"
                    prop:value=email on:input=move |event| email.set(event_target_value(&event))/>
                <p id="add-email-error" class="form-error">{email_error}</p>
                <label for="add-country">{t_string!(i18n, contacts.add.country)}</label>
                <select id="add-country" prop:value=country on:change=move |event| { country.set(event_target_value(&event)); check(); }>
                    <option value="">{t_string!(i18n, common.not_set)}</option>
                    {Country::by_name_in(ui_language).into_iter().map(|country| view! {
                        <option value=country.code()>{country.name_in(ui_language)}</option>
                    }).collect_view()}
                </select>
                <label for="add-language">{t_string!(i18n, contacts.add.language)}</label>
                <select id="add-language" prop:value=language on:change=move |event| language.set(event_target_value(&event))>
                    <option value="">{t_string!(i18n, common.not_set)}</option>
                    {Language::by_name_in(ui_language).into_iter().map(|language| view! {
                        <option value=language.tag()>{language.name_in(ui_language)}</option>
                    }).collect_view()}
                </select>
                {error}
                <div class="dialog-buttons">
                    <button type="button" class="button" on:click=move |_| on_close.run(())>{t_string!(i18n, common.close)}</button>
                    <button type="button" class="button" disabled=move || !can_save() on:click=move |_| save(true)>
                        {t_string!(i18n, contacts.add.save_and_add_another)}
                    </button>
                    <button type="submit" class="button primary" disabled=move || !can_save()>{t_string!(i18n, contacts.add.save)}</button>
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
    /// What the line under the input says, in the page's language.
    fn text(&self, locale: Locale) -> String {
        match self {
            PhoneState::Empty => String::new(),
            PhoneState::Checking => td_string!(locale, contacts.add.checking_phone).to_string(),
            PhoneState::Valid(number) => {
                td_string!(locale, contacts.add.saved_as, number).to_string()
            }
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

/// "Lena Müller was added." and, when another contact has the same phone
/// number or e-mail address, that it becomes a merge suggestion; in the
/// page's language.
fn added_message(locale: Locale, added: &AddedContact) -> String {
    let name = &added.display_name;
    match (added.phone_shared, added.email_shared) {
        (true, true) => td_string!(locale, contacts.add.added_both_shared, name).to_string(),
        (true, false) => td_string!(locale, contacts.add.added_phone_shared, name).to_string(),
        (false, true) => td_string!(locale, contacts.add.added_email_shared, name).to_string(),
        (false, false) => td_string!(locale, contacts.add.added, name).to_string(),
    }
}
