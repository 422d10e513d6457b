//! R13, R14: the merge review at `/contacts/merge?ids=…&from=…`: the
//! contacts side by side, a choice wherever their values differ (the most
//! recently updated non-empty value preselected, the contact keeping its id
//! winning a tie), the merged contact previewed, then "Merge" or "Cancel"
//! (back to `from`), "Merge successful" and "Undo merge".

use super::api::{merge_review_get, MergeContacts, MergeUndo};
use super::model::{
    parse_ids, return_path, MergeChoice, MergeDone, MergeRequest, MergeReview, ReviewField,
};
use crate::contacts::format::initials;
use crate::i18n::{t, t_string, use_i18n, Locale};
use crate::layout::PageTitle;
use leptos::prelude::*;
use leptos_i18n::I18nContext;
use leptos_router::hooks::use_query_map;
use std::collections::BTreeMap;

/// The page.
#[component]
pub fn MergeReviewPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_query_map();
    let ids = Memo::new(move |_| {
        params.with(|map| {
            map.get("ids")
                .as_deref()
                .and_then(parse_ids)
                .unwrap_or_default()
        })
    });
    let review = Resource::new(move || ids.get(), merge_review_get);
    let back = Memo::new(move |_| params.with(|map| return_path(map.get("from").as_deref())));
    view! {
        <PageTitle text=t_string!(i18n, merge.review_title)/>
        <p class="breadcrumb"><a href="/contacts">{t_string!(i18n, nav.contacts)}</a></p>
        <h1>{t_string!(i18n, merge.review_title)}</h1>
        <Transition fallback=move || view! { <p class="loading">{t_string!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match review.await {
                    Ok(review) => view! { <MergeForm review back=back.get_untracked()/> }.into_any(),
                    Err(error) => view! {
                        <p role="alert">{error.to_string()}</p>
                        <a class="button" href=back.get_untracked()>{t_string!(i18n, common.cancel)}</a>
                    }
                    .into_any(),
                }
            })}
        </Transition>
    }
}

/// The shown value, or "Not set" for an empty one.
fn shown(i18n: I18nContext<Locale>, display: &str) -> String {
    if display.is_empty() {
        t_string!(i18n, common.not_set).to_owned()
    } else {
        display.to_owned()
    }
}

#[component]
fn MergeForm(review: MergeReview, back: String) -> impl IntoView {
    let i18n = use_i18n();
    let chosen = RwSignal::new(
        review
            .fields
            .iter()
            .map(|field| (field.key.clone(), field.preselected))
            .collect::<BTreeMap<String, i64>>(),
    );
    let merge = ServerAction::<MergeContacts>::new();
    let undo = ServerAction::<MergeUndo>::new();
    let review = StoredValue::new(review);
    let submit = move |_| {
        let review = review.get_value();
        let choices = chosen.with_untracked(|chosen| {
            review
                .fields
                .iter()
                .filter(|field| field.differs)
                .filter_map(|field| {
                    chosen.get(&field.key).map(|contact_id| MergeChoice {
                        field: field.key.clone(),
                        contact_id: *contact_id,
                    })
                })
                .collect()
        });
        merge.dispatch(MergeContacts {
            request: MergeRequest {
                contact_ids: review.contacts.iter().map(|c| c.id).collect(),
                versions: review.contacts.iter().map(|c| c.version).collect(),
                choices,
            },
        });
    };
    let done = move || merge.value().get().and_then(Result::ok);
    let merge_error = move || {
        merge
            .value()
            .get()
            .and_then(Result::err)
            .map(|e| e.to_string())
    };
    let columns = review.with_value(|review| review.contacts.len());
    let (kept_name, kept_id) = review.with_value(|review| {
        review
            .contacts
            .first()
            .map(|contact| (contact.name.clone(), contact.id))
            .unwrap_or_default()
    });
    view! {
        <p class="merge-kept">
            {t!(i18n, merge.review.kept_note, <b> = <strong/>, name = kept_name, id = kept_id)}
        </p>
        <div class="merge-review" data-columns=columns.to_string()>
            <div class="merge-row merge-heads" aria-hidden="true">
                <span></span>
                {review.with_value(|review| {
                    review
                        .contacts
                        .iter()
                        .enumerate()
                        .map(|(index, contact)| view! {
                            <span class="merge-head">
                                <span class="avatar" aria-hidden="true">{initials(&contact.name)}</span>
                                <strong>{contact.name.clone()}</strong>
                                <span class="muted">{t_string!(i18n, merge.review.contact_id, id = contact.id)}</span>
                                {(index == 0).then(|| view! { <span class="badge badge-kept">{t_string!(i18n, merge.review.keeps_id)}</span> })}
                            </span>
                        })
                        .collect_view()
                })}
                <span class="merge-head"><strong>{t_string!(i18n, merge.review.merged_contact)}</strong></span>
            </div>
            {review.with_value(|review| {
                review
                    .fields
                    .iter()
                    .cloned()
                    .map(|field| view! { <FieldChoice field chosen/> })
                    .collect_view()
            })}
            <SummaryRows review=review.get_value()/>
        </div>
        <p class="muted">{t_string!(i18n, merge.review.everything_kept)}</p>
        {move || merge_error().map(|message| view! { <p role="alert" class="form-error">{message}</p> })}
        <Show when=move || done().is_none()>
            <div class="merge-actions">
                <button
                    type="button"
                    class="button primary"
                    on:click=submit
                    disabled=move || merge.pending().get()
                >
                    {t_string!(i18n, merge.merge)}
                </button>
                <a class="button" href=back.clone()>{t_string!(i18n, common.cancel)}</a>
            </div>
        </Show>
        {move || done().map(|done| view! { <MergeOutcome done undo review=review.get_value()/> })}
    }
}

