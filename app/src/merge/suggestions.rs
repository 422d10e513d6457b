//! R16: the dashboard's merge suggestions: groups of contacts sharing a
//! phone number or e-mail address, newest first, each opening the review or
//! dismissed with "Not a duplicate".

use super::api::{merge_dismiss_suggestion, merge_suggestions};
use super::model::{
    merge_refusal, opened_from, review_href, DismissRequest, SharedKey, SuggestionCursor,
    SuggestionGroup,
};
use crate::auth::Viewer;
use crate::contacts::format::date_time;
use crate::contacts::model::Total;
use crate::contacts::url::encode;
use crate::i18n::{t_string, use_i18n, Locale};
use crate::layout::page_language;
use leptos::prelude::*;
use leptos_i18n::I18nContext;
use leptos_router::hooks::{use_location, use_query_map};
use std::collections::BTreeSet;

/// A group as the page tells it apart: its kind and shown value.
type GroupKey = (SharedKey, String);

fn key_of(group: &SuggestionGroup) -> GroupKey {
    (group.kind, group.value.clone())
}

/// The count as the dashboard says it, e.g. "12 merge suggestions".
fn count_label(i18n: I18nContext<Locale>, total: Total) -> String {
    let count = total.label();
    if total.exact && total.count == 1 {
        t_string!(i18n, merge.suggestions.count_singular, count)
    } else {
        t_string!(i18n, merge.suggestions.count_plural, count)
    }
}

