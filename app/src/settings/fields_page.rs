//! The "Contact fields" settings page (R19, R20): owners and managers
//! define, rename and delete custom fields and order all contact fields
//! (`field_order`, `new_field`); the drawer follows the saved order.

use super::api::{
    settings_count_field_values, settings_fields_get, SettingsCreateField, SettingsDeleteField,
    SettingsRenameField,
};
use super::field_order::FieldOrderList;
use super::model::{FieldRef, FieldRename};
use super::new_field::NewFieldForm;
use super::page_title;
use crate::auth::Viewer;
use crate::details::browser::focus_id;
use crate::i18n::{t_string, use_i18n};
use crate::layout::PageTitle;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::custom_field::DeleteConsequence;
use shared::permissions::{may, Action, Context, Module};
use shared::CustomFieldDefinition;

/// The page.
#[component]
pub fn ContactFieldsPage() -> impl IntoView {
    let viewer = expect_context::<Viewer>();
    let i18n = use_i18n();
    let create = ServerAction::<SettingsCreateField>::new();
    let edits = FieldEdits::new();
    let settings = Resource::new(
        move || {
            (
                create.version().get(),
                edits.rename.version().get(),
                edits.delete.version().get(),
            )
        },
        |_| settings_fields_get(),
    );
    let context = Context::new(Module::Contacts);
    let may_order = may(viewer.role(), Action::ChangeFieldOrder, &context);
    let may_define = may(viewer.role(), Action::ManageCustomFields, &context);
    view! {
        <PageTitle text=page_title(t_string!(i18n, settings.fields.title))/>
        <h1>{t_string!(i18n, settings.fields.title)}</h1>
        <p class="muted">{t_string!(i18n, settings.fields.intro)}</p>
        <Transition fallback=move || view! { <p class="loading">{t_string!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match settings.await {
                    Ok(settings) => view! {
                        <FieldOrderList settings=settings.clone() editable=may_order/>
                        {may_define.then(|| view! {
                            <CustomFieldList fields=settings.custom_fields.clone() edits/>
                        })}
                    }
                    .into_any(),
                    Err(error) => view! { <p role="alert">{error.to_string()}</p> }.into_any(),
                }
            })}
        </Transition>
        {if may_define {
            view! { <NewFieldForm create settings/> }.into_any()
        } else {
            view! { <p class="muted">{t_string!(i18n, settings.fields.only_managers)}</p> }.into_any()
        }}
    }
    .into_any()
}

/// The renaming and deleting of custom fields. It lives as long as the page,
/// while the list is drawn again after every change.
#[derive(Clone, Copy)]
struct FieldEdits {
    rename: ServerAction<SettingsRenameField>,
    delete: ServerAction<SettingsDeleteField>,
    /// The key of the field whose label is being edited.
    renaming: RwSignal<Option<String>>,
    /// The problem with the label typed.
    rename_error: RwSignal<Option<String>>,
    /// The field about to be deleted and how many contacts hold a value.
    confirming: RwSignal<Option<(CustomFieldDefinition, i64)>>,
    /// What the last change did, or why it failed.
    status: RwSignal<Option<String>>,
    /// The element to focus once the list is drawn again.
    focus_after: RwSignal<Option<String>>,
}

impl FieldEdits {
    fn new() -> Self {
        let i18n = use_i18n();
        let edits = Self {
            rename: ServerAction::new(),
            delete: ServerAction::new(),
            renaming: RwSignal::new(None),
            rename_error: RwSignal::new(None),
            confirming: RwSignal::new(None),
            status: RwSignal::new(None),
            focus_after: RwSignal::new(None),
        };
        Effect::new(move || match edits.rename.value().get() {
            Some(Ok(())) => {
                let key = edits.renaming.get_untracked().unwrap_or_default();
                edits.renaming.set(None);
                edits
                    .status
                    .set(Some(t_string!(i18n, settings.fields.renamed).into()));
                edits.focus_after.set(Some(rename_button_id(&key)));
            }
            Some(Err(error)) => edits.rename_error.set(Some(error.to_string())),
            None => {}
        });
        Effect::new(move || match edits.delete.value().get() {
            Some(Ok(_)) => {
                edits
                    .status
                    .set(Some(t_string!(i18n, settings.fields.deleted).into()));
                edits.focus_after.set(Some(CUSTOM_FIELDS_TITLE.into()));
            }
            Some(Err(error)) => edits.status.set(Some(error.to_string())),
            None => {}
        });
        edits
    }

