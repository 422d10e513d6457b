//! The "New custom field" form of the "Contact fields" page (R19): every
//! problem the shared checks find is shown at its input before the server is
//! asked, and the server's answer names its input the same way.

use super::api::SettingsCreateField;
use super::model::{FieldSettings, NewCustomField};
use crate::details::browser::focus_id;
use crate::error::AppError;
use crate::i18n::{t_string, use_i18n};
use leptos::prelude::*;
use shared::custom_field::{check_new_field, KEY_FIELD, LABEL_FIELD, OPTIONS_FIELD, TYPE_FIELD};
use shared::{CustomFieldType, FieldError};

/// The inputs of the "New custom field" form, by the name its errors give
/// them.
const NEW_FIELD_INPUTS: [(&str, &str); 4] = [
    (LABEL_FIELD, "new-field-label"),
    (KEY_FIELD, "new-field-key"),
    (TYPE_FIELD, "new-field-type"),
    (OPTIONS_FIELD, "new-field-options"),
];

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
    let problems = RwSignal::new(Vec::<FieldError>::new());
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
            problems.set(vec![FieldError::new(field, message)]);
        }
        Some(Err(error)) => failure.set(Some(error.to_string())),
        None => {}
    });
    let problem_of = move |field: &'static str| {
        move || {
            problems.with(|problems| {
                problems
                    .iter()
                    .find(|problem| problem.field == field)
                    .map(ToString::to_string)
            })
        }
    };
    let invalid = move |field: &'static str| {
        move || {
            problems
                .with(|problems| problems.iter().any(|problem| problem.field == field))
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
                let first = found.first().and_then(|problem| {
                    NEW_FIELD_INPUTS
                        .iter()
                        .find(|(field, _)| *field == problem.field)
                        .map(|(_, id)| *id)
                });
                problems.set(found);
                if let Some(id) = first {
                    focus_id(id);
                }
            }
        }
    };
    let text_input = move |field: &'static str, text: &'static str, value: RwSignal<String>| {
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
    let type_id = input_id(TYPE_FIELD);
    let options_id = input_id(OPTIONS_FIELD);
    view! {
        <section aria-labelledby="new-field-title" class="settings-section">
            <h2 id="new-field-title">{t_string!(i18n, settings.new_field.title)}</h2>
            <form class="form new-field" novalidate on:submit=submit>
                {text_input(LABEL_FIELD, t_string!(i18n, settings.new_field.label), label)}
                {text_input(KEY_FIELD, t_string!(i18n, settings.new_field.key), key)}
                <label for=type_id>{t_string!(i18n, settings.new_field.field_type)}</label>
                <select
                    id=type_id
                    aria-invalid=invalid(TYPE_FIELD)
                    aria-describedby=error_id(type_id)
                    on:change=move |e| field_type.set(event_target_value(&e))
                >
                    {CustomFieldType::ALL
                        .into_iter()
                        .map(|t| view! { <option value=t.key() selected=t == CustomFieldType::Text>{crate::wording::field_type_label(t)}</option> })
                        .collect_view()}
                </select>
                <p class="field-error" id=error_id(type_id) role="alert">{problem_of(TYPE_FIELD)}</p>
                <Show when=move || field_type.get() == CustomFieldType::List.key()>
                    <label for=options_id>{t_string!(i18n, settings.new_field.options)}</label>
                    <textarea
                        id=options_id
                        aria-invalid=invalid(OPTIONS_FIELD)
                        aria-describedby=error_id(options_id)
                        prop:value=move || options.get()
                        on:input=move |e| options.set(event_target_value(&e))
                    ></textarea>
                    <p class="field-error" id=error_id(options_id) role="alert">{problem_of(OPTIONS_FIELD)}</p>
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

/// The id of the "New custom field" input an error names.
fn input_id(field: &str) -> &'static str {
    NEW_FIELD_INPUTS
        .iter()
        .find(|(name, _)| *name == field)
        .map_or("new-field-label", |(_, id)| *id)
}
