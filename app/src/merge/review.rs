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
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use std::collections::BTreeMap;

/// The page.
#[component]
pub fn MergeReviewPage() -> impl IntoView {
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
        <Title text="Merge contacts · Contacts"/>
        <p class="breadcrumb"><a href="/contacts">"Contacts"</a></p>
        <h1>"Merge contacts"</h1>
        <Transition fallback=|| view! { <p class="loading">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match review.await {
                    Ok(review) => view! { <MergeForm review back=back.get_untracked()/> }.into_any(),
                    Err(error) => view! {
                        <p role="alert">{error.to_string()}</p>
                        <a class="button" href=back.get_untracked()>"Cancel"</a>
                    }
                    .into_any(),
                }
            })}
        </Transition>
    }
}

/// The shown value, or a dash for an empty one.
fn shown(display: &str) -> String {
    if display.is_empty() {
        "Not set".to_owned()
    } else {
        display.to_owned()
    }
}

#[component]
fn MergeForm(review: MergeReview, back: String) -> impl IntoView {
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
    let kept = review.with_value(|review| {
        review
            .contacts
            .first()
            .map(|contact| format!("{} (ID: {})", contact.name, contact.id))
            .unwrap_or_default()
    });
    view! {
        <p class="merge-kept">
            <strong>{kept}</strong>
            " keeps its ID. Where values are equally recent, its values are preselected."
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
                                <span class="muted">{format!("ID: {}", contact.id)}</span>
                                {(index == 0).then(|| view! { <span class="badge badge-kept">"Keeps its ID"</span> })}
                            </span>
                        })
                        .collect_view()
                })}
                <span class="merge-head"><strong>"Merged contact"</strong></span>
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
        <p class="muted">
            "Channels, conversations with all their messages and tags of every contact go to the merged contact."
        </p>
        {move || merge_error().map(|message| view! { <p role="alert" class="form-error">{message}</p> })}
        <Show when=move || done().is_none()>
            <div class="merge-actions">
                <button
                    type="button"
                    class="button primary"
                    on:click=submit
                    disabled=move || merge.pending().get()
                >
                    "Merge"
                </button>
                <a class="button" href=back.clone()>"Cancel"</a>
            </div>
        </Show>
        {move || done().map(|done| view! { <MergeOutcome done undo review=review.get_value()/> })}
    }
}

/// One field: each contact's value, a choice when they differ, and the
/// merged contact's value.
#[component]
fn FieldChoice(field: ReviewField, chosen: RwSignal<BTreeMap<String, i64>>) -> impl IntoView {
    let label_id = format!("merge-field-{}", field.key);
    let key = field.key.clone();
    let options = field.options.clone();
    let preview = move || {
        let winner = chosen.with(|chosen| chosen.get(&key).copied());
        options
            .iter()
            .find(|option| Some(option.contact_id) == winner)
            .map(|option| shown(&option.display))
            .unwrap_or_default()
    };
    let cells = field
        .options
        .iter()
        .map(|option| {
            let text = shown(&option.display);
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
            <span class="merge-preview" aria-label=format!("Merged {}", field.label)>{preview}</span>
        </div>
    }
}

/// Channels, tags and messages: everything of every contact is kept.
#[component]
fn SummaryRows(review: MergeReview) -> impl IntoView {
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
            "None".to_owned()
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
        {row("Channels", review.contacts.iter().map(|c| list(&c.channels)).collect(), list(&channels))}
        {row("Tags", review.contacts.iter().map(|c| list(&c.tags)).collect(), list(&tags))}
        {row("Messages", review.contacts.iter().map(|c| c.messages.to_string()).collect(), messages.to_string())}
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
                    <p role="status"><strong>"Merge successful"</strong></p>
                    <p>
                        <a href=format!("/contacts?contact={}", done.contact_id)>"Open merged contact"</a>
                    </p>
                    <button
                        type="button"
                        class="button"
                        disabled=move || undo.pending().get()
                        on:click=move |_| { undo.dispatch(MergeUndo { merge_id: done.merge_id }); }
                    >
                        "Undo merge"
                    </button>
                }
                .into_any(),
                Some(_) => view! {
                    <p role="status"><strong>"Merge undone"</strong>" — every contact is back as it was:"</p>
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
