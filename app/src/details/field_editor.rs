//! One field edited in place (R18, R19): the value with an "Edit" button;
//! editing shows a control fitting the field's type, checked by the shared
//! rules while typing, saved on Enter or "Save", reverted on Escape or
//! "Cancel". A refused save keeps what the user typed and says why.

use super::api::{details_edit_custom, details_edit_field};
use super::browser::focus_id;
use super::model::{CustomValueEdit, FieldEdit};
use super::state::DrawerState;
use crate::error::AppError;
use crate::i18n::{t_string, use_i18n};
use crate::icons::{Icon, LuCheck, LuPencil};
use crate::layout::current_language;
use crate::lazy_checks::{check_custom_value, check_phone, preload_phone_checks};
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::{
    Country, CustomFieldDefinition, Email, FieldError, FieldRefusal, Language, StandardField,
    UiLanguage,
};

/// The input shown while editing.
#[derive(Debug, Clone, PartialEq)]
pub enum Control {
    /// A one-line input of this HTML type (`text`, `email`, `tel`, `url`,
    /// `number`, `date`).
    Input(&'static str),
    /// A text input searching the options of the `<datalist>` with this id.
    Search(&'static str),
    /// A drop-down of (value, label) pairs.
    Choice(Vec<(String, String)>),
}

/// The shared rule a value is checked with before it is sent.
#[derive(Debug, Clone, PartialEq)]
pub enum Check {
    /// An e-mail address.
    Email,
    /// A country name or code.
    Country,
    /// A language name or tag.
    Language,
    /// A phone number, national formats read in `region`.
    Phone(Option<String>),
    /// A custom field's value.
    Custom(CustomFieldDefinition, Option<String>),
    /// Nothing to check in the browser (e.g. a drop-down of valid choices).
    Nothing,
}

/// Which field a save goes to.
#[derive(Debug, Clone, PartialEq)]
pub enum Target {
    /// A standard field.
    Standard(StandardField),
    /// A custom field, by key.
    Custom(String),
}

impl Target {
    fn id(&self) -> String {
        match self {
            Target::Standard(field) => format!("field-{}", field.key()),
            Target::Custom(key) => format!("custom-{key}"),
        }
    }
}

/// Checks `input` with the shared rules; the phone library is loaded lazily.
async fn check(rule: Check, input: String, language: UiLanguage) -> Result<(), String> {
    let blank = input.trim().is_empty();
    let message = |error: FieldError| error.to_string();
    match rule {
        Check::Email => Email::parse_optional(&input)
            .map(drop)
            .map_err(|e| message(e.field_error(language))),
        Check::Country if !blank => Country::parse(&input)
            .map(drop)
            .map_err(|e| message(e.field_error(language))),
        Check::Language if !blank => Language::parse(&input)
            .map(drop)
            .map_err(|e| message(e.field_error(language))),
        Check::Phone(region) => check_phone(input, region, language)
            .await
            .map(drop)
            .map_err(message),
        Check::Custom(definition, region) => {
            check_custom_value(definition, input, region, language)
                .await
                .map(drop)
                .map_err(message)
        }
        Check::Country | Check::Language | Check::Nothing => Ok(()),
    }
}

/// Sends the value to the server.
pub async fn send(
    state: DrawerState,
    version: i64,
    target: Target,
    value: String,
) -> Result<(), AppError> {
    let contact_id = state.contact_id;
    match target {
        Target::Standard(field) => details_edit_field(FieldEdit {
            contact_id,
            version,
            field,
            value,
        })
        .await
        .map(drop),
        Target::Custom(key) => details_edit_custom(CustomValueEdit {
            contact_id,
            version,
            key,
            value,
        })
        .await
        .map(drop),
    }
}

/// A field shown with its value and edited in place.
#[component]
pub fn FieldEditor(
    /// The field's name as users see it.
    #[prop(into)]
    label: String,
    /// The value as shown, `None` when empty.
    display: Option<String>,
    /// Where the shown value links to (e.g. `tel:`), if anywhere.
    #[prop(default = None)]
    link: Option<String>,
    /// The value the input starts with.
    #[prop(into)]
    initial: String,
    /// The control used while editing.
    control: Control,
    /// The rule the input is checked with.
    rule: Check,
    /// Where the value is saved.
    target: Target,
    /// The contact's version the edit is based on.
    version: i64,
    /// Whether the viewer may edit it.
    editable: bool,
) -> impl IntoView {
    let state = expect_context::<DrawerState>();
    let i18n = use_i18n();
    let language = current_language();
    let editing = RwSignal::new(false);
    let input = RwSignal::new(initial.clone());
    let error = RwSignal::new(None::<String>);
    let saving = RwSignal::new(false);
    let id = target.id();
    let edit_button_id = format!("{id}-edit");
    let error_id = format!("{id}-error");
    let uses_phone_checks = matches!(rule, Check::Phone(_) | Check::Custom(..));
    let rule = StoredValue::new(rule);
    let target = StoredValue::new(target);

    let validate = move |value: String| {
        spawn_local(async move {
            let result = check(rule.get_value(), value.clone(), language).await;
            if input.get_untracked() == value {
                error.set(result.err());
            }
        });
    };
    let focus_after_save = StoredValue::new(edit_button_id.clone());
    let save = move || {
        if saving.get_untracked() {
            return;
        }
        let value = input.get_untracked();
        spawn_local(async move {
            if let Err(message) = check(rule.get_value(), value.clone(), language).await {
                error.set(Some(message));
                return;
            }
            saving.set(true);
            let result = send(state, version, target.get_value(), value).await;
            saving.set(false);
            match result {
                Ok(()) => state.saved_and_focus(
                    t_string!(i18n, details.saved),
                    &focus_after_save.get_value(),
                ),
                Err(failure) => error.set(state.failed(failure)),
            }
        });
    };
    let cancel = {
        let edit_button_id = edit_button_id.clone();
        let initial = initial.clone();
        move || {
            input.set(initial.clone());
            error.set(None);
            editing.set(false);
            focus_id(&edit_button_id);
        }
    };
    let on_keydown = {
        let cancel = cancel.clone();
        move |event: leptos::ev::KeyboardEvent| match event.key().as_str() {
            "Enter" => {
                event.prevent_default();
                save();
            }
            "Escape" => {
                event.prevent_default();
                event.stop_propagation();
                cancel();
            }
            _ => {}
        }
    };
    let on_focus = move |_| {
        if uses_phone_checks {
            preload_phone_checks();
        }
    };
    let on_input = move |event| {
        let value = event_target_value(&event);
        input.set(value.clone());
        validate(value);
    };

    let control_view = {
        let id = id.clone();
        let error_id = error_id.clone();
        move || match control.clone() {
            Control::Choice(options) => view! {
                <select
                    id=id.clone()
                    aria-describedby=error_id.clone()
                    on:change=on_input
                    on:focus=on_focus
                >
                    {options
                        .into_iter()
                        .map(|(value, text)| {
                            let selected = value == input.get_untracked();
                            view! { <option value=value selected=selected>{text}</option> }
                        })
                        .collect_view()}
                </select>
            }
            .into_any(),
            Control::Input(kind) => view! {
                <input
                    id=id.clone()
                    type=kind
                    autocomplete="off"
                    prop:value=move || input.get()
                    aria-invalid=move || error.get().is_some().to_string()
                    aria-describedby=error_id.clone()
                    on:input=on_input
                    on:focus=on_focus
                />
            }
            .into_any(),
            Control::Search(list) => view! {
                <input
                    id=id.clone()
                    type="text"
                    list=list
                    autocomplete="off"
                    prop:value=move || input.get()
                    aria-invalid=move || error.get().is_some().to_string()
                    aria-describedby=error_id.clone()
                    on:input=on_input
                    on:focus=on_focus
                />
            }
            .into_any(),
        }
    };
    let label = StoredValue::new(label);
    let display = StoredValue::new((display, link));
    let shown = move || match display.get_value() {
        (Some(text), Some(href)) => view! { <a href=href>{text}</a> }.into_any(),
        (Some(text), None) => view! { <span>{text}</span> }.into_any(),
        (None, _) => {
            view! { <span class="muted">{t_string!(i18n, common.not_set)}</span> }.into_any()
        }
    };
    let edit_button_id = StoredValue::new(edit_button_id);
    let input_id = StoredValue::new(id.clone());
    let cancel = StoredValue::new(cancel);
    let on_keydown = StoredValue::new(on_keydown);

    view! {
        <div class="field-row" data-field=id.clone()>
            {move || if editing.get() {
                view! {
                    <label class="field-label" for=input_id.get_value()>{label.get_value()}</label>
                    <div class="field-edit" on:keydown=move |event| (on_keydown.get_value())(event)>
                        {control_view.clone()}
                        <button
                            type="button"
                            class="icon-button"
                            aria-label=t_string!(i18n, details.save_field, field = label.get_value()).to_string()
                            disabled=move || saving.get()
                            on:click=move |_| save()
                        >
                            <Icon icon=LuCheck/>
                        </button>
                        <button type="button" class="button" on:click=move |_| (cancel.get_value())()>
                            {t_string!(i18n, common.cancel)}
                        </button>
                    </div>
                    <p class="field-error" id=error_id.clone() role="alert">{move || error.get()}</p>
                }
                .into_any()
            } else {
                view! {
                    <span class="field-label">{label.get_value()}</span>
                    <div class="field-value">
                        {shown()}
                        {editable.then(|| view! {
                            <button
                                type="button"
                                class="icon-button"
                                id=edit_button_id.get_value()
                                aria-label=t_string!(i18n, details.edit_field, field = label.get_value()).to_string()
                                on:click=move |_| {
                                    editing.set(true);
                                    focus_id(&input_id.get_value());
                                }
                            >
                                <Icon icon=LuPencil/>
                            </button>
                        })}
                    </div>
                }
                .into_any()
            }}
        </div>
    }
    .into_any()
}
