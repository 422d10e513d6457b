//! The "New custom field" form of the "Contact fields" page (R19): every
//! problem the shared checks find is shown at its input before the server is
//! asked, and the server's answer names its input the same way.

use super::api::SettingsCreateField;
use super::model::{FieldSettings, NewCustomField};
use crate::details::browser::focus_id;
use crate::error::AppError;
use crate::i18n::{t_string, use_i18n};
use crate::layout::page_language;
use leptos::prelude::*;
use shared::custom_field::{check_new_field, DefinitionInput};
use shared::{CustomFieldType, FieldError, FieldRefusal};

/// The id of the "New custom field" input a refusal names.
fn input_id(input: DefinitionInput) -> &'static str {
    match input {
        DefinitionInput::Label => "new-field-label",
        DefinitionInput::Key => "new-field-key",
        DefinitionInput::Type => "new-field-type",
        DefinitionInput::Options => "new-field-options",
    }
}

fn error_id(input_id: &str) -> String {
    format!("{input_id}-error")
}

/// The form that defines a custom field.
#[component]
pub(super) fn NewFieldForm(
    create: ServerAction<SettingsCreateField>,
    settings: Resource<Result<FieldSettings, AppError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let key = RwSignal::new(String::new());
    let label = RwSignal::new(String::new());
    let field_type = RwSignal::new(CustomFieldType::Text.key().to_owned());
    let options = RwSignal::new(String::new());
    // Every problem found, each naming its input; the server answers with one.
    let problems = RwSignal::new(Vec::<(DefinitionInput, String)>::new());
    let failure = RwSignal::new(None::<String>);
    let created = RwSignal::new(None::<&'static str>);
    Effect::new(move || match create.value().get() {
        Some(Ok(())) => {
            created.set(Some(t_string!(i18n, settings.new_field.created)));
            for input in [key, label, options] {
                input.set(String::new());
            }
        }
        Some(Err(AppError::Invalid { field, message })) => {
            let language = page_language();
            let input = DefinitionInput::ALL
                .into_iter()
                .find(|input| input.name_in(language) == field);
            let problem = FieldError::new(field, message).to_string();
            match input {
                Some(input) => problems.set(vec![(input, problem)]),
                None => failure.set(Some(problem)),
            }
        }
        Some(Err(error)) => failure.set(Some(error.to_string())),
        None => {}
    });
    let problem_of = move |input: DefinitionInput| {
        move || {
            problems.with(|problems| {
                problems
                    .iter()
                    .find(|(at, _)| *at == input)
                    .map(|(_, message)| message.clone())
            })
        }
    };
    let invalid = move |input: DefinitionInput| {
        move || {
            problems
                .with(|problems| problems.iter().any(|(at, _)| *at == input))
                .then_some("true")
        }
    };
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        created.set(None);
        failure.set(None);
        let options: Vec<String> = options
            .get_untracked()
            .lines()
            .map(str::to_owned)
            .filter(|line| !line.trim().is_empty())
            .collect();
        let existing = settings
            .get_untracked()
            .and_then(Result::ok)
            .map(|settings| settings.custom_fields)
            .unwrap_or_default();
        let checked = check_new_field(
            &key.get_untracked(),
            &label.get_untracked(),
            &field_type.get_untracked(),
            options.clone(),
            &existing,
        );
        match checked {
            Ok(_) => {
                problems.set(Vec::new());
                create.dispatch(SettingsCreateField {
                    field: NewCustomField {
                        key: key.get_untracked(),
                        label: label.get_untracked(),
                        field_type: field_type.get_untracked(),
                        options,
                    },
                });
            }
            Err(found) => {
                let language = page_language();
                if let Some(first) = found.first() {
                    focus_id(input_id(first.input()));
                }
                problems.set(
                    found
                        .iter()
                        .map(|error| (error.input(), error.field_error(language).to_string()))
                        .collect(),
                );
            }
        }
    };
    let text_input = move |field: DefinitionInput, text: &'static str, value: RwSignal<String>| {
        let id = input_id(field);
        view! {
            <label for=id>{text}</label>
            <input
                id=id
                type="text"
                aria-invalid=invalid(field)
                aria-describedby=error_id(id)
                prop:value=move || value.get()
                on:input=move |e| value.set(event_target_value(&e))
            />
            <p class="field-error" id=error_id(id) role="alert">{problem_of(field)}</p>
        }
    };
    let type_id = input_id(DefinitionInput::Type);
    let options_id = input_id(DefinitionInput::Options);
    view! {
        <section aria-labelledby="new-field-title" class="settings-section">
            <h2 id="new-field-title">{t_string!(i18n, settings.new_field.title)}</h2>
            <form class="form new-field" novalidate on:submit=submit>
                {text_input(DefinitionInput::Label, t_string!(i18n, settings.new_field.label), label)}
                {text_input(DefinitionInput::Key, t_string!(i18n, settings.new_field.key), key)}
                <label for=type_id>{t_string!(i18n, settings.new_field.field_type)}</label>
                <select
                    id=type_id
                    aria-invalid=invalid(DefinitionInput::Type)
                    aria-describedby=error_id(type_id)
                    on:change=move |e| field_type.set(event_target_value(&e))
                >
                    {CustomFieldType::ALL
                        .into_iter()
                        .map(|t| view! { <option value=t.key() selected=t == CustomFieldType::Text>{crate::wording::field_type_label(t)}</option> })
                        .collect_view()}
                </select>
                <p class="field-error" id=error_id(type_id) role="alert">{problem_of(DefinitionInput::Type)}</p>
                <Show when=move || field_type.get() == CustomFieldType::List.key()>
                    <label for=options_id>{t_string!(i18n, settings.new_field.options)}</label>
                    <textarea
                        id=options_id
                        aria-invalid=invalid(DefinitionInput::Options)
                        aria-describedby=error_id(options_id)
                        prop:value=move || options.get()
                        on:input=move |e| options.set(event_target_value(&e))
                    ></textarea>
                    <p class="field-error" id=error_id(options_id) role="alert">{problem_of(DefinitionInput::Options)}</p>
                </Show>
                <p class="form-error" role="alert">{move || failure.get()}</p>
                <p role="status">{move || created.get()}</p>
                <button type="submit" class="button primary" disabled=move || create.pending().get()>
                    {t_string!(i18n, settings.new_field.create)}
                </button>
            </form>
        </section>
    }
    .into_any()
}