/// One field: each contact's value, a choice when they differ, and the
/// merged contact's value.
#[component]
fn FieldChoice(field: ReviewField, chosen: RwSignal<BTreeMap<String, i64>>) -> impl IntoView {
    let i18n = use_i18n();
    let label_id = format!("merge-field-{}", field.key);
    let key = field.key.clone();
    let options = field.options.clone();
    let preview = move || {
        let winner = chosen.with(|chosen| chosen.get(&key).copied());
        options
            .iter()
            .find(|option| Some(option.contact_id) == winner)
            .map(|option| shown(i18n, &option.display))
            .unwrap_or_default()
    };
    let cells = field
        .options
        .iter()
        .map(|option| {
            let text = shown(i18n, &option.display);
            if field.differs {
                let key = field.key.clone();
                let checked_key = field.key.clone();
                let contact_id = option.contact_id;
                // The attribute for the page as served, the property once it runs.
                let preselected = field.preselected == contact_id;
                view! {
                    <label class="merge-option">
                        <input
                            type="radio"
                            name=format!("merge-{}", field.key)
                            value=contact_id.to_string()
                            checked=preselected
                            prop:checked=move || chosen.with(|c| c.get(&checked_key) == Some(&contact_id))
                            on:change=move |_| chosen.update(|c| { c.insert(key.clone(), contact_id); })
                        />
                        <span>{text}</span>
                    </label>
                }
                .into_any()
            } else {
                view! { <span class="merge-option same">{text}</span> }.into_any()
            }
        })
        .collect_view();
    let group_role = field.differs.then_some("radiogroup");
    let labelled_by = label_id.clone();
    view! {
        <div class="merge-row" role=group_role aria-labelledby=labelled_by data-field=field.key.clone()>
            <span class="merge-label" id=label_id>{field.label.clone()}</span>
            {cells}
            <span class="merge-preview" aria-label=t_string!(i18n, merge.review.merged_field, field = field.label.clone())>{preview}</span>
        </div>
    }
}

/// Channels, tags and messages: everything of every contact is kept.
#[component]
fn SummaryRows(review: MergeReview) -> impl IntoView {
    let i18n = use_i18n();
    let union = |items: &dyn Fn(&super::model::ReviewContact) -> &Vec<String>| {
        let mut all: Vec<String> = review
            .contacts
            .iter()
            .flat_map(|c| items(c).clone())
            .collect();
        all.sort();
        all.dedup();
        all
    };
    let channels = union(&|contact| &contact.channels);
    let tags = union(&|contact| &contact.tags);
    let messages: i64 = review.contacts.iter().map(|c| c.messages).sum();
    let list = |items: &[String]| {
        if items.is_empty() {
            t_string!(i18n, common.none).to_owned()
        } else {
            items.join(", ")
        }
    };
    let row = |label: &'static str, per_contact: Vec<String>, merged: String| {
        view! {
            <div class="merge-row">
                <span class="merge-label">{label}</span>
                {per_contact.into_iter().map(|text| view! { <span class="merge-option same">{text}</span> }).collect_view()}
                <span class="merge-preview">{merged}</span>
            </div>
        }
    };
    view! {
        {row(t_string!(i18n, merge.review.channels), review.contacts.iter().map(|c| list(&c.channels)).collect(), list(&channels))}
        {row(t_string!(i18n, merge.review.tags), review.contacts.iter().map(|c| list(&c.tags)).collect(), list(&tags))}
        {row(t_string!(i18n, merge.review.messages), review.contacts.iter().map(|c| c.messages.to_string()).collect(), messages.to_string())}
    }
}

/// R14: "Merge successful" with "Undo merge"; after an undo, links to the
/// contacts that are back.
#[component]
fn MergeOutcome(
    done: MergeDone,
    undo: ServerAction<MergeUndo>,
    review: MergeReview,
) -> impl IntoView {
    let i18n = use_i18n();
    let undone = move || undo.value().get().and_then(Result::ok);
    let undo_error = move || {
        undo.value()
            .get()
            .and_then(Result::err)
            .map(|e| e.to_string())
    };
    let contacts = review.contacts.clone();
    view! {
        <div class="merge-outcome">
            {move || match undone() {
                None => view! {
                    <p role="status"><strong>{t_string!(i18n, merge.merge_successful)}</strong></p>
                    <p>
                        <a href=format!("/contacts?contact={}", done.contact_id)>{t_string!(i18n, merge.review.open_merged)}</a>
                    </p>
                    <button
                        type="button"
                        class="button"
                        disabled=move || undo.pending().get()
                        on:click=move |_| { undo.dispatch(MergeUndo { merge_id: done.merge_id }); }
                    >
                        {t_string!(i18n, merge.undo_merge)}
                    </button>
                }
                .into_any(),
                Some(_) => view! {
                    <p role="status">{t!(i18n, merge.review.undone_note, <b> = <strong/>)}</p>
                    <ul>
                        {contacts
                            .iter()
                            .map(|contact| view! {
                                <li><a href=format!("/contacts?contact={}", contact.id)>{contact.name.clone()}</a></li>
                            })
                            .collect_view()}
                    </ul>
                }
                .into_any(),
            }}
        </div>
        {move || undo_error().map(|message| view! { <p role="alert" class="form-error">{message}</p> })}
    }
}
