//! R16: the dashboard's merge suggestions: groups of contacts sharing a
//! phone number or e-mail address, newest first, each opening the review.

use super::api::merge_suggestions;
use super::model::{merge_refusal, review_href, SuggestionCursor, SuggestionGroup};
use crate::auth::Viewer;
use crate::contacts::format::date_time;
use crate::contacts::url::encode;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The dashboard's "Merge suggestions" section; `?suggestions=<cursor>`
/// pages through them.
#[component]
pub fn MergeSuggestions() -> impl IntoView {
    let params = use_query_map();
    let after = Memo::new(move |_| {
        params.with(|map| {
            map.get("suggestions")
                .as_deref()
                .and_then(SuggestionCursor::from_param)
        })
    });
    let suggestions = Resource::new(move || after.get(), merge_suggestions);
    view! {
        <section class="merge-suggestions" aria-labelledby="suggestions-title">
            <h2 id="suggestions-title">"Merge suggestions"</h2>
            <Transition fallback=|| view! { <p class="loading">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match suggestions.await {
                        Ok(page) if page.groups.is_empty() => view! {
                            <p class="muted">"No duplicates found."</p>
                        }
                        .into_any(),
                        Ok(page) => view! {
                            <ul class="suggestion-list">
                                {page.groups.into_iter().map(|group| view! { <GroupItem group/> }).collect_view()}
                            </ul>
                            <nav class="pager" aria-label="Merge suggestions pages">
                                {after.get_untracked().is_some().then(|| view! { <a href="/">"Newest"</a> })}
                                {page.next.map(|next| view! {
                                    <a href=format!("/?suggestions={}", encode(&next.to_param()))>"Next page"</a>
                                })}
                            </nav>
                        }
                        .into_any(),
                        Err(error) => view! { <p role="alert">{error.to_string()}</p> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn GroupItem(group: SuggestionGroup) -> impl IntoView {
    let ids: Vec<i64> = group.contacts.iter().map(|contact| contact.id).collect();
    let names: Vec<String> = group.contacts.iter().map(|c| c.name.clone()).collect();
    let more = group.members - i64::try_from(group.contacts.len()).unwrap_or(0);
    let refused = merge_refusal(
        &expect_context::<Viewer>(),
        group.contacts.iter().map(|contact| contact.assignee_id),
    );
    view! {
        <li class="suggestion">
            <p>
                <span class="muted">{group.kind_label.clone()}" "</span>
                <strong>{group.value.clone()}</strong>
                <span class="muted">{format!(" · {} contacts · since {} UTC", group.members, date_time(group.newest_at))}</span>
            </p>
            <p>
                {group
                    .contacts
                    .iter()
                    .map(|contact| view! {
                        <a class="suggested-contact" href=format!("/contacts?contact={}", contact.id)>{contact.name.clone()}</a>
                    })
                    .collect_view()}
                {(more > 0).then(|| view! { <span class="muted">{format!(" and {more} more")}</span> })}
            </p>
            {refused.is_none().then(|| view! {
                <a class="button" href=review_href(&ids) aria-label=format!("Review merge of {}", names.join(" and "))>
                    "Review merge"
                </a>
            })}
            {refused.map(|reason| view! { <p class="muted">{reason}</p> })}
        </li>
    }
}
