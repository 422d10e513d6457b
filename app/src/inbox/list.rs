use super::api::inbox_conversations;
use super::location::InboxLocation;
use super::model::{
    ConversationFilter, ConversationListRequest, ConversationPage, ConversationSummary,
};
use super::older::OlderConversations;
use crate::contacts::format::date_time;
use crate::error::AppError;
use crate::i18n::{t_string, use_i18n};
use crate::wording::{channel_kind_label, conversation_status_label};
use leptos::prelude::*;
use shared::timestamp::rfc3339_utc;

/// The filter tabs and the conversation list, newest activity first, with
/// "Show older conversations" below the newest page.
#[component]
pub(super) fn ConversationList(
    location: Memo<InboxLocation>,
    conversations: Resource<Result<ConversationPage, AppError>>,
    older: OlderConversations,
) -> impl IntoView {
    let i18n = use_i18n();
    let show_older = move |filter: ConversationFilter, newest| {
        older.load(filter, newest, move |before| async move {
            inbox_conversations(ConversationListRequest {
                filter,
                before: Some(before),
                since: None,
            })
            .await
            .map(|page| (page.rows, page.older))
        });
    };
    view! {
        <section class="conversation-list" aria-label=t_string!(i18n, inbox.conversations)>
            <nav class="inbox-filters" aria-label=t_string!(i18n, inbox.filter_conversations)>
                {ConversationFilter::ALL
                    .into_iter()
                    .map(|filter| {
                        let href = move || {
                            InboxLocation { filter, ..location.get() }.href()
                        };
                        let current = move || {
                            (location.get().filter == filter).then_some("page")
                        };
                        view! {
                            <a href=href aria-current=current class="filter">{filter_label(filter)}</a>
                        }
                    })
                    .collect_view()}
            </nav>
            <Transition fallback=move || view! { <p class="loading">{t_string!(i18n, common.loading)}</p> }>
            {move || match conversations.get() {
                None => view! { <p class="loading">{t_string!(i18n, common.loading)}</p> }.into_any(),
                Some(Ok(page)) if page.rows.is_empty() => {
                    view! { <p class="muted empty">{t_string!(i18n, inbox.no_conversations)}</p> }.into_any()
                }
                Some(Ok(page)) => {
                    let filter = location.get_untracked().filter;
                    let newest = page.older;
                    let mut rows = page.rows;
                    // A conversation with new activity moved up into the
                    // newest part: show it there only.
                    let loaded: Vec<_> = older.rows(filter).into_iter().filter(|row| {
                        !rows.iter().any(|shown| shown.conversation_id == row.conversation_id)
                    }).collect();
                    rows.extend(loaded);
                    let more = older.next(filter, newest).is_some();
                    view! {
                        <ul class="conversations">
                            {rows
                                .into_iter()
                                .map(|row| view! { <ConversationRow row location/> })
                                .collect_view()}
                        </ul>
                        {more.then(|| view! {
                            <button
                                type="button"
                                class="button link show-older"
                                disabled=move || older.loading.get()
                                on:click=move |_| show_older(filter, newest)
                            >
                                {t_string!(i18n, inbox.show_older_conversations)}
                            </button>
                        })}
                        {move || older.error.get().map(|error| view! { <p role="alert">{error}</p> })}
                    }
                    .into_any()
                }
                Some(Err(error)) => view! { <p role="alert">{error.to_string()}</p> }.into_any(),
            }}
            </Transition>
        </section>
    }
}

/// A filter tab's name.
fn filter_label(filter: ConversationFilter) -> &'static str {
    let i18n = use_i18n();
    match filter {
        ConversationFilter::All => t_string!(i18n, inbox.filters.all),
        ConversationFilter::Mine => t_string!(i18n, inbox.filters.mine),
        ConversationFilter::Unassigned => t_string!(i18n, common.unassigned),
    }
}

#[component]
fn ConversationRow(row: ConversationSummary, location: Memo<InboxLocation>) -> impl IntoView {
    let i18n = use_i18n();
    let contact_id = row.contact_id;
    let href = move || {
        InboxLocation {
            contact: Some(contact_id),
            channel: None,
            details: false,
            ..location.get()
        }
        .href()
    };
    let selected = move || (location.get().contact == Some(contact_id)).then_some("true");
    view! {
        <li class="conversation-row" class:unread=row.unread>
            <a href=href aria-current=selected>
                <span class="row-head">
                    <span class="row-name">{row.contact_name.clone()}</span>
                    {row.unread.then(|| view! {
                        <span class="unread-dot" aria-hidden="true"></span>
                        <span class="visually-hidden">" " {t_string!(i18n, inbox.unread)}</span>
                    })}
                    {row.last_message_at.map(|at| view! {
                        <time class="row-time" datetime=rfc3339_utc(at)>{date_time(at)}</time>
                    })}
                </span>
                <span class="row-meta">
                    <span class=format!("status status-{}", row.status.key())>{conversation_status_label(row.status)}</span>
                    {row.assignee_name.clone().map(|name| view! { <span>" · " {name}</span> })}
                </span>
                <span class="row-reach" data-testid="conversation-reach">
                    {row.channel.map(|kind| view! {
                        <span class=format!("channel-name channel-{}", kind.key())>{channel_kind_label(kind)}</span>
                    })}
                    {row.channel.and(row.reached_at.as_ref()).map(|_| " · ")}
                    {row.reached_at.clone()}
                </span>
                {row.preview.clone().map(|text| view! { <span class="row-preview">{text}</span> })}
            </a>
        </li>
    }
}
