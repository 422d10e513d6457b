//! "Columns": which of the table's columns are shown. Name and the check
//! box always are; the others can be hidden, and the choice is kept in the
//! browser (local storage) for the next visit. The server renders the
//! default set; the saved choice is applied once the page is interactive,
//! by an attribute on the table that the stylesheet reads.

use crate::i18n::{t_string, td_string, use_i18n, Locale};
use leptos::prelude::*;

/// A column that can be hidden: its class suffix (`col-…`) and header text.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    /// Class suffix and stored key.
    pub key: &'static str,
    /// The header's text in a language.
    pub label: fn(Locale) -> &'static str,
}

/// Every column's header in `locale`, the name first, as the table shows
/// them all (and the CSV export names its columns).
pub fn all_headers(locale: Locale) -> Vec<&'static str> {
    let mut headers = vec![td_string!(locale, contacts.columns.name)];
    headers.extend(COLUMNS.iter().map(|column| (column.label)(locale)));
    headers
}

/// The columns after the name, in the table's order.
pub const COLUMNS: [Column; 10] = [
    Column {
        key: "channels",
        label: |locale| td_string!(locale, contacts.columns.channels),
    },
    Column {
        key: "email",
        label: |locale| td_string!(locale, contacts.columns.email),
    },
    Column {
        key: "phone",
        label: |locale| td_string!(locale, contacts.columns.phone),
    },
    Column {
        key: "tags",
        label: |locale| td_string!(locale, contacts.columns.tags),
    },
    Column {
        key: "country",
        label: |locale| td_string!(locale, contacts.columns.country),
    },
    Column {
        key: "language",
        label: |locale| td_string!(locale, contacts.columns.language),
    },
    Column {
        key: "status",
        label: |locale| td_string!(locale, contacts.columns.status),
    },
    Column {
        key: "assignee",
        label: |locale| td_string!(locale, contacts.columns.assignee),
    },
    Column {
        key: "last-message",
        label: |locale| td_string!(locale, contacts.columns.last_message),
    },
    Column {
        key: "added",
        label: |locale| td_string!(locale, contacts.columns.added),
    },
];

/// Hidden until a user shows them: the table fits a laptop's width without them.
const HIDDEN_AT_FIRST: [&str; 2] = ["country", "language"];

/// Where the choice is kept.
#[cfg(feature = "hydrate")]
const STORAGE_KEY: &str = "contacts.hidden-columns";

/// The hidden columns' keys (context of the Contacts page).
#[derive(Debug, Clone, Copy)]
pub struct HiddenColumns(pub RwSignal<Vec<&'static str>>);

impl HiddenColumns {
    /// The default set, replaced by the saved choice once hydrated.
    pub fn provide() -> HiddenColumns {
        let hidden = HiddenColumns(RwSignal::new(HIDDEN_AT_FIRST.to_vec()));
        provide_context(hidden);
        #[cfg(feature = "hydrate")]
        Effect::new(move |_| {
            if let Some(saved) = saved() {
                hidden.0.set(saved);
            }
        });
        hidden
    }

    /// `"country language"`: the table's `data-hide` attribute.
    pub fn attribute(self) -> String {
        self.0.with(|hidden| hidden.join(" "))
    }

    fn set(self, key: &'static str, shown: bool) {
        self.0.update(|hidden| {
            hidden.retain(|hidden_key| *hidden_key != key);
            if !shown {
                hidden.push(key);
            }
        });
        #[cfg(feature = "hydrate")]
        save(&self.0.get_untracked());
    }
}

#[cfg(feature = "hydrate")]
fn saved() -> Option<Vec<&'static str>> {
    let text = window()
        .local_storage()
        .ok()??
        .get_item(STORAGE_KEY)
        .ok()??;
    Some(
        text.split(' ')
            .filter_map(|key| COLUMNS.iter().find(|column| column.key == key))
            .map(|column| column.key)
            .collect(),
    )
}

#[cfg(feature = "hydrate")]
fn save(hidden: &[&'static str]) {
    if let Ok(Some(storage)) = window().local_storage() {
        let _ = storage.set_item(STORAGE_KEY, &hidden.join(" "));
    }
}

/// The "Columns" menu: a check box per column.
#[component]
pub fn ColumnChooser() -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let hidden = expect_context::<HiddenColumns>();
    view! {
        <details class="column-chooser">
            <summary class="button">{t_string!(i18n, contacts.columns.button)}</summary>
            <fieldset class="column-options">
                <legend class="visually-hidden">{t_string!(i18n, contacts.columns.shown)}</legend>
                {COLUMNS.into_iter().map(|column| {
                    let id = format!("column-{}", column.key);
                    view! {
                        <span class="tag-check">
                            <input
                                type="checkbox"
                                id=id.clone()
                                prop:checked=move || hidden.0.with(|hidden| !hidden.contains(&column.key))
                                on:change=move |event| hidden.set(column.key, event_target_checked(&event))
                            />
                            <label for=id>{(column.label)(locale)}</label>
                        </span>
                    }
                }).collect_view()}
            </fieldset>
        </details>
    }
}
