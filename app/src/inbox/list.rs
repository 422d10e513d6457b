use super::api::inbox_conversations;
use super::location::InboxLocation;
use super::model::{
    ConversationFilter, ConversationListRequest, ConversationPage, ConversationSummary,
};
use super::older::OlderConversations;
use crate::error::AppError;
use leptos::prelude::*;
use shared::timestamp::{format_utc, rfc3339_utc};

/// The filter tabs and the conversation list, newest activity first, with
/// "Show older conversations" below the newest page.
#[component]
pub(super) fn ConversationList(
    location: Memo<InboxLocation>,
    conversations: Resource<Result<ConversationPage, AppError>>,
    older: OlderConversations,
) -> impl IntoView {
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
        <section class="conversation-list" aria-label="Conversations">
            <nav class="inbox-filters" aria-label="Filter conversations">
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
                            <a href=href aria-current=current class="filter">{filter.label()}</a>
                        }
                    })
                    .collect_view()}
            </nav>
            <Transition fallback=|| view! { <p class="loading">"Loading…"</p> }>
            {move || match conversations.get() {
                None => view! { <p class="loading">"Loading…"</p> }.into_any(),
                Some(Ok(page)) if page.rows.is_empty() => {
                    view! { <p class="muted empty">"No conversations."</p> }.into_any()
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
                                "Show older conversations"
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

#[component]
fn ConversationRow(row: ConversationSummary, location: Memo<InboxLocation>) -> impl IntoView {
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
                        <span class="visually-hidden">" (unread)"</span>
                    })}
                    {row.last_message_at.map(|at| view! {
                        <time class="row-time" datetime=rfc3339_utc(at)>{format_utc(at)}</time>
                    })}
                </span>
                <span class="row-meta">
                    <span class=format!("status status-{}", row.status.key())>{row.status.label()}</span>
                    {row.assignee_name.clone().map(|name| view! { <span>" · " {name}</span> })}
                </span>
                <span class="row-reach" data-testid="conversation-reach">
                    {row.channel.map(|kind| view! {
                        <span class=format!("channel-name channel-{}", kind.key())>{kind.label()}</span>
                    })}
                    {row.channel.and(row.reached_at.as_ref()).map(|_| " · ")}
                    {row.reached_at.clone()}
                </span>
                {row.preview.clone().map(|text| view! { <span class="row-preview">{text}</span> })}
            </a>
        </li>
    }
}