/// The dashboard's "Merge suggestions" section; `?suggestions=<cursor>`
/// pages through them.
#[component]
pub fn MergeSuggestions() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_query_map();
    let after = Memo::new(move |_| {
        params.with(|map| {
            map.get("suggestions")
                .as_deref()
                .and_then(SuggestionCursor::from_param)
        })
    });
    let suggestions = Resource::new(move || after.get(), merge_suggestions);
    // Dismissed groups leave the page at once; one that the server refused
    // comes back with the reason.
    let dismissed = RwSignal::new(BTreeSet::<GroupKey>::new());
    let dismiss = Action::new(move |(key, contact_ids): &(GroupKey, Vec<i64>)| {
        let key = key.clone();
        let request = DismissRequest {
            contact_ids: contact_ids.clone(),
        };
        async move { (key, merge_dismiss_suggestion(request).await) }
    });
    Effect::new(move |_| {
        if let Some((key, Err(_))) = dismiss.value().get() {
            dismissed.update(|keys| {
                keys.remove(&key);
            });
        }
    });
    let on_dismiss = Callback::new(move |(key, contact_ids): (GroupKey, Vec<i64>)| {
        dismissed.update(|keys| {
            keys.insert(key.clone());
        });
        dismiss.dispatch((key, contact_ids));
    });
    let announced = move || {
        matches!(dismiss.value().get(), Some((_, Ok(())))).then(|| t_string!(i18n, merge.dismissed))
    };
    let failure = move || {
        dismiss
            .value()
            .get()
            .and_then(|(_, result)| result.err())
            .map(|error| error.to_string())
    };
    view! {
        <section class="merge-suggestions" aria-labelledby="suggestions-title">
            <h2 id="suggestions-title">{t_string!(i18n, merge.suggestions.title)}</h2>
            <p class="visually-hidden" role="status" aria-live="polite">{announced}</p>
            {move || failure().map(|message| view! { <p role="alert" class="form-error">{message}</p> })}
            <Transition fallback=move || view! { <p class="loading">{t_string!(i18n, common.loading)}</p> }>
                {move || Suspend::new(async move {
                    match suggestions.await {
                        Ok(page) if page.groups.is_empty() => view! {
                            <p class="muted">{t_string!(i18n, merge.suggestions.empty)}</p>
                        }
                        .into_any(),
                        Ok(page) => {
                            let keys: Vec<GroupKey> = page.groups.iter().map(key_of).collect();
                            let count = {
                                let page = page.clone();
                                move || {
                                    let hidden = dismissed
                                        .with(|gone| keys.iter().filter(|key| gone.contains(*key)).count());
                                    count_label(i18n, page.remaining(hidden))
                                }
                            };
                            view! {
                                <p class="muted suggestion-total">{count}</p>
                                <ul class="suggestion-list">
                                    {page
                                        .groups
                                        .into_iter()
                                        .map(|group| view! { <GroupItem group dismissed on_dismiss/> })
                                        .collect_view()}
                                </ul>
                                <nav class="pager" aria-label=t_string!(i18n, merge.suggestions.pages)>
                                    {after.get_untracked().is_some().then(|| view! { <a href="/">{t_string!(i18n, merge.suggestions.newest)}</a> })}
                                    {page.next.map(|next| view! {
                                        <a href=format!("/?suggestions={}", encode(&next.to_param()))>{t_string!(i18n, merge.suggestions.next_page)}</a>
                                    })}
                                </nav>
                            }
                            .into_any()
                        }
                        Err(error) => view! { <p role="alert">{error.to_string()}</p> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn GroupItem(
    group: SuggestionGroup,
    dismissed: RwSignal<BTreeSet<GroupKey>>,
    on_dismiss: Callback<(GroupKey, Vec<i64>)>,
) -> impl IntoView {
    let i18n = use_i18n();
    let key = key_of(&group);
    let ids: Vec<i64> = group.contacts.iter().map(|contact| contact.id).collect();
    let names = group
        .contacts
        .iter()
        .map(|c| c.name.clone())
        .reduce(|first, second| t_string!(i18n, merge.suggestions.name_pair, first, second))
        .unwrap_or_default();
    let more = group.members - i64::try_from(group.contacts.len()).unwrap_or(0);
    let refused = merge_refusal(
        &expect_context::<Viewer>(),
        group.contacts.iter().map(|contact| contact.assignee_id),
    );
    let location = use_location();
    let from = opened_from(
        &location.pathname.get_untracked(),
        &location.search.get_untracked(),
    );
    let hidden = {
        let key = key.clone();
        move || dismissed.with(|gone| gone.contains(&key))
    };
    view! {
        <li class="suggestion" hidden=hidden>
            <p>
                <span class="muted">
                    {match group.kind {
                        SharedKey::Phone => t_string!(i18n, merge.suggestions.shared_phone).into_any(),
                        SharedKey::Email => t_string!(i18n, merge.suggestions.shared_email).into_any(),
                    }}
                    " "
                </span>
                <strong>{group.value.clone()}</strong>
                <span class="muted">
                    {t_string!(i18n, merge.suggestions.group_meta, count = group.members, time = date_time(group.newest_at))}
                </span>
            </p>
            <p>
                {group
                    .contacts
                    .iter()
                    .map(|contact| view! {
                        <a class="suggested-contact" href=format!("/contacts?contact={}", contact.id)>{contact.name.clone()}</a>
                    })
                    .collect_view()}
                {(more > 0).then(|| view! { <span class="muted">{t_string!(i18n, merge.suggestions.and_more, count = more)}</span> })}
            </p>
            {refused.is_none().then(|| view! {
                <div class="suggestion-actions">
                    <a
                        class="button primary small"
                        href=review_href(&ids, &from)
                        aria-label=t_string!(i18n, merge.suggestions.review_label, names = names.clone())
                    >
                        {t_string!(i18n, merge.suggestions.review)}
                    </a>
                    <button
                        type="button"
                        class="button small"
                        aria-label=t_string!(i18n, merge.suggestions.not_duplicate_label, names)
                        on:click=move |_| on_dismiss.run((key.clone(), ids.clone()))
                    >
                        {t_string!(i18n, merge.not_duplicate)}
                    </button>
                </div>
            })}
            {refused.map(|refused| view! { <p class="muted">{refused.reason(page_language())}</p> })}
        </li>
    }
}
