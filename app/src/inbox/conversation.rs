use super::api::inbox_older_messages;
use super::location::InboxLocation;
use super::model::{ConversationView, Direction, MessageView, OlderMessagesRequest, WorkflowRun};
use super::older::OlderMessages;
use crate::error::AppError;
use crate::icons::{ChannelIcon, Icon, LuArrowLeft, LuInfo};
use leptos::prelude::*;
use shared::timestamp::{format_utc, rfc3339_utc};

/// The open conversation: its contact, workflow runs and messages.
#[component]
pub(super) fn ConversationPane(
    location: Memo<InboxLocation>,
    conversation: Resource<Result<Option<ConversationView>, AppError>>,
    older: OlderMessages,
) -> impl IntoView {
    view! {
        <Transition fallback=|| view! { <p class="loading">"Loading…"</p> }>
        {move || match conversation.get() {
            None => view! { <p class="loading">"Loading…"</p> }.into_any(),
            Some(Ok(Some(view))) => view! { <OpenConversation view location older/> }.into_any(),
            Some(Ok(None)) => view! {
                <p class="muted empty">"Pick a conversation to read it."</p>
            }
            .into_any(),
            Some(Err(error)) => view! { <p role="alert">{error.to_string()}</p> }.into_any(),
        }}
        </Transition>
    }
}

#[component]
fn OpenConversation(
    view: ConversationView,
    location: Memo<InboxLocation>,
    older: OlderMessages,
) -> impl IntoView {
    let contact_id = view.contact_id;
    let newest = view.older_messages;
    let show_older = move |_| {
        older.load(contact_id, newest, move |before| async move {
            inbox_older_messages(OlderMessagesRequest { contact_id, before })
                .await
                .map(|page| (page.messages.into_iter().rev().collect(), page.older))
        });
    };
    let more = move || older.next(contact_id, newest).is_some();
    // Loaded pages are kept newest first; the list shows oldest first.
    let earlier = move || {
        let mut loaded = older.rows(contact_id);
        loaded.reverse();
        loaded
            .into_iter()
            .map(|message| view! { <Message message/> })
            .collect_view()
    };
    let details_href = move || {
        InboxLocation {
            details: true,
            ..location.get()
        }
        .href()
    };
    let initials: String = view
        .contact_name
        .split_whitespace()
        .filter_map(|word| word.chars().next())
        .take(2)
        .collect();
    let avatar_label = format!("Open contact details for {}", view.contact_name);
    let blocked_note = view.blocked.then(|| {
        view! {
            <p class="blocked-note">
                "This contact is blocked. Messages it sends are kept but not shown; "
                "unblock it in the Contacts module."
            </p>
        }
    });
    let list_href = move || location.get().list().href();
    view! {
        <header class="conversation-head">
            <a href=list_href class="icon-button back-to-list" aria-label="Back to conversations">
                <Icon icon=LuArrowLeft/>
            </a>
            <a href=details_href class="avatar" aria-label=avatar_label>
                <span aria-hidden="true">{initials}</span>
            </a>
            <div class="conversation-who">
                <h2>{view.contact_name.clone()}</h2>
                <p>
                    <span class=format!("status status-{}", view.status.key()) data-testid="conversation-status">
                        {view.status.label()}
                    </span>
                </p>
            </div>
            <a href=details_href class="icon-button" aria-label="Contact details">
                <Icon icon=LuInfo/>
            </a>
        </header>
        {blocked_note}
        <Workflows runs=view.workflows/>
        <div class="message-scroller" tabindex="0">
            <ol class="messages" aria-label="Messages">
                <Show when=more>
                    <li class="show-older">
                        <button
                            type="button"
                            class="button link"
                            disabled=move || older.loading.get()
                            on:click=show_older
                        >
                            "Show older messages"
                        </button>
                    </li>
                </Show>
                {move || older.error.get().map(|error| view! { <li role="alert">{error}</li> })}
                {earlier}
                {view
                    .messages
                    .into_iter()
                    .map(|message| view! { <Message message/> })
                    .collect_view()}
            </ol>
        </div>
    }
}

/// A contact's automation runs (shown beside the conversation).
#[component]
fn Workflows(runs: Vec<WorkflowRun>) -> impl IntoView {
    (!runs.is_empty()).then(|| {
        view! {
            <details class="workflows">
                <summary>"Workflows (" {runs.len()} ")"</summary>
                <ul aria-label="Workflows">
                    {runs
                        .into_iter()
                        .map(|run| {
                            let stopped = run.stopped_at.map(|at| {
                                let reason = run
                                    .stop_reason
                                    .clone()
                                    .map(|reason| format!(" ({reason})"))
                                    .unwrap_or_default();
                                format!(" · ended {}{reason}", format_utc(at))
                            });
                            view! {
                                <li class="workflow">
                                    <span class="workflow-name">{run.name}</span>
                                    " · "
                                    <span class=format!("workflow-status workflow-{}", run.status.key())>
                                        {run.status.label()}
                                    </span>
                                    " · started " {format_utc(run.started_at)} {stopped}
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </details>
        }
    })
}

#[component]
fn Message(message: MessageView) -> impl IntoView {
    let (class, direction) = match message.direction {
        Direction::In => ("message incoming", "Received"),
        Direction::Out => ("message outgoing", "Sent"),
    };
    let channel = message.channel_kind.map(|kind| {
        let name = message
            .channel_name
            .clone()
            .unwrap_or_else(|| kind.label().to_string());
        view! {
            <span class=format!("channel-icon channel-{}", kind.key()) aria-hidden="true" title=name.clone()>
                <ChannelIcon kind/>
            </span>
            <span class="visually-hidden">{format!(" on {name}")}</span>
        }
    });
    view! {
        <li class=class data-message-id=message.id>
            <p class="message-meta">
                {channel}
                <span class="message-direction">{direction}</span>
                " · "
                <time datetime=rfc3339_utc(message.sent_at)>{format_utc(message.sent_at)}</time>
                {message.while_blocked.then(|| view! {
                    <span class="while-blocked">" · received while blocked"</span>
                })}
            </p>
            <p class="message-body">{message.body}</p>
        </li>
    }
}
