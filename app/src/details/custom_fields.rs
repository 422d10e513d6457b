//! Custom fields in the drawer (R19): each edited with a control fitting
//! its type, checked by the same shared code as on the server.

use super::field_editor::{send, Check, Control, FieldEditor, Target};
use super::model::CustomFieldEntry;
use super::state::DrawerState;
use crate::i18n::{t_string, use_i18n};
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::CustomFieldType;

/// One custom field of the contact.
#[component]
pub fn CustomFieldRow(
    entry: CustomFieldEntry,
    version: i64,
    /// The contact's country, for phone numbers in national format.
    region: Option<String>,
    /// Whether the viewer may edit the contact's fields.
    editable: bool,
) -> impl IntoView {
    let definition = entry.definition.clone();
    let key = definition.key().to_owned();
    if definition.field_type() == CustomFieldType::Checkbox {
        return view! {
            <CheckboxField
                label=definition.label().to_owned()
                key
                checked=entry.value.as_deref() == Some("true")
                version
                editable
            />
        }
        .into_any();
    }
    let control = match definition.field_type() {
        CustomFieldType::List => {
            let mut options = vec![(
                String::new(),
                t_string!(use_i18n(), common.not_set).to_owned(),
            )];
            options.extend(definition.options().iter().map(|o| (o.clone(), o.clone())));
            Control::Choice(options)
        }
        CustomFieldType::Number => Control::Input("number"),
        CustomFieldType::Date => Control::Input("date"),
        CustomFieldType::Email => Control::Input("email"),
        CustomFieldType::Url => Control::Input("url"),
        CustomFieldType::Phone => Control::Input("tel"),
        CustomFieldType::Text | CustomFieldType::Checkbox => Control::Input("text"),
    };
    let link = match definition.field_type() {
        CustomFieldType::Url => entry.value.clone(),
        CustomFieldType::Email => entry.value.clone().map(|v| format!("mailto:{v}")),
        CustomFieldType::Phone => entry.value.clone().map(|v| format!("tel:{v}")),
        _ => None,
    };
    view! {
        <FieldEditor
            label=definition.label().to_owned()
            display=entry.display.clone()
            link
            initial=entry.value.clone().unwrap_or_default()
            control
            rule=Check::Custom(definition.clone(), region)
            target=Target::Custom(key)
            version
            editable
        />
    }
    .into_any()
}

/// A checkbox field: a check box that saves when toggled.
#[component]
fn CheckboxField(
    label: String,
    key: String,
    checked: bool,
    version: i64,
    editable: bool,
) -> impl IntoView {
    let state = expect_context::<DrawerState>();
    let i18n = use_i18n();
    let error = RwSignal::new(None::<String>);
    let id = format!("custom-{key}");
    let error_id = format!("{id}-error");
    let on_change = move |event: leptos::ev::Event| {
        let value = event_target_checked(&event).to_string();
        let key = key.clone();
        spawn_local(async move {
            match send(state, version, Target::Custom(key), value).await {
                Ok(()) => state.saved(t_string!(i18n, details.saved)),
                Err(failure) => error.set(state.failed(failure)),
            }
        });
    };
    view! {
        <div class="field-row" data-field=id.clone()>
            <label class="field-label" for=id.clone()>{label}</label>
            <div class="field-value">
                <input
                    type="checkbox"
                    id=id.clone()
                    checked=checked
                    disabled=!editable
                    aria-describedby=error_id.clone()
                    on:change=on_change
                />
            </div>
            <p class="field-error" id=error_id role="alert">{move || error.get()}</p>
        </div>
    }
    .into_any()
}
