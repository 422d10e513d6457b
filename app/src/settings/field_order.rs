//! The order of all contact fields on the "Contact fields" page (R20): drag
//! and drop or "Move up" / "Move down", then "Save order"; focus follows the
//! moved field.

use super::api::SettingsSaveOrder;
use super::model::{FieldOrderEdit, FieldSettings};
use crate::details::browser::focus_id;
use crate::i18n::{t_string, tu_string, use_i18n};
use crate::icons::{Icon, LuGripVertical};
use crate::wording::field_label;
use leptos::prelude::*;
use shared::FieldKey;
use std::collections::HashMap;

/// A field's label as the page shows it.
fn label_of(key: &str, settings: &FieldSettings) -> String {
    match FieldKey::from(key.to_owned()) {
        FieldKey::Standard(field) => field_label(field).to_owned(),
        FieldKey::Custom(key) => settings
            .custom_fields
            .iter()
            .find(|d| d.key() == key)
            .map(|d| d.label().to_owned())
            .unwrap_or(key),
    }
}

/// The id of an item's "Move up" or "Move down" button.
fn move_button_id(key: &str, up: bool) -> String {
    let direction = if up { "up" } else { "down" };
    format!("move-{direction}-{key}")
}

/// Every contact field in the drawer's order, reorderable by owners and
/// managers.
#[component]
pub(super) fn FieldOrderList(settings: FieldSettings, editable: bool) -> impl IntoView {
    let i18n = use_i18n();
    let order = RwSignal::new(settings.order.clone());
    let dragged = RwSignal::new(None::<usize>);
    let status = RwSignal::new(None::<String>);
    let save = ServerAction::<SettingsSaveOrder>::new();
    Effect::new(move || match save.value().get() {
        Some(Ok(())) => status.set(Some(t_string!(i18n, settings.order.saved).into())),
        Some(Err(error)) => status.set(Some(error.to_string())),
        None => {}
    });
    // Every field's label, worded once: moving fields only reorders them.
    let labels: HashMap<String, String> = settings
        .order
        .iter()
        .map(|key| (key.clone(), label_of(key, &settings)))
        .collect();
    let labels = StoredValue::new(labels);
    let label_for = move |key: &str| {
        labels.with_value(|labels| labels.get(key).cloned().unwrap_or_else(|| key.to_owned()))
    };
    let move_item = move |from: usize, to: usize| {
        order.update(|keys| {
            if from < keys.len() && to < keys.len() {
                let key = keys.remove(from);
                keys.insert(to, key);
            }
        });
        let keys = order.get_untracked();
        if let Some(key) = keys.get(to) {
            let moved = tu_string!(
                i18n,
                settings.order.moved,
                label = label_for(key),
                position = to + 1,
                total = keys.len()
            );
            status.set(Some(moved));
        }
    };
    // Keyboard focus stays on the button that moved the item, at the item's
    // new place; at the top or bottom, where that button is disabled, on its
    // other button.
    let move_with_button = move |from: usize, to: usize, up: bool| {
        move_item(from, to);
        let keys = order.get_untracked();
        if let Some(key) = keys.get(to) {
            let at_end = if up { to == 0 } else { to + 1 == keys.len() };
            focus_id(&move_button_id(key, up != at_end));
        }
    };
    let rows = move || {
        let keys = order.get();
        let count = keys.len();
        keys.into_iter()
            .enumerate()
            .map(|(index, key)| {
                let label = label_for(&key);
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
                        <Icon icon=LuGripVertical class="drag-handle"/>
                        <span class="order-label">{label.clone()}</span>
                        {editable.then(|| view! {
                            <button
                                type="button"
                                class="button"
                                id=move_button_id(&key, true)
                                aria-label=t_string!(i18n, settings.order.move_up_label, label = &label)
                                disabled=index == 0
                                on:click=move |_| move_with_button(index, index.saturating_sub(1), true)
                            >
                                {t_string!(i18n, common.move_up)}
                            </button>
                            <button
                                type="button"
                                class="button"
                                id=move_button_id(&key, false)
                                aria-label=t_string!(i18n, settings.order.move_down_label, label = &label)
                                disabled=index + 1 == count
                                on:click=move |_| move_with_button(index, index + 1, false)
                            >
                                {t_string!(i18n, common.move_down)}
                            </button>
                        })}
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <section aria-labelledby="order-title" class="settings-section">
            <h2 id="order-title">{t_string!(i18n, settings.order.title)}</h2>
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
                    {t_string!(i18n, settings.order.save)}
                </button>
            })}
        </section>
    }
    .into_any()
}
