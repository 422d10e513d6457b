//! R15: "Merge history" in the Contacts module, for owners and managers:
//! who merged which contacts (names and ids at the time), when, which values
//! were chosen, and undos, with "Undo merge" while it is possible.

use super::api::{merge_history, MergeUndo};
use super::model::{MergeHistoryEntry, MergeHistoryPage as HistoryPage};
use crate::auth::Viewer;
use crate::contacts::format::date_time;
use crate::i18n::{t_string, use_i18n};
use crate::layout::PageTitle;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use shared::permissions::{refusal, Action, Context, Module};

/// The page at `/contacts/merges`.
#[component]
pub fn MergeHistoryPage() -> impl IntoView {
    let i18n = use_i18n();
    let viewer = expect_context::<Viewer>();
    let params = use_query_map();
    let older_than =
        Memo::new(move |_| params.with(|map| map.get("older").and_then(|v| v.parse::<i64>().ok())));
    let undo = ServerAction::<MergeUndo>::new();
    let refused = refusal(
        viewer.role(),
        Action::SeeMergeHistory,
        &Context::new(Module::Contacts),
    );
    let history = Resource::new(
        move || (older_than.get(), undo.version().get()),
        move |(older_than, _)| async move {
            match refused {
                Some(refused) => Err(crate::error::AppError::from(refused)),
                None => merge_history(older_than).await,
            }
        },
    );
    let undo_error = move || {
        undo.value()
            .get()
            .and_then(Result::err)
            .map(|e| e.to_string())
    };
    view! {
        <PageTitle text=t_string!(i18n, merge.history_title)/>
        <p class="breadcrumb"><a href="/contacts">{t_string!(i18n, nav.contacts)}</a></p>
        <h1>{t_string!(i18n, merge.history_title)}</h1>
        {move || undo_error().map(|message| view! { <p role="alert" class="form-error">{message}</p> })}
        {move || undo.value().get().and_then(Result::ok).map(|_| view! { <p role="status">{t_string!(i18n, merge.merge_undone)}</p> })}
        <Transition fallback=move || view! { <p class="loading">{t_string!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match history.await {
                    Ok(page) => view! { <HistoryTable page undo/> }.into_any(),
                    Err(error) => view! { <p role="alert">{error.to_string()}</p> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn HistoryTable(page: HistoryPage, undo: ServerAction<MergeUndo>) -> impl IntoView {
    let i18n = use_i18n();
    if page.entries.is_empty() {
        return view! { <p class="muted">{t_string!(i18n, merge.history.empty)}</p> }.into_any();
    }
    let older = page.older;
    view! {
        <table class="merge-history">
            <thead>
                <tr>
                    <th scope="col">{t_string!(i18n, merge.history.merged)}</th>
                    <th scope="col">{t_string!(i18n, merge.history.by)}</th>
                    <th scope="col">{t_string!(i18n, merge.history.contacts)}</th>
                    <th scope="col">{t_string!(i18n, merge.history.values_chosen)}</th>
                    <th scope="col">{t_string!(i18n, merge.history.undo)}</th>
                </tr>
            </thead>
            <tbody>
                {page.entries.into_iter().map(|entry| view! { <HistoryRow entry undo/> }).collect_view()}
            </tbody>
        </table>
        {older.map(|older| view! {
            <p><a href=format!("/contacts/merges?older={older}")>{t_string!(i18n, merge.history.older)}</a></p>
        })}
    }
    .into_any()
}

#[component]
fn HistoryRow(entry: MergeHistoryEntry, undo: ServerAction<MergeUndo>) -> impl IntoView {
    let i18n = use_i18n();
    let merge_id = entry.id;
    let contacts = entry
        .contacts
        .iter()
        .enumerate()
        .map(|(index, contact)| {
            let (name, id) = (&contact.name, contact.id);
            let text = if index == 0 {
                t_string!(i18n, merge.history.contact_kept, name, id)
            } else {
                t_string!(i18n, merge.history.contact, name, id)
            };
            view! { <li>{text}</li> }
        })
        .collect_view();
    let choices = if entry.choices.is_empty() {
        view! { <span class="muted">{t_string!(i18n, merge.history.all_same)}</span> }.into_any()
    } else {
        view! {
            <ul>
                {entry
                    .choices
                    .iter()
                    .map(|choice| {
                        let value = if choice.value.is_empty() {
                            t_string!(i18n, common.not_set)
                        } else {
                            &choice.value
                        };
                        let text = t_string!(
                            i18n,
                            merge.history.choice,
                            field = &choice.label,
                            value,
                            id = choice.from
                        );
                        view! { <li>{text}</li> }
                    })
                    .collect_view()}
            </ul>
        }
        .into_any()
    };
    let undo_cell = match (&entry.undone, &entry.undo_refusal) {
        (Some((by, at)), _) => {
            let text = t_string!(
                i18n,
                merge.history.undone_by,
                name = by,
                time = date_time(*at)
            );
            view! { <span>{text}</span> }.into_any()
        }
        (None, Some(reason)) => view! { <span class="muted">{reason.clone()}</span> }.into_any(),
        (None, None) => view! {
            <button
                type="button"
                class="button"
                aria-describedby=format!("merge-{merge_id}-contacts")
                disabled=move || undo.pending().get()
                on:click=move |_| { undo.dispatch(MergeUndo { merge_id }); }
            >
                {t_string!(i18n, merge.undo_merge)}
            </button>
        }
        .into_any(),
    };
    view! {
        <tr data-merge=merge_id.to_string()>
            <td>{format!("{} UTC", date_time(entry.merged_at))}</td>
            <td>{entry.merged_by.clone()}</td>
            <td id=format!("merge-{merge_id}-contacts")><ul>{contacts}</ul></td>
            <td>{choices}</td>
            <td>{undo_cell}</td>
        </tr>
    }
}
