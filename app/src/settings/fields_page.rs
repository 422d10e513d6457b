//! The "Contact fields" settings page (R19, R20): owners and managers
//! define custom fields and order all contact fields, by drag and drop or
//! with "Move up" / "Move down"; the drawer follows the saved order.

use super::api::{settings_fields_get, SettingsCreateField, SettingsSaveOrder};
use super::model::{FieldOrderEdit, FieldSettings, NewCustomField};
use crate::auth::Viewer;
use leptos::prelude::*;
use leptos_meta::Title;
use shared::permissions::{may, Action, Context, Module};
use shared::{CustomFieldType, FieldKey};

/// The page.
#[component]
pub fn ContactFieldsPage() -> impl IntoView {
    let viewer = expect_context::<Viewer>();
    let create = ServerAction::<SettingsCreateField>::new();
    let settings = Resource::new(move || create.version().get(), |_| settings_fields_get());
    let context = Context::new(Module::Contacts);
    let may_order = may(viewer.role(), Action::ChangeFieldOrder, &context);
    let may_define = may(viewer.role(), Action::ManageCustomFields, &context);
    view! {
        <Title text="Contact fields · Settings · Contacts"/>
        <h1>"Contact fields"</h1>
        <p class="muted">"The fields every contact has, in the order the contact details show them."</p>
        <Transition fallback=|| view! { <p class="loading">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match settings.await {
                    Ok(settings) => view! {
                        <FieldOrderList settings=settings.clone() editable=may_order/>
                    }
                    .into_any(),
                    Err(error) => view! { <p role="alert">{error.to_string()}</p> }.into_any(),
                }
            })}
        </Transition>
        {if may_define {
            view! { <NewFieldForm create/> }.into_any()
        } else {
            view! { <p class="muted">"Only owners and managers can change contact fields."</p> }.into_any()
        }}
    }
    .into_any()
}

fn label_of(key: &str, settings: &FieldSettings) -> String {
    match FieldKey::from(key.to_owned()) {
        FieldKey::Standard(field) => field.label().to_owned(),
        FieldKey::Custom(key) => settings
            .custom_fields
            .iter()
            .find(|d| d.key() == key)
            .map(|d| d.label().to_owned())
            .unwrap_or(key),
    }
}

#[component]
fn FieldOrderList(settings: FieldSettings, editable: bool) -> impl IntoView {
    let order = RwSignal::new(settings.order.clone());
    let dragged = RwSignal::new(None::<usize>);
    let status = RwSignal::new(None::<String>);
    let save = ServerAction::<SettingsSaveOrder>::new();
    Effect::new(move || match save.value().get() {
        Some(Ok(())) => status.set(Some("Field order saved.".into())),
        Some(Err(error)) => status.set(Some(error.to_string())),
        None => {}
    });
    let settings = StoredValue::new(settings);
    let move_item = move |from: usize, to: usize| {
        order.update(|keys| {
            if from < keys.len() && to < keys.len() {
                let key = keys.remove(from);
                keys.insert(to, key);
            }
        });
        let keys = order.get_untracked();
        if let Some(key) = keys.get(to) {
            let label = label_of(key, &settings.get_value());
            status.set(Some(format!(
                "{label} moved to position {} of {}.",
                to + 1,
                keys.len()
            )));
        }
    };
    let rows = move || {
        let keys = order.get();
        let count = keys.len();
        keys.into_iter()
            .enumerate()
            .map(|(index, key)| {
                let label = label_of(&key, &settings.get_value());
                view! {
                    <li
                        class="order-item"
                        draggable=editable.then_some("true")
                        on:dragstart=move |_| dragged.set(Some(index))
                        on:dragover=move |event: leptos::ev::DragEvent| event.prevent_default()
                        on:drop=move |event: leptos::ev::DragEvent| {
                            event.prevent_default();
                            if let Some(from) = dragged.get_untracked() {
                                move_item(from, index);
                            }
                            dragged.set(None);
                        }
                    >
                        <span class="drag-handle" aria-hidden="true">"⠿"</span>
                        <span class="order-label">{label.clone()}</span>
                        {editable.then(|| view! {
                            <button
                                type="button"
                                class="button"
                                aria-label=format!("Move up {label}")
                                disabled=index == 0
                                on:click=move |_| move_item(index, index.saturating_sub(1))
                            >
                                "Move up"
                            </button>
                            <button
                                type="button"
                                class="button"
                                aria-label=format!("Move down {label}")
                                disabled=index + 1 == count
                                on:click=move |_| move_item(index, index + 1)
                            >
                                "Move down"
                            </button>
                        })}
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <section aria-labelledby="order-title" class="settings-section">
            <h2 id="order-title">"Field order"</h2>
            <ol class="order-list">{rows}</ol>
            <p role="status" class="muted">{move || status.get()}</p>
            {editable.then(|| view! {
                <button
                    type="button"
                    class="button primary"
                    disabled=move || save.pending().get()
                    on:click=move |_| {
                        save.dispatch(SettingsSaveOrder { edit: FieldOrderEdit { keys: order.get_untracked() } });
                    }
                >
                    "Save order"
                </button>
            })}
        </section>
    }
    .into_any()
}

#[component]
fn NewFieldForm(create: ServerAction<SettingsCreateField>) -> impl IntoView {
    let key = RwSignal::new(String::new());
    let label = RwSignal::new(String::new());
    let field_type = RwSignal::new("text".to_owned());
    let options = RwSignal::new(String::new());
    let result = move || match create.value().get() {
        Some(Ok(())) => Some("Field created.".to_owned()),
        Some(Err(error)) => Some(error.to_string()),
        None => None,
    };
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let options = options
            .get_untracked()
            .lines()
            .map(str::to_owned)
            .filter(|line| !line.trim().is_empty())
            .collect();
        create.dispatch(SettingsCreateField {
            field: NewCustomField {
                key: key.get_untracked(),
                label: label.get_untracked(),
                field_type: field_type.get_untracked(),
                options,
            },
        });
    };
    let text_input = |id: &'static str, text: &'static str, value: RwSignal<String>| {
        view! {
            <label for=id>{text}</label>
            <input id=id type="text" prop:value=move || value.get() on:input=move |e| value.set(event_target_value(&e))/>
        }
    };
    view! {
        <section aria-labelledby="new-field-title" class="settings-section">
            <h2 id="new-field-title">"New custom field"</h2>
            <form class="form new-field" on:submit=submit>
                {text_input("new-field-label", "Name", label)}
                {text_input("new-field-key", "Key", key)}
                <label for="new-field-type">"Type"</label>
                <select id="new-field-type" on:change=move |e| field_type.set(event_target_value(&e))>
                    {CustomFieldType::ALL
                        .into_iter()
                        .map(|t| view! { <option value=t.key() selected=t == CustomFieldType::Text>{t.label()}</option> })
                        .collect_view()}
                </select>
                <Show when=move || field_type.get() == "list">
                    <label for="new-field-options">"List options (one per line)"</label>
                    <textarea
                        id="new-field-options"
                        prop:value=move || options.get()
                        on:input=move |e| options.set(event_target_value(&e))
                    ></textarea>
                </Show>
                <p role="status">{result}</p>
                <button type="submit" class="button primary" disabled=move || create.pending().get()>"Create field"</button>
            </form>
        </section>
    }
    .into_any()
}
