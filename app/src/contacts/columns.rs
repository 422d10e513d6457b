//! "Columns": which of the table's columns are shown. Name and the check
//! box always are; the others can be hidden, and the choice is kept in the
//! browser (local storage) for the next visit. The server renders the
//! default set; the saved choice is applied once the page is interactive,
//! by an attribute on the table that the stylesheet reads.

use leptos::prelude::*;

/// A column that can be hidden: its class suffix (`col-…`) and header text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    /// Class suffix and stored key.
    pub key: &'static str,
    /// The header's text.
    pub label: &'static str,
}

/// The columns after the name, in the table's order.
pub const COLUMNS: [Column; 10] = [
    Column {
        key: "channels",
        label: "Channels",
    },
    Column {
        key: "email",
        label: "E-mail",
    },
    Column {
        key: "phone",
        label: "Phone",
    },
    Column {
        key: "tags",
        label: "Tags",
    },
    Column {
        key: "country",
        label: "Country",
    },
    Column {
        key: "language",
        label: "Language",
    },
    Column {
        key: "status",
        label: "Conversation status",
    },
    Column {
        key: "assignee",
        label: "Assignee",
    },
    Column {
        key: "last-message",
        label: "Last message",
    },
    Column {
        key: "added",
        label: "Date added",
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
    let hidden = expect_context::<HiddenColumns>();
    view! {
        <details class="column-chooser">
            <summary class="button">"Columns"</summary>
            <fieldset class="column-options">
                <legend class="visually-hidden">"Columns shown"</legend>
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
                            <label for=id>{column.label}</label>
                        </span>
                    }
                }).collect_view()}
            </fieldset>
        </details>
    }
}
