//! The top of the drawer (R3, R4): avatar, display name, id and "Edit name".

use super::api::DetailsEditName;
use super::model::{ContactDetails, NameEdit};
use super::state::DrawerState;
use crate::i18n::{t_string, use_i18n};
use crate::icons::{Icon, LuCheck, LuPencil};
use crate::wording::field_label;
use leptos::prelude::*;
use shared::name::NamePart;
use shared::{PersonName, StandardField};

/// Avatar, name and id; the pencil switches to the first/last-name inputs.
#[component]
pub fn ContactHeader(contact: ContactDetails) -> impl IntoView {
    let state = expect_context::<DrawerState>();
    let i18n = use_i18n();
    let editing = RwSignal::new(false);
    let first = RwSignal::new(contact.first_name.clone());
    let last = RwSignal::new(contact.last_name.clone());
    let server_error = RwSignal::new(None::<String>);
    let save = ServerAction::<DetailsEditName>::new();
    let problem = move || PersonName::parse(&first.get(), &last.get()).err();
    let message_for = move |part: NamePart| {
        problem()
            .filter(|error| error.part() == part)
            .map(|error| error.to_string())
    };
    let version = contact.version;
    let submit = move || {
        if problem().is_some() || save.pending().get_untracked() {
            return;
        }
        server_error.set(None);
        save.dispatch(DetailsEditName {
            edit: NameEdit {
                contact_id: state.contact_id,
                version,
                first: first.get_untracked(),
                last: last.get_untracked(),
            },
        });
    };
    Effect::new(move || match save.value().get() {
        Some(Ok(_)) => state.saved_and_focus(t_string!(i18n, details.name_saved), "edit-name"),
        Some(Err(error)) => server_error.set(state.failed(error)),
        None => {}
    });
    let (original_first, original_last) = (contact.first_name.clone(), contact.last_name.clone());
    let cancel = move || {
        first.set(original_first.clone());
        last.set(original_last.clone());
        server_error.set(None);
        editing.set(false);
        super::browser::focus_id("edit-name");
    };
    let cancel = StoredValue::new(cancel);
    let on_keydown = move |event: leptos::ev::KeyboardEvent| match event.key().as_str() {
        "Enter" => {
            event.prevent_default();
            submit();
        }
        "Escape" => {
            event.prevent_default();
            event.stop_propagation();
            (cancel.get_value())();
        }
        _ => {}
    };
    let initials: String = contact
        .display_name()
        .split_whitespace()
        .filter_map(|word| word.chars().next())
        .take(2)
        .collect();
    let name = contact.display_name();
    let name_input = move |part: NamePart, value: RwSignal<String>| {
        let (id, label) = match part {
            NamePart::First => ("name-first", field_label(StandardField::FirstName)),
            NamePart::Last => ("name-last", field_label(StandardField::LastName)),
        };
        let error_id = format!("{id}-error");
        view! {
            <div class="name-input">
                <label for=id>{label}</label>
                <input
                    id=id
                    type="text"
                    autocomplete="off"
                    prop:value=move || value.get()
                    on:input=move |event| value.set(event_target_value(&event))
                    aria-invalid=move || message_for(part).is_some().to_string()
                    aria-describedby=error_id.clone()
                />
                <p class="field-error" id=error_id>{move || message_for(part)}</p>
            </div>
        }
    };

    view! {
        <div class="contact-header">
            <span class="avatar" aria-hidden="true">{initials}</span>
            <div class="contact-title">
                <Show
                    when=move || editing.get()
                    fallback=move || view! {
                        <h2 id="drawer-title" class="contact-name">{name.clone()}</h2>
                    }
                >
                    <h2 id="drawer-title" class="visually-hidden">{t_string!(i18n, details.edit_name)}</h2>
                    <div class="name-form" on:keydown=on_keydown>
                        {name_input(NamePart::First, first)}
                        {name_input(NamePart::Last, last)}
                        <button
                            type="button"
                            class="icon-button"
                            aria-label=t_string!(i18n, details.save_name)
                            disabled=move || save.pending().get()
                            on:click=move |_| submit()
                        >
                            <Icon icon=LuCheck/>
                        </button>
                        <button type="button" class="button" on:click=move |_| (cancel.get_value())()>{t_string!(i18n, common.cancel)}</button>
                        <p class="field-error" role="alert">{move || server_error.get()}</p>
                    </div>
                </Show>
                <p class="contact-id">{t_string!(i18n, details.id)} ": " {contact.id}</p>
                {contact.blocked.then(|| view! { <span class="badge badge-blocked">{t_string!(i18n, details.blocked)}</span> })}
            </div>
            <Show when=move || !editing.get()>
                <button
                    type="button"
                    id="edit-name"
                    class="icon-button"
                    aria-label=t_string!(i18n, details.edit_name)
                    on:click=move |_| {
                        editing.set(true);
                        super::browser::focus_id("name-first");
                    }
                >
                    <Icon icon=LuPencil/>
                </button>
            </Show>
        </div>
    }
    .into_any()
}