    fn start_delete(self, definition: CustomFieldDefinition) {
        self.status.set(None);
        spawn_local(async move {
            let request = FieldRef {
                key: definition.key().to_owned(),
            };
            match settings_count_field_values(request).await {
                Ok(count) => {
                    self.confirming.set(Some((definition, count.contacts)));
                    focus_id(DELETE_CANCEL);
                }
                Err(error) => self.status.set(Some(error.to_string())),
            }
        });
    }

    fn cancel_delete(self) {
        if let Some((definition, _)) = self.confirming.get_untracked() {
            focus_id(&delete_button_id(definition.key()));
        }
        self.confirming.set(None);
    }
}

const CUSTOM_FIELDS_TITLE: &str = "custom-fields-title";
const DELETE_CANCEL: &str = "delete-field-cancel";

fn rename_button_id(key: &str) -> String {
    format!("rename-field-{key}")
}

fn delete_button_id(key: &str) -> String {
    format!("delete-field-{key}")
}

#[component]
fn CustomFieldList(fields: Vec<CustomFieldDefinition>, edits: FieldEdits) -> impl IntoView {
    let i18n = use_i18n();
    Effect::new(move || {
        if let Some(id) = edits.focus_after.get_untracked() {
            edits.focus_after.set(None);
            focus_id(&id);
        }
    });
    let all = StoredValue::new(fields.clone());
    let items = fields
        .into_iter()
        .map(|definition| {
            let key = definition.key().to_owned();
            let confirming = key.clone();
            let editing = key;
            view! {
                <li class="custom-field-item">
                    {move || {
                        if edits.renaming.get().as_deref() == Some(editing.as_str()) {
                            view! { <RenameForm definition=definition.clone() all edits/> }.into_any()
                        } else {
                            view! { <FieldSummary definition=definition.clone() edits/> }.into_any()
                        }
                    }}
                    {move || {
                        edits
                            .confirming
                            .get()
                            .filter(|(definition, _)| definition.key() == confirming)
                            .map(|(definition, count)| view! { <DeleteConfirmation definition count edits/> })
                    }}
                </li>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby=CUSTOM_FIELDS_TITLE class="settings-section">
            <h2 id=CUSTOM_FIELDS_TITLE tabindex="-1">{t_string!(i18n, settings.fields.custom_fields)}</h2>
            <ul class="custom-field-list">{items}</ul>
            <p role="status" class="muted">{move || edits.status.get()}</p>
        </section>
    }
    .into_any()
}

#[component]
fn FieldSummary(definition: CustomFieldDefinition, edits: FieldEdits) -> impl IntoView {
    let i18n = use_i18n();
    let label = definition.label().to_owned();
    let key = definition.key().to_owned();
    let rename_key = key.clone();
    view! {
        <span class="custom-field-label">{label.clone()}</span>
        <code class="muted">{key.clone()}</code>
        <span class="muted">{crate::wording::field_type_label(definition.field_type())}</span>
        <button
            type="button"
            class="button"
            id=rename_button_id(&key)
            aria-label=t_string!(i18n, settings.fields.rename_label, label = &label)
            on:click=move |_| {
                edits.status.set(None);
                edits.rename_error.set(None);
                edits.confirming.set(None);
                edits.renaming.set(Some(rename_key.clone()));
                focus_id(&format!("rename-input-{rename_key}"));
            }
        >
            {t_string!(i18n, settings.fields.rename)}
        </button>
        <button
            type="button"
            class="button danger"
            id=delete_button_id(&key)
            aria-label=t_string!(i18n, settings.fields.delete_label, label = &label)
            aria-haspopup="dialog"
            on:click=move |_| edits.start_delete(definition.clone())
        >
            {t_string!(i18n, common.delete)}
        </button>
    }
}

#[component]
fn RenameForm(
    definition: CustomFieldDefinition,
    all: StoredValue<Vec<CustomFieldDefinition>>,
    edits: FieldEdits,
) -> impl IntoView {
    let i18n = use_i18n();
    let key = definition.key().to_owned();
    let input_id = format!("rename-input-{key}");
    let error_id = format!("rename-error-{key}");
    let label = RwSignal::new(definition.label().to_owned());
    let label_text = t_string!(i18n, settings.fields.new_label, label = definition.label());
    let cancel_key = key.clone();
    let cancel = move || {
        edits.renaming.set(None);
        edits.rename_error.set(None);
        focus_id(&rename_button_id(&cancel_key));
    };
    let cancel_on_escape = cancel.clone();
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        match definition.renamed(&label.get_untracked(), &all.get_value()) {
            Ok(renamed) => {
                edits.rename_error.set(None);
                edits.rename.dispatch(SettingsRenameField {
                    edit: FieldRename {
                        key: renamed.key().to_owned(),
                        label: renamed.label().to_owned(),
                    },
                });
            }
            Err(problem) => edits.rename_error.set(Some(problem.to_string())),
        }
    };
    view! {
        <form
            class="rename-field"
            on:submit=submit
            on:keydown=move |event: leptos::ev::KeyboardEvent| {
                if event.key() == "Escape" {
                    event.prevent_default();
                    cancel_on_escape();
                }
            }
        >
            <label for=input_id.clone()>{label_text}</label>
            <input
                id=input_id
                type="text"
                aria-invalid=move || edits.rename_error.get().is_some().then_some("true")
                aria-describedby=error_id.clone()
                prop:value=move || label.get()
                on:input=move |e| label.set(event_target_value(&e))
            />
            <button type="submit" class="button primary" disabled=move || edits.rename.pending().get()>
                {t_string!(i18n, common.save)}
            </button>
            <button type="button" class="button" on:click=move |_| cancel()>{t_string!(i18n, common.cancel)}</button>
            <p class="field-error" id=error_id role="alert">{move || edits.rename_error.get()}</p>
        </form>
    }
}

#[component]
fn DeleteConfirmation(
    definition: CustomFieldDefinition,
    count: i64,
    edits: FieldEdits,
) -> impl IntoView {
    let i18n = use_i18n();
    let key = definition.key().to_owned();
    let question = t_string!(
        i18n,
        settings.fields.delete_question,
        label = definition.label()
    );
    view! {
        <div
            class="confirm"
            role="alertdialog"
            aria-labelledby="delete-field-question"
            aria-describedby="delete-field-consequence"
            on:keydown=move |event: leptos::ev::KeyboardEvent| {
                if event.key() == "Escape" {
                    event.prevent_default();
                    edits.cancel_delete();
                }
            }
        >
            <p id="delete-field-question"><strong>{question}</strong></p>
            <p id="delete-field-consequence">
                {match DeleteConsequence::of(count) {
                    DeleteConsequence::NoValues => t_string!(i18n, settings.fields.consequence_none).to_owned(),
                    DeleteConsequence::OneValue => t_string!(i18n, settings.fields.consequence_single).to_owned(),
                    DeleteConsequence::Values(count) => t_string!(i18n, settings.fields.consequence_plural, count),
                }}
            </p>
            <button
                type="button"
                class="button danger"
                disabled=move || edits.delete.pending().get()
                on:click=move |_| {
                    edits.confirming.set(None);
                    edits.delete.dispatch(SettingsDeleteField { field: FieldRef { key: key.clone() } });
                }
            >
                {t_string!(i18n, settings.fields.delete_field)}
            </button>
            <button type="button" class="button" id=DELETE_CANCEL on:click=move |_| edits.cancel_delete()>
                {t_string!(i18n, common.cancel)}
            </button>
        </div>
    }
}
