//! The bulk bar (R31, R34): only while something is selected; says how many;
//! "Assign tags" and "Export to CSV" are enabled for 1 to 100 contacts and
//! otherwise stay visible, disabled, with the reason written beside them;
//! "Delete" always works. The "Blocked contacts" view adds "Unblock".
//! The same `shared::bulk` rules decide here and on the server.

use super::api::contacts_unblock;
use super::dialog::OpenDialog;
use super::model::{BulkTarget, ContactQuery, DeleteTarget, Total, View};
use super::selection::{SelectionState, TableState};
use super::url;
use crate::i18n::{t_string, td_string, use_i18n, Locale};
use crate::layout::{page_language, Toasts};
use crate::wording::bulk_action_label;
use leptos::prelude::*;
use shared::bulk::{action_state, bulk_actions, BulkAction, BulkActionState, Selection};

/// "Select all N contacts" (once a whole page is checked) and the bulk bar.
#[component]
pub fn BulkBar(total: Total, page_ids: Vec<i64>) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let state = expect_context::<TableState>();
    let selection = state.selection;
    let more_than_page = total.count > u64::try_from(page_ids.len()).unwrap_or(u64::MAX);
    let offer_all = Memo::new(move |_| {
        selection.with(|selection| {
            more_than_page && selection.all.is_none() && selection.contains_all(&page_ids)
        })
    });
    view! {
        {move || (!selection.with(SelectionState::is_empty)).then(|| view! {
            <section class="bulk-bar" aria-label=t_string!(i18n, contacts.bulk.label)>
                <p class="bulk-count" role="status">{move || selection.with(|selection| selection.label(locale))}</p>
                {move || offer_all.get().then(|| view! {
                    <button
                        type="button"
                        class="button link"
                        on:click=move |_| selection.update(|selection| selection.all = Some(total))
                    >
                        {t_string!(i18n, contacts.bulk.select_all, count = total.label()).to_string()}
                    </button>
                })}
                {move || {
                    let current = selection.get();
                    let selected = current.selection();
                    let unblock = (state.query.with(|query| query.view) == View::Blocked)
                        .then(|| action_state(BulkAction::Unblock, selected.count()));
                    unblock
                        .into_iter()
                        .chain(bulk_actions(&selected))
                        .map(|action| view! { <ActionButton action current=current.clone()/> })
                        .collect_view()
                }}
                <button
                    type="button"
                    class="button link"
                    on:click=move |_| selection.set(SelectionState::default())
                >
                    {t_string!(i18n, contacts.bulk.clear_selection)}
                </button>
            </section>
        })}
    }
}

#[component]
fn ActionButton(action: BulkActionState, current: SelectionState) -> impl IntoView {
    let locale = use_i18n().get_locale_untracked();
    let state = expect_context::<TableState>();
    let dialog = expect_context::<RwSignal<Option<OpenDialog>>>();
    let toasts = Toasts::get();
    let query = state.query.get_untracked();
    let target = BulkTarget {
        selection: current.selection(),
        query: query.clone(),
    };
    let reason_id = format!(
        "bulk-reason-{}",
        action.action.label().replace(' ', "-").to_lowercase()
    );
    let on_click = move |_| match action.action {
        BulkAction::Unblock => unblock(locale, target.clone(), state, toasts),
        BulkAction::AssignTags => dialog.set(Some(OpenDialog::AssignTags(target.clone()))),
        BulkAction::ExportCsv => {
            let _ = window().location().set_href(&export_href(&query, &current));
        }
        BulkAction::Delete => dialog.set(Some(OpenDialog::Delete(DeleteTarget::Selected(
            target.clone(),
        )))),
    };
    let class = if action.action == BulkAction::Delete {
        "button danger"
    } else {
        "button"
    };
    view! {
        <button
            type="button"
            class=class
            disabled=!action.enabled
            aria-describedby=action.reason.map(|_| reason_id.clone())
            on:click=on_click
        >
            {bulk_action_label(action.action)}
        </button>
        {action.reason.map(|reason| view! {
            <span id=reason_id class="bulk-reason">{reason.reason_in(page_language())}</span>
        })}
    }
}

/// Unblocks the selection, says how it went (in the page's language), and
/// shows the table without them.
fn unblock(locale: Locale, target: BulkTarget, state: TableState, toasts: Toasts) {
    leptos::task::spawn_local(async move {
        match contacts_unblock(target).await {
            Ok(count) => {
                toasts.show(unblocked_label(locale, count));
                state.selection.set(SelectionState::default());
                state.list_version.update(|version| *version += 1);
            }
            Err(error) => toasts.show(error.to_string()),
        }
    });
}

/// "3 contacts unblocked".
fn unblocked_label(locale: Locale, count: u64) -> String {
    if count == 1 {
        td_string!(locale, contacts.bulk.unblocked_single).to_string()
    } else {
        td_string!(locale, contacts.bulk.unblocked_several, count).to_string()
    }
}

/// The CSV download's address: the table's query and the selection.
fn export_href(query: &ContactQuery, selection: &SelectionState) -> String {
    let mut pairs = query.to_pairs();
    match selection.selection() {
        Selection::AllMatching { count } => {
            pairs.push(("select", "all".to_string()));
            pairs.push(("count", count.to_string()));
        }
        Selection::Ids(ids) => {
            let ids: Vec<String> = ids.iter().map(i64::to_string).collect();
            pairs.push(("ids", ids.join(",")));
        }
    }
    url::with_params("/contacts/export.csv", &pairs)
}
